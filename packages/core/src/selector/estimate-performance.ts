import { findGpuReference } from '../cost/gpu-cost-table.js';
import type { ModelVariant } from './model-registry.js';
import type { ModelPerformance } from './performance-profile.js';
import type { SelectorGpu } from './selector-gpu.js';

/**
 * Fraction of a GPU's peak FLOPS that inference at small batches reaches. A deliberately modest
 * figure: estimates stand in for measurements only until a profile exists.
 */
export const inferenceUtilisation = 0.3;
/**
 * FP32 GFLOPS per board watt assumed when the profile gives no `fp32_gflops` and the reference table
 * knows the GPU's TDP. Conservative: a V100 or A100 reaches about 50, Turing–Ada cards 100–180.
 */
export const gflopsPerWatt = 50;
/** FP32 GFLOPS assumed for a GPU the profile and reference table know nothing about. */
export const unknownGpuGflops = 5_000;
/** Largest batch an estimate proposes when a variant needs no memory per item. */
export const maxEstimatedBatch = 256;

/** Compute per item in GFLOPs: the variant's figure, else 2 FLOPs per parameter. */
export function gflopsPerItem(variant: ModelVariant): number {
  if (variant.gflopsPerItem !== undefined) return variant.gflopsPerItem;
  // The registry schema requires gflopsPerItem or params.
  return ((variant.params ?? 0) * 2) / 1000;
}

/** FP32 peak GFLOPS of a GPU: its profile's, else TDP × {@link gflopsPerWatt}, else {@link unknownGpuGflops}. */
export function peakFp32Gflops(gpu: SelectorGpu): { gflops: number; source: 'profile' | 'reference' | 'default' } {
  const measured = gpu.benchmarkResults?.general?.fp32_gflops;
  if (measured !== undefined && measured > 0) return { gflops: measured, source: 'profile' };
  const reference = findGpuReference(gpu.model, gpu.vramGb);
  if (reference !== undefined) return { gflops: reference.tdpWatts * gflopsPerWatt, source: 'reference' };
  return { gflops: unknownGpuGflops, source: 'default' };
}

/**
 * Estimates a variant's FP32 figures on a GPU (seed `_estimate_model_performance`): time per item is
 * the larger of compute time (GFLOPs ÷ (peak × {@link inferenceUtilisation})) and, when the profile
 * gives memory bandwidth, the time to read the weights once. The largest batch is what fits the
 * GPU's whole VRAM at the variant's smallest precision; memory is the FP32 model plus one item.
 */
export function estimateModelPerformance(variant: ModelVariant, gpu: SelectorGpu): ModelPerformance {
  const computeMs = (gflopsPerItem(variant) / (peakFp32Gflops(gpu).gflops * inferenceUtilisation)) * 1000;
  const bandwidth = gpu.benchmarkResults?.general?.memory_bandwidth_gbps;
  const memoryMs = bandwidth !== undefined && bandwidth > 0 ? (variant.memoryMbByPrecision.fp32 / 1024 / bandwidth) * 1000 : 0;
  const inferenceMs = Math.max(computeMs, memoryMs);
  const modelMb = variant.memoryMbByPrecision.fp32;
  // The batch bound uses the smallest precision's memory; the selector re-checks the chosen one.
  const { fp32, fp16, int8 } = variant.memoryMbByPrecision;
  const spareMb = gpu.vramGb * 1024 - Math.min(fp32, fp16 ?? fp32, int8 ?? fp32);
  const maxBatch =
    variant.memoryMbPerBatchItem === 0
      ? maxEstimatedBatch
      : Math.min(maxEstimatedBatch, Math.floor(spareMb / variant.memoryMbPerBatchItem));
  return {
    inference_time_ms: round(inferenceMs),
    max_batch_size: Math.max(1, maxBatch),
    memory_usage_mb: round(modelMb + variant.memoryMbPerBatchItem),
    throughput_fps: inferenceMs > 0 ? round(1000 / inferenceMs) : 0,
  };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
