import type { HybridThresholdPolicyConfig } from '../../config/scheduler-config.js';

/** The thresholds the `hybrid-threshold` policy decides with; adapted hourly (seed 002 §4.2). */
export interface HybridThresholds {
  readonly criticalJobLocalMax: number;
  readonly maxWaitTimeSeconds: number;
  readonly costEfficiencyFactor: number;
  readonly localUtilizationThreshold: number;
}

/** One entry of the usage history (seed `record_usage_statistics`). */
export interface UsageSample {
  /** Epoch ms. */
  readonly at: number;
  readonly localUtilization: number;
  readonly averageWaitSeconds?: number;
  /** Average cost per job in the period, both sides, when known. */
  readonly localCostUsd?: number;
  readonly cloudCostUsd?: number;
}

/** The configured starting thresholds. */
export function initialHybridThresholds(config: HybridThresholdPolicyConfig): HybridThresholds {
  return {
    criticalJobLocalMax: config.criticalJobLocalMax,
    maxWaitTimeSeconds: config.maxWaitTimeSeconds,
    costEfficiencyFactor: config.costEfficiencyFactor,
    localUtilizationThreshold: config.localUtilizationThreshold,
  };
}

/**
 * One hourly update of seed 002 `_update_adaptive_thresholds`, as a pure function: from the
 * current thresholds and the usage history in the window before `now`, the next thresholds.
 * With the default `config.adaptation`:
 * - average utilisation < 0.5 → utilisation threshold + 0.05 (≤ 0.9); > 0.8 → − 0.05 (≥ 0.6);
 * - peak wait > 0 → wait threshold = clamp(peak × 0.8, 600 s, 3600 s);
 * - average cloud/local cost ratio < 0.7 → cost factor − 0.05 (≥ 0.6); > 1.2 → + 0.05 (≤ 0.95).
 * An empty window changes nothing. `criticalJobLocalMax` is not adapted, as in the seed.
 */
export function adaptHybridThresholds(
  current: HybridThresholds,
  history: readonly UsageSample[],
  now: number,
  config: HybridThresholdPolicyConfig,
): HybridThresholds {
  const window = history.filter((sample) => now - sample.at <= config.historyWindowSeconds * 1000 && sample.at <= now);
  if (window.length === 0) return current;
  return {
    criticalJobLocalMax: current.criticalJobLocalMax,
    localUtilizationThreshold: nextUtilizationThreshold(current.localUtilizationThreshold, window, config.adaptation),
    maxWaitTimeSeconds: nextWaitThreshold(current.maxWaitTimeSeconds, window, config.adaptation),
    costEfficiencyFactor: nextCostFactor(current.costEfficiencyFactor, window, config.adaptation),
  };
}

type Rules = HybridThresholdPolicyConfig['adaptation'];

function nextUtilizationThreshold(current: number, window: readonly UsageSample[], rules: Rules): number {
  const average = window.reduce((sum, sample) => sum + sample.localUtilization, 0) / window.length;
  if (average < rules.lowUtilization) return Math.min(rules.utilizationThresholdMax, current + rules.utilizationStep);
  if (average > rules.highUtilization) return Math.max(rules.utilizationThresholdMin, current - rules.utilizationStep);
  return current;
}

function nextWaitThreshold(current: number, window: readonly UsageSample[], rules: Rules): number {
  const peak = window.reduce((max, sample) => Math.max(max, sample.averageWaitSeconds ?? 0), 0);
  if (peak <= 0) return current;
  return Math.min(rules.waitThresholdMaxSeconds, Math.max(rules.waitThresholdMinSeconds, peak * rules.peakWaitFactor));
}

function nextCostFactor(current: number, window: readonly UsageSample[], rules: Rules): number {
  const ratios = window.flatMap((sample) => {
    if (sample.localCostUsd === undefined || sample.cloudCostUsd === undefined) return [];
    return [sample.localCostUsd > 0 ? sample.cloudCostUsd / sample.localCostUsd : 1];
  });
  const average = ratios.length === 0 ? 1 : ratios.reduce((sum, ratio) => sum + ratio, 0) / ratios.length;
  if (average < rules.cheapCloudRatio) return Math.max(rules.costFactorMin, current - rules.costFactorStep);
  if (average > rules.expensiveCloudRatio) return Math.min(rules.costFactorMax, current + rules.costFactorStep);
  return current;
}
