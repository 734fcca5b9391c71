import { z } from 'zod';
import { parseConfig } from '../config/parse-input.js';
import { estimateModelPerformance } from './estimate-performance.js';
import {
  type ModelDefinition,
  type ModelRegistry,
  type ModelTask,
  type ModelVariant,
  variantAccuracy,
  variantKey,
} from './model-registry.js';
import { type ModelPerformance, PerformanceProfileStore, throughputOf } from './performance-profile.js';
import { memoryAt, usablePrecisions } from './precision.js';
import type { ModelSelection, PerformanceSource, SelectionFallback, SelectionOutcome, SelectionRequirements } from './selection.js';
import { freeVramMbOf, type SelectorGpu } from './selector-gpu.js';

const selectorConfigSchema = z.strictObject({
  /** @default 0.7 */ throughputWeight: z.number().nonnegative().default(0.7),
  /** @default 0.3 */ accuracyWeight: z.number().nonnegative().default(0.3),
});
/** Ranking weights (score = throughput × throughputWeight + accuracy × 100 × accuracyWeight); `SchedulerConfig['selector']` fits. */
export interface SelectorConfig {
  /** @default 0.7 */
  readonly throughputWeight?: number;
  /** @default 0.3 */
  readonly accuracyWeight?: number;
}

/** Options of {@link createAdaptiveModelSelector}. */
export interface AdaptiveModelSelectorOptions {
  readonly registry: ModelRegistry;
  /** Measured profiles and the performance cache. @default an empty store */
  readonly profiles?: PerformanceProfileStore;
  /** @default { throughputWeight: 0.7, accuracyWeight: 0.3 } */
  readonly config?: SelectorConfig;
}

/** Chooses model variant, batch size and precision per GPU (seed 000 §3 `AdaptiveModelSelector`, M3). */
export interface AdaptiveModelSelector {
  readonly registry: ModelRegistry;
  readonly profiles: PerformanceProfileStore;
  /** The best-scoring variant of the task's models that fits the GPU, or a fallback. */
  select(task: ModelTask, gpu: SelectorGpu, requirements?: SelectionRequirements): SelectionOutcome;
  /** Figures used to rank a variant on a GPU: cached, else from the GPU's profile, else estimated (then cached). */
  performanceOf(
    model: ModelDefinition,
    variant: ModelVariant,
    gpu: SelectorGpu,
  ): { performance: ModelPerformance; source: PerformanceSource };
}

interface Candidate {
  readonly model: ModelDefinition;
  readonly variant: ModelVariant;
  readonly accuracy: number;
  readonly performance: ModelPerformance;
  readonly source: PerformanceSource;
  readonly score: number;
}

