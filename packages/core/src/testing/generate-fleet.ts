import type { CloudOffer } from '../config/cloud-offer.js';
import type { RegisteredGpu } from '../config/gpu-registration.js';
import { gpuReferenceTable } from '../cost/gpu-cost-table.js';
import type { LocalGpuState } from '../engine/fleet/local-gpu-state.js';
import type { RandomSource } from '../random/random-source.js';

/** Shape of a generated fleet. */
export interface GenerateFleetOptions {
  readonly size: number;
  readonly random: RandomSource;
  /** @default ['on-prem-berlin', 'on-prem-frankfurt'] */
  readonly locations?: readonly string[];
  /** Models drawn from, by name in the built-in reference table. @default models with a purchase price */
  readonly models?: readonly string[];
  /** Share of GPUs allocated, busy for up to two hours. @default 0.5 */
  readonly busyShare?: number;
  /** Epoch ms the `busyUntil` times are relative to. @default 0 */
  readonly now?: number;
}

function pick<T>(items: readonly T[], random: RandomSource): T {
  return items[Math.floor(random.next() * items.length)] as T;
}

/** Generates local GPU states deterministically from the random source (for tests, benchmarks, simulation). */
export function generateFleet(options: GenerateFleetOptions): LocalGpuState[] {
  const { random, size } = options;
  const locations = options.locations ?? ['on-prem-berlin', 'on-prem-frankfurt'];
  const entries = gpuReferenceTable.filter((entry) =>
    options.models ? options.models.includes(entry.model) : entry.purchasePriceUsd !== undefined,
  );
  const now = options.now ?? 0;
  const states: LocalGpuState[] = [];
  for (let index = 0; index < size; index++) {
    const entry = pick(entries, random);
    const gpu: RegisteredGpu = {
      id: `gpu_${index.toString(16).padStart(8, '0')}`,
      model: entry.model,
      vramGb: entry.vramGb,
      cudaVersion: pick(['11.8', '12.1', '12.4'], random),
      computeCapability: '8.6',
      hostAddress: `10.0.${Math.floor(index / 8) % 256}.${index % 8}`,
      location: pick(locations, random),
      availabilitySchedule: '24/7',
      accessRestrictions: { tenants: [], roles: [] },
      tags: ['gdpr'],
      powerWatts: entry.tdpWatts,
      purchasePriceUsd: entry.purchasePriceUsd ?? 10_000,
      depreciationYears: 3,
    };
    const busy = random.next() < (options.busyShare ?? 0.5);
    states.push(busy ? { gpu, busyUntil: now + Math.floor(random.next() * 7_200_000) } : { gpu });
  }
  return states;
}

/** Shape of generated cloud offers. */
export interface GenerateOffersOptions {
  readonly count: number;
  readonly random: RandomSource;
  /** @default ['eu-central', 'eu-west', 'us-east', 'us-west'] */
  readonly regions?: readonly string[];
}

/** Generates cloud offers priced around the reference table's Vast and RunPod figures. */
export function generateOffers(options: GenerateOffersOptions): CloudOffer[] {
  const { random } = options;
  const regions = options.regions ?? ['eu-central', 'eu-west', 'us-east', 'us-west'];
  const entries = gpuReferenceTable.filter(
    (entry) => entry.vastMedianUsdPerHour !== undefined || entry.runpodSecureUsdPerHour !== undefined,
  );
  const offers: CloudOffer[] = [];
  for (let index = 0; index < options.count; index++) {
    const entry = pick(entries, random);
    const provider =
      entry.vastMedianUsdPerHour !== undefined && (entry.runpodSecureUsdPerHour === undefined || random.next() < 0.6) ? 'vast' : 'runpod';
    const base = (provider === 'vast' ? entry.vastMedianUsdPerHour : entry.runpodSecureUsdPerHour) ?? 1;
    const gpuCount = pick([1, 1, 1, 2, 4, 8], random);
    offers.push({
      provider,
      offerId: `${provider}-${index}`,
      gpuModel: entry.model,
      gpuCount,
      vramGb: entry.vramGb,
      pricePerHourUsd: Math.round(base * gpuCount * (0.7 + random.next() * 0.6) * 1000) / 1000,
      region: pick(regions, random),
      reliability: Math.round((0.85 + random.next() * 0.15) * 1000) / 1000,
      uploadMbps: Math.round(100 + random.next() * 900),
      downloadMbps: Math.round(100 + random.next() * 900),
      interruptible: random.next() < 0.2,
      cudaVersion: pick(['11.8', '12.1', '12.4', '12.8'], random),
      computeCapability: '8.6',
      verified: random.next() < 0.5,
      tags: random.next() < 0.5 ? ['gdpr'] : [],
    });
  }
  return offers;
}
