import { parseInput } from '../config/parse-input.js';
import { type PerformanceProfile, performanceProfileSchema } from '../selector/performance-profile.js';
import type { OnnxBenchmarkResult } from './benchmark.js';

/**
 * A GPU's performance profile in the seed's JSON shape from benchmark results keyed by model (or
 * variant key, `${modelId}-${size}`): `inference_time_ms` is the median at the smallest batch
 * measured, `max_batch_size` the largest batch within the limits, `memory_usage_mb` the peak memory
 * growth during the run (process RSS on CPU), and `throughput_fps` the best items per second over the batches.
 * Models with no measured batch are left out. Pass `general` figures when you have them.
 * @throws ValidationError when the result does not fit the schema.
 */
export function buildProfile(
  gpuId: string,
  gpuModel: string,
  results: Readonly<Record<string, OnnxBenchmarkResult>>,
  general?: PerformanceProfile['benchmark_results']['general'],
): PerformanceProfile {
  const modelSpecific: NonNullable<PerformanceProfile['benchmark_results']['model_specific']> = {};
  for (const [key, result] of Object.entries(results)) {
    const first = result.batches[0];
    if (first === undefined) continue;
    modelSpecific[key] = {
      inference_time_ms: first.p50Ms,
      max_batch_size: result.maxBatchSize,
      memory_usage_mb: Math.max(0, result.peakMemoryMb),
      throughput_fps: Math.max(...result.batches.map((batch) => batch.throughputItemsPerSec)),
    };
  }
  return parseInput(
    performanceProfileSchema,
    { gpu_id: gpuId, model: gpuModel, benchmark_results: { ...(general && { general }), model_specific: modelSpecific } },
    'performance profile',
  );
}