/** Creates a selector. @throws ConfigError for negative or unknown weights. */
export function createAdaptiveModelSelector(options: AdaptiveModelSelectorOptions): AdaptiveModelSelector {
  const weights = parseConfig(selectorConfigSchema, options.config ?? {}, 'selector config');
  const profiles = options.profiles ?? new PerformanceProfileStore();
  const { registry } = options;

  function performanceOf(model: ModelDefinition, variant: ModelVariant, gpu: SelectorGpu) {
    const key = variantKey(model, variant);
    const cached = profiles.get(key, gpu.id);
    if (cached !== undefined) return { performance: cached, source: 'cache' as const };
    const measured = profileEntry(model, variant, gpu);
    if (measured !== undefined) {
      profiles.set(key, gpu.id, measured);
      return { performance: measured, source: 'profile' as const };
    }
    const estimated = estimateModelPerformance(variant, gpu);
    profiles.set(key, gpu.id, estimated);
    return { performance: estimated, source: 'estimate' as const };
  }

  function candidatesOf(models: readonly ModelDefinition[], gpu: SelectorGpu, minAccuracy: number): Candidate[] {
    const candidates = models.flatMap((model) =>
      model.variants
        .filter((variant) => variantAccuracy(model, variant) >= minAccuracy)
        .map((variant): Candidate => {
          const accuracy = variantAccuracy(model, variant);
          const { performance, source } = performanceOf(model, variant, gpu);
          const score = throughputOf(performance) * weights.throughputWeight + accuracy * 100 * weights.accuracyWeight;
          return { model, variant, accuracy, performance, source, score };
        }),
    );
    // Stable: equal scores keep registration order.
    return candidates.sort((a, b) => b.score - a.score);
  }

  function firstFit(candidates: readonly Candidate[], gpu: SelectorGpu, requirements: SelectionRequirements, reasons: string[]) {
    for (const candidate of candidates) {
      const throughput = throughputOf(candidate.performance);
      if (requirements.minThroughputFps !== undefined && throughput < requirements.minThroughputFps) {
        reasons.push(`${label(candidate)}: ${throughput} items/s < ${requirements.minThroughputFps} required`);
        continue;
      }
      const selection = fitOnGpu(candidate, gpu, requirements);
      if (typeof selection === 'string') reasons.push(`${label(candidate)}: ${selection}`);
      else return selection;
    }
    return undefined;
  }

  return {
    registry,
    profiles,
    performanceOf,
    select(task, gpu, requirements = {}) {
      const models = modelsFor(registry, task, requirements.modelId);
      if (models.length === 0) return { kind: 'none', reason: noModelReason(task, requirements.modelId) };
      const minAccuracy = requirements.minAccuracy ?? 0;
      const ranked = candidatesOf(models, gpu, minAccuracy);
      if (ranked.length === 0) return { kind: 'none', reason: `no variant reaches accuracy ${minAccuracy}` };
      const reasons: string[] = [];
      const chosen = firstFit(ranked, gpu, requirements, reasons);
      if (chosen !== undefined) return chosen;
      return fallback(ranked, models, gpu, requirements, minAccuracy, reasons);
    },
  };

  function fallback(
    ranked: readonly Candidate[],
    models: readonly ModelDefinition[],
    gpu: SelectorGpu,
    requirements: SelectionRequirements,
    minAccuracy: number,
    reasons: string[],
  ): SelectionFallback {
    const relaxed = minAccuracy > 0 ? firstFit(candidatesOf(models, gpu, 0), gpu, requirements, []) : undefined;
    const best = ranked[0];
    const cloud =
      best === undefined
        ? undefined
        : {
            modelId: best.model.id,
            variant: best.variant.size,
            precision: 'fp32' as const,
            minVramGb: Math.ceil((best.variant.memoryMbByPrecision.fp32 + best.variant.memoryMbPerBatchItem) / 1024),
          };
    return { kind: 'fallback', reasons, ...(relaxed && { relaxedAccuracy: relaxed }), ...(cloud && { cloud }) };
  }

  function profileEntry(model: ModelDefinition, variant: ModelVariant, gpu: SelectorGpu): ModelPerformance | undefined {
    const entries = gpu.benchmarkResults?.model_specific;
    if (entries === undefined) return undefined;
    // A figure under the bare model id stands for the model's only variant.
    return entries[variantKey(model, variant)] ?? (model.variants.length === 1 ? entries[model.id] : undefined);
  }
}

/**
 * Fits a ranked candidate on the GPU: the first usable precision (FP32 → FP16 → INT8) whose model
 * memory plus one batch item fits the free VRAM; then the largest batch that fits, capped by the
 * profile's `max_batch_size` and the job's `maxBatchSize`. A string says why it does not fit.
 */
function fitOnGpu(candidate: Candidate, gpu: SelectorGpu, requirements: SelectionRequirements): ModelSelection | string {
  const { model, variant } = candidate;
  const freeMb = freeVramMbOf(gpu);
  const precisions = usablePrecisions(model, variant, gpu.computeCapability);
  if (precisions.length === 0) return `no precision of ${model.precisions.join('/')} is usable on this GPU`;
  const perItem = variant.memoryMbPerBatchItem;
  for (const precision of precisions) {
    const modelMb = memoryAt(variant, precision) ?? Number.POSITIVE_INFINITY;
    if (modelMb + perItem > freeMb) continue;
    const byMemory = perItem === 0 ? Number.POSITIVE_INFINITY : Math.floor((freeMb - modelMb) / perItem);
    const batchSize = Math.max(
      1,
      Math.min(byMemory, candidate.performance.max_batch_size, requirements.maxBatchSize ?? Number.POSITIVE_INFINITY),
    );
    return {
      kind: 'selected',
      modelId: model.id,
      modelName: model.name,
      modelVersion: model.version,
      variant: variant.size,
      accuracy: candidate.accuracy,
      batchSize,
      precision,
      estimatedThroughputFps: throughputOf(candidate.performance),
      memoryMb: modelMb + perItem * batchSize,
      score: candidate.score,
      performanceSource: candidate.source,
    };
  }
  const last = precisions[precisions.length - 1] ?? 'fp32';
  const smallest = (memoryAt(variant, last) ?? 0) + perItem;
  return `needs ${smallest} MB at ${last}, ${freeMb} MB free`;
}

function modelsFor(registry: ModelRegistry, task: ModelTask, modelId: string | undefined): readonly ModelDefinition[] {
  if (modelId === undefined) return registry.models(task);
  const model = registry.get(modelId);
  return model === undefined || model.task !== task ? [] : [model];
}

function noModelReason(task: ModelTask, modelId: string | undefined): string {
  return modelId === undefined ? `no ${task} model is registered` : `no ${task} model "${modelId}" is registered`;
}

function label(candidate: Candidate): string {
  return variantKey(candidate.model, candidate.variant);
}
