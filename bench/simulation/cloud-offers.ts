import type { CloudOffer } from '@aima/core';
import { type CsvRow, numberField, parseCsv } from './csv.js';

/**
 * Cloud offers from `gpu_cost_reference.csv`: for every GPU model, each provider price the file
 * has (Vast median, SkyPilot catalog v8 else v7; RunPod secure; RunPod community) becomes three
 * 1-GPU on-demand offers in three regions at 0.9×, 1.0× and 1.15× that price. The spread and
 * regions are ASSUMED (the file holds one median per model), as are the reliabilities: Vast 0.95
 * (unverified hosts), RunPod community 0.97, RunPod secure 0.99 (verified). Bandwidth 1 Gb/s.
 */
interface Tier {
  readonly provider: 'vast' | 'runpod';
  readonly tier: string;
  readonly columns: readonly string[];
  readonly reliability: number;
  readonly verified: boolean;
}

const tiers: readonly Tier[] = [
  {
    provider: 'vast',
    tier: 'median',
    columns: ['vast_median_usd_hr_skypilot_v8', 'vast_median_usd_hr_skypilot_v7'],
    reliability: 0.95,
    verified: false,
  },
  { provider: 'runpod', tier: 'secure', columns: ['runpod_secure_usd_hr_2025_06_21'], reliability: 0.99, verified: true },
  { provider: 'runpod', tier: 'community', columns: ['runpod_community_usd_hr_2025_06_21'], reliability: 0.97, verified: false },
];

/** Region and price multiplier of the three offers per model and tier. */
export const offerSpread: readonly { readonly region: string; readonly factor: number }[] = [
  { region: 'us-east', factor: 0.9 },
  { region: 'eu-central', factor: 1 },
  { region: 'us-west', factor: 1.15 },
];

/** Builds the offers. @throws Error when the file lacks the `gpu` or `vram_gb` column. */
export function cloudOffersFromCostReference(csv: string): CloudOffer[] {
  const offers: CloudOffer[] = [];
  for (const row of parseCsv(csv, ['gpu', 'vram_gb'])) {
    const vramGb = numberField(row, 'vram_gb');
    if (!row.gpu || vramGb === undefined) continue;
    for (const tier of tiers) {
      const price = firstPrice(row, tier.columns);
      if (price !== undefined) offers.push(...offersFor(row.gpu, vramGb, price, tier));
    }
  }
  return offers;
}

function firstPrice(row: CsvRow, columns: readonly string[]): number | undefined {
  for (const column of columns) {
    const price = numberField(row, column);
    if (price !== undefined) return price;
  }
  return undefined;
}

function offersFor(gpuModel: string, vramGb: number, price: number, tier: Tier): CloudOffer[] {
  const slug = gpuModel.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return offerSpread.map(({ region, factor }) => ({
    provider: tier.provider,
    offerId: `${tier.provider}-${tier.tier}-${slug}-${region}`,
    gpuModel,
    gpuCount: 1,
    vramGb,
    pricePerHourUsd: Math.round(price * factor * 10_000) / 10_000,
    region,
    reliability: tier.reliability,
    uploadMbps: 1_000,
    downloadMbps: 1_000,
    interruptible: false,
    cudaVersion: '12.4',
    verified: tier.verified,
    tags: [],
  }));
}
