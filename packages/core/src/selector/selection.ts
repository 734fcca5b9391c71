import type { Precision } from './model-registry.js';

/** Where the figures a selection ranked by came from. */
export type PerformanceSource = 'cache' | 'profile' | 'estimate';

/** What the selector chose (seed `select_optimal_model` result, camelCase). */
export interface ModelSelection {
  readonly kind: 'selected';
  readonly modelId: string;
  readonly modelName: string;
  readonly modelVersion: string;
  readonly variant: string;
  readonly accuracy: number;
  readonly batchSize: number;
  readonly precision: Precision;
  /** Items per second, from the figures in `performanceSource`. */
  readonly estimatedThroughputFps: number;
  /** GPU memory the choice needs at `batchSize` and `precision`, in MB. */
  readonly memoryMb: number;
  readonly score: number;
  readonly performanceSource: PerformanceSource;
}

/** Ways out when no variant fits the GPU (seed `_find_fallback_option`). */
export interface SelectionFallback {
  readonly kind: 'fallback';
  /** Why each candidate was passed over, e.g. `"yolo-x: needs 20 480 MB at int8, 16 384 MB free"`. */
  readonly reasons: readonly string[];
  /** The best choice that fits when the accuracy floor is dropped, if any. */
  readonly relaxedAccuracy?: ModelSelection;
  /** Run the best-ranked qualifying variant at FP32 on a (cloud) GPU with at least this much VRAM. */
  readonly cloud?: { readonly modelId: string; readonly variant: string; readonly precision: Precision; readonly minVramGb: number };
}

/** No model of the task meets the requirements at all (seed: `None`). */
export interface NoSelection {
  readonly kind: 'none';
  readonly reason: string;
}

export type SelectionOutcome = ModelSelection | SelectionFallback | NoSelection;

/** What the job asks of the model. */
export interface SelectionRequirements {
  /** Accuracy floor in [0, 1]. */
  readonly minAccuracy?: number;
  /** Throughput floor in items per second. */
  readonly minThroughputFps?: number;
  /** Largest batch the job can use. */
  readonly maxBatchSize?: number;
  /** Restrict the choice to this model's variants (a job that names its model). */
  readonly modelId?: string;
}

/** VRAM in whole GB a selection needs: what to put in `requirements.minVramGb` so vram-fit agrees. */
export function vramNeedFor(selection: ModelSelection): number {
  return Math.max(1, Math.ceil(selection.memoryMb / 1024));
}
