import { describe, expect, it } from 'vitest';
import type { GpuRegistrationInput } from '../config/gpu-registration.js';
import { parseGpuRegistration } from '../config/parse-entities.js';
import { parseSchedulerConfig, type SchedulerConfigInput } from '../config/scheduler-config.js';
import { ValidationError } from '../errors/validation-error.js';
import { type LocalCostProfile, resolveLocalCostProfile } from './local-cost-profile.js';

const hoursPerYear = 8760;

function registration(input: Partial<GpuRegistrationInput>) {
  return parseGpuRegistration({
    model: 'NVIDIA GeForce RTX 4090',
    vramGb: 24,
    cudaVersion: '12.4',
    hostAddress: '10.0.0.1',
    location: 'on-prem-berlin',
    ...input,
  });
}

function resolve(gpu: Partial<GpuRegistrationInput>, cost: SchedulerConfigInput['cost'] = {}): LocalCostProfile {
  return resolveLocalCostProfile(registration(gpu), parseSchedulerConfig({ cost }).cost);
}

function captureError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a thrown error');
}

describe('resolveLocalCostProfile (K1)', () => {
  // energy $/h = W / 1000 × PUE × $/kWh; depreciation $/h = price / (years × 8760 h)
  it.each<{
    name: string;
    gpu: Partial<GpuRegistrationInput>;
    cost?: SchedulerConfigInput['cost'];
    powerWatts: number;
    purchasePriceUsd: number;
    energy: number;
    depreciation: number;
    powerSource: LocalCostProfile['powerSource'];
    priceSource: LocalCostProfile['priceSource'];
  }>([
    {
      name: 'RTX 4090 from the table, default cost settings',
      gpu: {},
      powerWatts: 450,
      purchasePriceUsd: 1599,
      energy: 0.05265, // 0.45 kW × 0.117 $/kWh
      depreciation: 0.060845, // 1599 / 26280 h
      powerSource: 'reference-table',
      priceSource: 'reference-table',
    },
    {
      name: 'registration power overrides the table',
      gpu: { powerWatts: 400 },
      powerWatts: 400,
      purchasePriceUsd: 1599,
      energy: 0.0468,
      depreciation: 1599 / (3 * hoursPerYear),
      powerSource: 'registration',
      priceSource: 'reference-table',
    },
    {
      name: 'registration price overrides the table',
      gpu: { purchasePriceUsd: 2190 },
      powerWatts: 450,
      purchasePriceUsd: 2190,
      energy: 0.05265,
      depreciation: 2190 / (3 * hoursPerYear),
      powerSource: 'reference-table',
      priceSource: 'registration',
    },
    {
      name: 'purchase price 0 (fully depreciated) is allowed',
      gpu: { purchasePriceUsd: 0 },
      powerWatts: 450,
      purchasePriceUsd: 0,
      energy: 0.05265,
      depreciation: 0,
      powerSource: 'reference-table',
      priceSource: 'registration',
    },
    {
      name: 'five-year depreciation',
      gpu: { depreciationYears: 5 },
      powerWatts: 450,
      purchasePriceUsd: 1599,
      energy: 0.05265,
      depreciation: 1599 / (5 * hoursPerYear),
      powerSource: 'reference-table',
      priceSource: 'reference-table',
    },
    {
      name: 'PUE 1.5 and 0.30 $/kWh',
      gpu: {},
      cost: { pue: 1.5, electricityUsdPerKwh: 0.3 },
      powerWatts: 450,
      purchasePriceUsd: 1599,
      energy: 0.2025, // 0.45 × 1.5 × 0.30
      depreciation: 1599 / (3 * hoursPerYear),
      powerSource: 'reference-table',
      priceSource: 'reference-table',
    },
    {
      name: 'free electricity',
      gpu: {},
      cost: { electricityUsdPerKwh: 0 },
      powerWatts: 450,
      purchasePriceUsd: 1599,
      energy: 0,
      depreciation: 1599 / (3 * hoursPerYear),
      powerSource: 'reference-table',
      priceSource: 'reference-table',
    },
    {
      name: 'A100-SXM4-80GB: table power (300 W), registered price',
      gpu: { model: 'NVIDIA A100-SXM4-80GB', vramGb: 80, purchasePriceUsd: 17000 },
      powerWatts: 300,
      purchasePriceUsd: 17000,
      energy: 0.0351,
      depreciation: 17000 / (3 * hoursPerYear),
      powerSource: 'reference-table',
      priceSource: 'registration',
    },
    {
      name: 'A100-PCIE-40GB: table power (250 W) and price ($15,000)',
      gpu: { model: 'A100-PCIE-40GB', vramGb: 40 },
      powerWatts: 250,
      purchasePriceUsd: 15000,
      energy: 0.02925,
      depreciation: 0.570776, // 15000 / 26280
      powerSource: 'reference-table',
      priceSource: 'reference-table',
    },
    {
      name: '"A100" with 80 GB uses the 80 GB entry (300 W)',
      gpu: { model: 'A100', vramGb: 80, purchasePriceUsd: 15000 },
      powerWatts: 300,
      purchasePriceUsd: 15000,
      energy: 0.0351,
      depreciation: 15000 / (3 * hoursPerYear),
      powerSource: 'reference-table',
      priceSource: 'registration',
    },
    {
      name: 'unknown model with both figures registered',
      gpu: { model: 'H800', vramGb: 80, powerWatts: 350, purchasePriceUsd: 30000, depreciationYears: 4 },
      powerWatts: 350,
      purchasePriceUsd: 30000,
      energy: 0.04095,
      depreciation: 30000 / (4 * hoursPerYear),
      powerSource: 'registration',
      priceSource: 'registration',
    },
  ])('$name', ({ gpu, cost, powerWatts, purchasePriceUsd, energy, depreciation, powerSource, priceSource }) => {
    const profile = resolve(gpu, cost);
    expect(profile.powerWatts).toBe(powerWatts);
    expect(profile.purchasePriceUsd).toBe(purchasePriceUsd);
    expect(profile.energyUsdPerHour).toBeCloseTo(energy, 6);
    expect(profile.depreciationUsdPerHour).toBeCloseTo(depreciation, 6);
    expect(profile.usdPerHour).toBeCloseTo(energy + depreciation, 6);
    expect(profile.powerSource).toBe(powerSource);
    expect(profile.priceSource).toBe(priceSource);
  });

  it('RTX 4090 costs about $0.1135 per hour with the defaults', () => {
    expect(resolve({}).usdPerHour).toBeCloseTo(0.05265 + 1599 / 26280, 10);
    expect(resolve({}).usdPerHour).toBeCloseTo(0.113495, 6);
  });

  describe('missing figures', () => {
    it.each<{ name: string; gpu: Partial<GpuRegistrationInput>; paths: string[] }>([
      { name: 'unknown model, neither figure', gpu: { model: 'H800', vramGb: 80 }, paths: ['powerWatts', 'purchasePriceUsd'] },
      { name: 'unknown model, power only', gpu: { model: 'H800', vramGb: 80, powerWatts: 350 }, paths: ['purchasePriceUsd'] },
      { name: 'unknown model, price only', gpu: { model: 'H800', vramGb: 80, purchasePriceUsd: 30000 }, paths: ['powerWatts'] },
      { name: 'known model without a table price (T4)', gpu: { model: 'Tesla T4', vramGb: 16 }, paths: ['purchasePriceUsd'] },
      {
        name: 'known model without a table price (A100 80GB)',
        gpu: { model: 'NVIDIA A100-SXM4-80GB', vramGb: 80 },
        paths: ['purchasePriceUsd'],
      },
    ])('$name: ValidationError listing $paths', ({ gpu, paths }) => {
      const error = captureError(() => resolve(gpu));
      expect(error).toBeInstanceOf(ValidationError);
      if (!ValidationError.isInstance(error)) throw error;
      expect(error.code).toBe('AIMA_VALIDATION');
      expect(error.issues.map((issue) => issue.path)).toEqual(paths);
      for (const issue of error.issues) expect(issue.message).toContain(`"${gpu.model}"`);
    });

    it('lists both problems in one message, with what to set', () => {
      const error = captureError(() => resolve({ model: 'H800', vramGb: 80 }));
      if (!ValidationError.isInstance(error)) throw error;
      expect(error.message).toContain('Invalid GPU registration (2 problems)');
      expect(error.message).toContain('powerWatts: no built-in power figure for "H800": set powerWatts');
      expect(error.message).toContain(
        'purchasePriceUsd: no built-in purchase price for "H800": set purchasePriceUsd (0 if fully depreciated)',
      );
    });
  });
});
