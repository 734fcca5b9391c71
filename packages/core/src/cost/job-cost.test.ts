import { describe, expect, it } from 'vitest';
import { parseGpuRegistration } from '../config/parse-entities.js';
import { parseSchedulerConfig } from '../config/scheduler-config.js';
import { estimateCloudJobCostUsd, estimateLocalJobCostUsd, transferSeconds } from './job-cost.js';
import { type LocalCostProfile, resolveLocalCostProfile } from './local-cost-profile.js';

function profile(usdPerHour: number): LocalCostProfile {
  return {
    powerWatts: 0,
    purchasePriceUsd: 0,
    energyUsdPerHour: usdPerHour,
    depreciationUsdPerHour: 0,
    usdPerHour,
    powerSource: 'registration',
    priceSource: 'registration',
  };
}

describe('estimateLocalJobCostUsd: hourly cost × duration', () => {
  it.each([
    { usdPerHour: 0.5, seconds: 3600, cost: 0.5 },
    { usdPerHour: 0.5, seconds: 1800, cost: 0.25 },
    { usdPerHour: 0.5, seconds: 0, cost: 0 },
    { usdPerHour: 1.2, seconds: 90, cost: 0.03 },
    { usdPerHour: 0, seconds: 7200, cost: 0 },
  ])('$usdPerHour $/h for $seconds s costs $cost', ({ usdPerHour, seconds, cost }) => {
    expect(estimateLocalJobCostUsd(profile(usdPerHour), seconds)).toBeCloseTo(cost, 10);
  });

  it('an RTX 4090 for two hours costs 2 × (0.05265 + 1599 / 26280) $', () => {
    const gpu = parseGpuRegistration({
      model: 'NVIDIA GeForce RTX 4090',
      vramGb: 24,
      cudaVersion: '12.4',
      hostAddress: '10.0.0.1',
      location: 'on-prem-berlin',
    });
    const rtx4090 = resolveLocalCostProfile(gpu, parseSchedulerConfig().cost);
    expect(estimateLocalJobCostUsd(rtx4090, 7200)).toBeCloseTo(2 * (0.05265 + 0.060845), 5);
  });
});

describe('estimateCloudJobCostUsd: price × billed time + transfer', () => {
  it.each([
    { name: 'one hour, no transfer', price: 0.4, billedSeconds: 3600, transferGb: 0, usdPerGb: 0, cost: 0.4 },
    { name: '90 minutes', price: 0.4, billedSeconds: 5400, transferGb: 0, usdPerGb: 0, cost: 0.6 },
    { name: 'transfer priced at 0 by default', price: 0.4, billedSeconds: 3600, transferGb: 50, usdPerGb: 0, cost: 0.4 },
    { name: '10 GB at $0.09/GB', price: 0.4, billedSeconds: 3600, transferGb: 10, usdPerGb: 0.09, cost: 1.3 },
    { name: 'free instance, paid transfer', price: 0, billedSeconds: 3600, transferGb: 2, usdPerGb: 0.05, cost: 0.1 },
    { name: 'no time billed', price: 2.99, billedSeconds: 0, transferGb: 0, usdPerGb: 0.09, cost: 0 },
    {
      name: 'upload of 1 GB at 8 Mbit/s (1000 s) plus one hour',
      price: 1.8,
      billedSeconds: 3600 + 1000,
      transferGb: 1,
      usdPerGb: 0.01,
      cost: 2.31,
    },
  ])('$name: $cost', ({ price, billedSeconds, transferGb, usdPerGb, cost }) => {
    const config = parseSchedulerConfig({ cost: { transferUsdPerGb: usdPerGb } });
    expect(estimateCloudJobCostUsd({ pricePerHourUsd: price }, billedSeconds, transferGb, config.cost)).toBeCloseTo(cost, 10);
  });

  it('an upload that never ends costs Infinity', () => {
    const cost = estimateCloudJobCostUsd({ pricePerHourUsd: 0.4 }, Number.POSITIVE_INFINITY, 1, parseSchedulerConfig().cost);
    expect(cost).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('transferSeconds (1 GB = 8000 Mbit)', () => {
  it.each([
    { sizeGb: 0, mbps: 100, seconds: 0 },
    { sizeGb: 0, mbps: 0, seconds: 0 },
    { sizeGb: -1, mbps: 8, seconds: 0 },
    { sizeGb: 1, mbps: 0, seconds: Number.POSITIVE_INFINITY },
    { sizeGb: 1, mbps: -5, seconds: Number.POSITIVE_INFINITY },
    { sizeGb: 1, mbps: 8, seconds: 1000 },
    { sizeGb: 10, mbps: 100, seconds: 800 },
    { sizeGb: 0.5, mbps: 1000, seconds: 4 },
    { sizeGb: 100, mbps: 1000, seconds: 800 },
  ])('$sizeGb GB at $mbps Mbit/s takes $seconds s', ({ sizeGb, mbps, seconds }) => {
    expect(transferSeconds(sizeGb, mbps)).toBe(seconds);
  });
});
