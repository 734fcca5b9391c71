import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cloudOffersFromCostReference } from './cloud-offers.js';
import { defaultDataDir, tracePaths } from './trace-files.js';

const csv = [
  'gpu,vram_gb,tdp_w,vast_median_usd_hr_skypilot_v7,vast_median_usd_hr_skypilot_v8,runpod_secure_usd_hr_2025_06_21,runpod_community_usd_hr_2025_06_21,notes',
  'RTX 4090,24,450,0.4,0.38,0.69,0.34,',
  '"A10 / A10G",24,150,0.255,,,,"vast v7 2x offer only, per GPU"',
  'T4,16,70,,,,,no vast or runpod',
].join('\n');

describe('cloud offers from gpu_cost_reference.csv', () => {
  const offers = cloudOffersFromCostReference(csv);

  it('makes three offers per model and provider tier that has a price', () => {
    expect(offers).toHaveLength(12);
    expect(offers.filter((offer) => offer.gpuModel === 'T4')).toHaveLength(0);
    expect(new Set(offers.map((offer) => offer.offerId)).size).toBe(offers.length);
  });

  it('prices Vast from the v8 median, else v7, spread 0.9× / 1× / 1.15× over three regions', () => {
    const vast4090 = offers.filter((offer) => offer.provider === 'vast' && offer.gpuModel === 'RTX 4090');
    expect(vast4090.map((offer) => [offer.region, offer.pricePerHourUsd])).toEqual([
      ['us-east', 0.342],
      ['eu-central', 0.38],
      ['us-west', 0.437],
    ]);
    expect(offers.filter((offer) => offer.gpuModel === 'A10 / A10G').map((offer) => offer.pricePerHourUsd)).toEqual([
      0.2295, 0.255, 0.2932,
    ]);
  });

  it('states reliability and verification per tier; one GPU, on-demand', () => {
    const tierOf = (id: string) => offers.find((offer) => offer.offerId.startsWith(id));
    expect(tierOf('vast-median')).toMatchObject({ reliability: 0.95, verified: false });
    expect(tierOf('runpod-secure')).toMatchObject({ reliability: 0.99, verified: true, pricePerHourUsd: 0.621 });
    expect(tierOf('runpod-community')).toMatchObject({ reliability: 0.97, verified: false });
    expect(offers.every((offer) => offer.gpuCount === 1 && !offer.interruptible)).toBe(true);
  });

  const path = join(defaultDataDir, tracePaths.costReference);
  it.skipIf(!existsSync(path))('reads the real cost reference: 111 offers, 14 models', () => {
    const real = cloudOffersFromCostReference(readFileSync(path, 'utf8'));
    expect(real).toHaveLength(111);
    expect(new Set(real.map((offer) => offer.gpuModel)).size).toBe(14);
  });
});
