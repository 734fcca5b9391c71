import {
  type AvailabilitySchedule,
  type CloudOffer,
  createSeededRandom,
  gpuReferenceTable,
  type JobSpec,
  type LocalGpuState,
  parseJobSpec,
  type RandomSource,
} from '@aima/core';
import { generateFleet, generateOffers } from '@aima/core/testing';

/**
 * Random small inputs on which the seed and the engine are defined the same way: every GPU
 * healthy and unrestricted, no region, tag or model requirement, media on the premises
 * (`media.location` unset). Further restrictions, each for a semantic difference:
 *
 * - Site upload ≤ 100 Mbit/s (generated offers download at ≥ 100): the seed's
 *   `estimate_upload_time(media_size)` knows only the site's link, the engine uses the chosen
 *   offer's upload time, limited by the slower of the site's upload and the offer's download.
 * - `models: 'single'` (one GPU model per fleet, so every GPU costs the same per hour): the seed
 *   compares the cloud with `estimate_local_cost` over the suitable GPUs (here: the cheapest, a
 *   free one first), the engine with the cost of the local GPU its scorers pick, which may be a
 *   snugger-fitting or sooner-free but pricier one. `models: 'mixed'` lifts this restriction.
 */
export interface DifferentialCase {
  readonly states: LocalGpuState[];
  readonly offers: CloudOffer[];
  readonly job: JobSpec;
  readonly now: number;
  readonly uploadBandwidthMbps: number;
}

export interface DifferentialCaseOptions {
  readonly models: 'single' | 'mixed';
  /** Give GPUs weekly availability windows and vary `now` over a week. @default false */
  readonly schedules?: boolean;
}

const baseNow = Date.UTC(2026, 0, 15, 12, 0, 0);

/** The models `generateFleet` draws from by default: those with a purchase price. */
const pricedModels = gpuReferenceTable.filter((entry) => entry.purchasePriceUsd !== undefined).map((entry) => entry.model);

const schedules: readonly AvailabilitySchedule[] = [
  '24/7',
  [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '08:00', end: '18:00', utcOffsetMinutes: 60 }],
  [{ days: ['fri', 'sat', 'sun'], start: '22:00', end: '06:00', utcOffsetMinutes: 0 }],
  [{ days: ['thu'], start: '11:00', end: '13:30', utcOffsetMinutes: -300 }],
];

function pick<T>(items: readonly T[], random: RandomSource): T {
  return items[Math.floor(random.next() * items.length)] as T;
}

/** A deterministic random case from `seed`. */
export function differentialCase(seed: number, options: DifferentialCaseOptions): DifferentialCase {
  const random = createSeededRandom(seed);
  const now = options.schedules ? baseNow + Math.floor(random.next() * 7 * 24 * 60) * 60_000 : baseNow;
  const generated = generateFleet({
    size: 1 + Math.floor(random.next() * 12),
    random,
    now,
    busyShare: random.next(),
    ...(options.models === 'single' && { models: [pick(pricedModels, random)] }),
  });
  const states = options.schedules
    ? generated.map((state) => ({ ...state, gpu: { ...state.gpu, availabilitySchedule: pick(schedules, random) } }))
    : generated;
  const offers = generateOffers({ count: Math.floor(random.next() * 30), random });
  const minVramGb = pick([undefined, undefined, undefined, 24, 40, 80], random);
  const cudaVersion = pick([undefined, undefined, '12.1', '12.4'], random);
  const computeCapability = pick([undefined, undefined, undefined, undefined, undefined, '8.0', '9.0'], random);
  const job = parseJobSpec(
    {
      type: pick(['video', 'image', 'audio'] as const, random),
      confidentiality: pick(['public', 'internal', 'confidential'] as const, random),
      urgency: pick(['low', 'normal', 'high'] as const, random),
      estimatedDurationSeconds: 60 + Math.round(random.next() * 7_140),
      media: { sizeGb: random.next() < 0.25 ? 0 : Math.round(random.next() * 500) / 10 },
      requirements: {
        ...(minVramGb !== undefined && { minVramGb }),
        ...(cudaVersion !== undefined && { cudaVersion }),
        ...(computeCapability !== undefined && { computeCapability }),
      },
      checkpointable: random.next() < 0.3,
    },
    { now },
  );
  return { states, offers, job, now, uploadBandwidthMbps: 10 + Math.round(random.next() * 90) };
}
