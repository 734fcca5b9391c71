import type { LocalCostProfile } from '../cost/local-cost-profile.js';

/** Costs recorded after jobs ran (K1), for the dashboard and reports. */
export interface CostTotals {
  readonly localEnergyUsd: number;
  readonly localDepreciationUsd: number;
  readonly cloudUsd: number;
  readonly totalUsd: number;
}

export class CostTracker {
  private energy = 0;
  private depreciation = 0;
  private cloud = 0;

  /** Records a local run; returns its cost. */
  recordLocal(profile: LocalCostProfile, seconds: number): number {
    const energy = (profile.energyUsdPerHour * seconds) / 3_600;
    const depreciation = (profile.depreciationUsdPerHour * seconds) / 3_600;
    this.energy += energy;
    this.depreciation += depreciation;
    return energy + depreciation;
  }

  recordCloud(usd: number): number {
    this.cloud += usd;
    return usd;
  }

  totals(): CostTotals {
    return {
      localEnergyUsd: this.energy,
      localDepreciationUsd: this.depreciation,
      cloudUsd: this.cloud,
      totalUsd: this.energy + this.depreciation + this.cloud,
    };
  }
}
