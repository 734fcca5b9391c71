import { z } from 'zod';
import { type BenchmarkResults, benchmarkResultsSchema } from '../config/benchmark-results.js';
import { parseInput } from '../config/parse-input.js';
import { nameSchema } from '../config/primitives.js';
import { ValidationError } from '../errors/validation-error.js';

/** One model's measured figures on one GPU, as in `benchmark_results.model_specific`. */
export type ModelPerformance = NonNullable<BenchmarkResults['model_specific']>[string];

/** A GPU's full performance profile in the seed's JSON shape (seed 000 §3.1). */
export const performanceProfileSchema = z.strictObject({
  gpu_id: nameSchema,
  model: nameSchema,
  benchmark_results: benchmarkResultsSchema,
});
export type PerformanceProfile = z.output<typeof performanceProfileSchema>;

const storeFileSchema = z.strictObject({ profiles: z.array(performanceProfileSchema) });

/** Items per second at batch 1: the profile's figure, else derived from the inference time. */
export function throughputOf(performance: ModelPerformance): number {
  if (performance.throughput_fps !== undefined) return performance.throughput_fps;
  return performance.inference_time_ms > 0 ? 1000 / performance.inference_time_ms : 0;
}

/**
 * Performance per model × GPU (seed `performance_cache`, key `${modelKey}_${gpuId}`), plus the
 * GPU profiles it was filled from. Serialises to and from JSON validated with zod.
 */
export class PerformanceProfileStore {
  private readonly cache = new Map<string, ModelPerformance>();
  private readonly gpus = new Map<string, PerformanceProfile>();

  /** Cached figures of a model (or variant key) on a GPU. */
  get(modelKey: string, gpuId: string): ModelPerformance | undefined {
    return this.cache.get(cacheKey(modelKey, gpuId));
  }

  /** Caches figures of a model on a GPU (estimates included; they are not written to profiles). */
  set(modelKey: string, gpuId: string, performance: ModelPerformance): void {
    this.cache.set(cacheKey(modelKey, gpuId), performance);
  }

  /** Adds or merges a GPU's profile and caches every model in it. @throws ValidationError for a bad profile. */
  putProfile(input: unknown): PerformanceProfile {
    const profile = parseInput(performanceProfileSchema, input, 'performance profile');
    const previous = this.gpus.get(profile.gpu_id);
    const merged: PerformanceProfile = {
      gpu_id: profile.gpu_id,
      model: profile.model,
      benchmark_results: {
        ...mergeGeneral(previous?.benchmark_results.general, profile.benchmark_results.general),
        model_specific: { ...previous?.benchmark_results.model_specific, ...profile.benchmark_results.model_specific },
      },
    };
    this.gpus.set(profile.gpu_id, merged);
    for (const [modelKey, performance] of Object.entries(profile.benchmark_results.model_specific ?? {})) {
      this.set(modelKey, profile.gpu_id, performance);
    }
    return merged;
  }

  /** The stored profile of a GPU. */
  profile(gpuId: string): PerformanceProfile | undefined {
    return this.gpus.get(gpuId);
  }

  /** Every stored GPU profile. */
  profiles(): readonly PerformanceProfile[] {
    return [...this.gpus.values()];
  }

  /** JSON of the stored profiles: `{ "profiles": [ { gpu_id, model, benchmark_results }, … ] }`. */
  toJson(): string {
    return `${JSON.stringify({ profiles: this.profiles() }, null, 2)}\n`;
  }

  /** A store holding the profiles of `toJson` output. @throws ValidationError for bad JSON or shape. */
  static fromJson(text: string): PerformanceProfileStore {
    const store = new PerformanceProfileStore();
    for (const profile of parseInput(storeFileSchema, parseJson(text), 'performance profile file').profiles) store.putProfile(profile);
    return store;
  }
}

function cacheKey(modelKey: string, gpuId: string): string {
  return `${modelKey}_${gpuId}`;
}

function mergeGeneral(a: BenchmarkResults['general'], b: BenchmarkResults['general']): Pick<BenchmarkResults, 'general'> {
  if (a === undefined && b === undefined) return {};
  return { general: { ...a, ...b } };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new ValidationError('performance profile file', [{ path: '', message: `not JSON: ${message}` }], { cause: error });
  }
}
