import type { ModelDefinition, ModelVariant, Precision } from './model-registry.js';

/** Preference order: the most accurate precision first (seed: FP32 → FP16 → INT8). */
export const precisionOrder: readonly Precision[] = ['fp32', 'fp16', 'int8'];

/**
 * Precisions a GPU runs efficiently, by CUDA compute capability:
 * - FP32 always;
 * - FP16 from 6.0 (Pascal P100; 5.3 has FP16 arithmetic but only on Jetson, so 6.0 is the practical floor);
 * - INT8 from 6.1 (DP4A instructions; tensor-core INT8 from 7.5).
 * An unknown capability gets FP32 only: the selector never assumes a precision it cannot check.
 */
export function gpuPrecisions(computeCapability: string | undefined): readonly Precision[] {
  if (computeCapability === undefined) return ['fp32'];
  const capability = Number.parseFloat(computeCapability);
  if (!Number.isFinite(capability)) return ['fp32'];
  if (capability >= 6.1) return ['fp32', 'fp16', 'int8'];
  if (capability >= 6.0) return ['fp32', 'fp16'];
  return ['fp32'];
}

/** Memory of a variant at a precision, or undefined when the variant has no figure for it. */
export function memoryAt(variant: ModelVariant, precision: Precision): number | undefined {
  return variant.memoryMbByPrecision[precision];
}

/**
 * Precisions usable for a variant on a GPU, in preference order: supported by the model, the GPU,
 * and with a memory figure for the variant.
 */
export function usablePrecisions(model: ModelDefinition, variant: ModelVariant, computeCapability: string | undefined): Precision[] {
  const gpu = gpuPrecisions(computeCapability);
  return precisionOrder.filter(
    (precision) => model.precisions.includes(precision) && gpu.includes(precision) && memoryAt(variant, precision) !== undefined,
  );
}
