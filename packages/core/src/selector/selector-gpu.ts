import type { BenchmarkResults } from '../config/benchmark-results.js';

/** The GPU a selection is made for. */
export interface SelectorGpu {
  /** GPU id (local) or offer id (cloud); the performance cache is keyed by it. */
  readonly id: string;
  /** Model name, e.g. `"RTX 4090"`, for reference figures when the profile has none. */
  readonly model: string;
  readonly vramGb: number;
  /** VRAM free for the job in MB. @default vramGb × 1024 */
  readonly freeVramMb?: number;
  /** CUDA compute capability, e.g. `"8.9"`; decides FP16/INT8 (see `gpuPrecisions`). */
  readonly computeCapability?: string;
  /** The GPU's performance profile (`benchmark_results`), when measured. */
  readonly benchmarkResults?: BenchmarkResults;
}

/** Free VRAM of a GPU in MB. */
export function freeVramMbOf(gpu: SelectorGpu): number {
  return gpu.freeVramMb ?? gpu.vramGb * 1024;
}
