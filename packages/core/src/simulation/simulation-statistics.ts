import type { WaitStatistics } from './simulation-types.js';

/** Mean, p90, p99 and max of a sample (nearest-rank percentiles). */
export function waitStatistics(values: number[]): WaitStatistics {
  if (values.length === 0) return { count: 0, mean: 0, p90: 0, p99: 0, max: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const at = (quantile: number) => sorted[Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)] ?? 0;
  return {
    count: sorted.length,
    mean: sorted.reduce((sum, value) => sum + value, 0) / sorted.length,
    p90: at(0.9),
    p99: at(0.99),
    max: sorted[sorted.length - 1] ?? 0,
  };
}
