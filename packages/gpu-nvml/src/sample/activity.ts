import type { GpuActivity } from '@aima/core';

/** Seed 000 `_collect_gpu_metrics` thresholds, in percent. */
export interface ActivityThresholds {
  /** Utilisation or memory above this is `busy`. */
  readonly busyPercent: number;
  /** Above this is `active`, else `idle`. */
  readonly activePercent: number;
}

/**
 * The seed's status rule: `busy` if GPU utilisation or memory use is above `busyPercent`,
 * `active` if either is above `activePercent`, else `idle`. A device that cannot report
 * utilisation is judged by memory alone.
 */
export function gpuActivity(utilizationGpu: number | undefined, memoryUsedPercent: number, thresholds: ActivityThresholds): GpuActivity {
  const utilization = utilizationGpu ?? 0;
  if (utilization > thresholds.busyPercent || memoryUsedPercent > thresholds.busyPercent) return 'busy';
  if (utilization > thresholds.activePercent || memoryUsedPercent > thresholds.activePercent) return 'active';
  return 'idle';
}

const BYTES_PER_MIB = 1024 * 1024;

/** Bytes to whole MiB (what AIMA calls MB, as nvidia-smi does). */
export function mebibytes(bytes: number): number {
  return Math.round(bytes / BYTES_PER_MIB);
}

/** Used memory in percent of the total, one decimal; 0 for a device without memory. */
export function usedPercent(usedMb: number, totalMb: number): number {
  return totalMb > 0 ? Math.min(100, Math.round((1000 * usedMb) / totalMb) / 10) : 0;
}
