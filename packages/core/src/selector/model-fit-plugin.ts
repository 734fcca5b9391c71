import type { CloudOffer } from '../config/cloud-offer.js';
import { type FilterPlugin, PASS, reject } from '../engine/extension-points/filter-plugin.js';
import type { PreparedJob } from '../engine/prepared-job.js';
import type { AdaptiveModelSelector } from './adaptive-selector.js';
import type { SelectionRequirements } from './selection.js';
import type { SelectorGpu } from './selector-gpu.js';

/** Options of {@link createModelFitPlugin}. */
export interface ModelFitPluginOptions {
  /** Accuracy and throughput floors per job. @default none */
  readonly requirementsOf?: (job: PreparedJob) => Omit<SelectionRequirements, 'modelId'>;
}

/**
 * Filter plugin `model-fit`: for a job whose `requirements.model` is in the selector's registry,
 * rejects a local GPU class or cloud offer on which no variant fits at any usable precision.
 * Jobs without a model, or with a model the registry does not know, pass.
 *
 * A host adds it after the built-ins:
 * `createDecisionEngine({ plugins: [...registry.pluginNames(), createModelFitPlugin(selector)] })`.
 *
 * Interplay with `vram-fit`: vram-fit still requires the job's VRAM need, which is
 * `requirements.minVramGb` or, when absent, the media type's default (24 GB for video). With
 * model-fit in the pipeline a host can set `minVramGb` to what the smallest acceptable selection
 * needs, `vramNeedFor(selection)`, so vram-fit no longer turns away a GPU a smaller variant fits on.
 * The engine does not track free VRAM: a local GPU class and a cloud offer offer their whole VRAM.
 */
export function createModelFitPlugin(selector: AdaptiveModelSelector, options: ModelFitPluginOptions = {}): FilterPlugin {
  const check = (job: PreparedJob, gpu: SelectorGpu) => {
    const modelId = job.spec.requirements.model;
    const model = modelId === undefined ? undefined : selector.registry.get(modelId);
    if (model === undefined) return PASS;
    const requirements = { ...options.requirementsOf?.(job), modelId: model.id };
    const outcome = selector.select(model.task, gpu, requirements);
    if (outcome.kind === 'selected') return PASS;
    const detail = outcome.kind === 'none' ? outcome.reason : outcome.reasons.join('; ');
    return reject('model does not fit', detail);
  };
  return {
    name: 'model-fit',
    filterLocal(job, gpuClass) {
      const { gpu } = gpuClass;
      return check(job, {
        id: gpu.id,
        model: gpu.model,
        vramGb: gpu.vramGb,
        ...(gpu.computeCapability !== undefined && { computeCapability: gpu.computeCapability }),
        ...(gpu.benchmarkResults !== undefined && { benchmarkResults: gpu.benchmarkResults }),
      });
    },
    filterCloud(job, offer: CloudOffer) {
      return check(job, {
        id: `${offer.provider}:${offer.offerId}`,
        model: offer.gpuModel,
        vramGb: offer.vramGb,
        ...(offer.computeCapability !== undefined && { computeCapability: offer.computeCapability }),
      });
    },
  };
}
