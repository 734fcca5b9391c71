import type { GpuRegistration } from '../config/gpu-registration.js';
import type { SchedulerConfig } from '../config/scheduler-config.js';
import { ValidationError, type ValidationIssue } from '../errors/validation-error.js';
import { findGpuReference } from './gpu-cost-table.js';

const hoursPerYear = 8_760;

/** What running one local GPU costs per hour (K1), and where each figure came from. */
export interface LocalCostProfile {
  readonly powerWatts: number;
  readonly purchasePriceUsd: number;
  readonly energyUsdPerHour: number;
  readonly depreciationUsdPerHour: number;
  /** Energy plus depreciation. */
  readonly usdPerHour: number;
  readonly powerSource: 'registration' | 'reference-table';
  readonly priceSource: 'registration' | 'reference-table';
}

/**
 * Resolves a GPU's hourly cost: energy = power × PUE × electricity price, depreciation = purchase
 * price / (years × 8760 h). Missing power or price come from the built-in reference table.
 * @throws ValidationError when neither the registration nor the table knows a figure.
 */
export function resolveLocalCostProfile(gpu: GpuRegistration, cost: SchedulerConfig['cost']): LocalCostProfile {
  const reference = findGpuReference(gpu.model, gpu.vramGb);
  const powerWatts = gpu.powerWatts ?? reference?.tdpWatts;
  const purchasePriceUsd = gpu.purchasePriceUsd ?? reference?.purchasePriceUsd;
  const issues: ValidationIssue[] = [];
  if (powerWatts === undefined) {
    issues.push({ path: 'powerWatts', message: `no built-in power figure for "${gpu.model}": set powerWatts` });
  }
  if (purchasePriceUsd === undefined) {
    issues.push({
      path: 'purchasePriceUsd',
      message: `no built-in purchase price for "${gpu.model}": set purchasePriceUsd (0 if fully depreciated)`,
    });
  }
  if (powerWatts === undefined || purchasePriceUsd === undefined) throw new ValidationError('GPU registration', issues);
  const energyUsdPerHour = (powerWatts / 1000) * cost.pue * cost.electricityUsdPerKwh;
  const depreciationUsdPerHour = purchasePriceUsd / (gpu.depreciationYears * hoursPerYear);
  return {
    powerWatts,
    purchasePriceUsd,
    energyUsdPerHour,
    depreciationUsdPerHour,
    usdPerHour: energyUsdPerHour + depreciationUsdPerHour,
    powerSource: gpu.powerWatts === undefined ? 'reference-table' : 'registration',
    priceSource: gpu.purchasePriceUsd === undefined ? 'reference-table' : 'registration',
  };
}
