import type { Alternative } from '../../engine/decision.js';
import type { FilterPlugin } from '../../engine/extension-points/filter-plugin.js';
import type { PluginContext } from '../../engine/extension-points/plugin-context.js';
import type { PostFilterInput, PostFilterPlugin } from '../../engine/extension-points/post-filter-plugin.js';
import type { GpuClassView } from '../../engine/fleet/gpu-class.js';
import type { PreparedJob } from '../../engine/prepared-job.js';
import { nextOpening } from '../availability-window/schedule.js';

/** Filters whose "no" passes with time: waiting for the GPU is an alternative. */
const transient = new Set(['health', 'availability-window']);

/**
 * Seed 000 `suggest_alternatives` (D2): when a job is rejected, says what would make it run:
 * wait for a GPU that is down or outside its window, use a smaller model that fits the largest
 * GPU, split the job, relax a requirement, or request access.
 */
export const alternativesPlugin = {
  name: 'alternatives',
  suggest(job, input, context) {
    const alternatives: Alternative[] = [];
    const classes = context.decision.fleet.classes();
    alternatives.push(...waitForGpu(job, classes, input.filters, context));
    const largest = classes.reduce((max, gpuClass) => Math.max(max, gpuClass.gpu.vramGb), 0);
    if (largest > 0 && largest < job.vramRequiredGb) {
      alternatives.push({
        kind: 'smaller-model',
        message: `use a smaller model variant or lower precision that fits in ${largest} GB (the largest local GPU); the job asks for ${job.vramRequiredGb} GB`,
      });
    }
    if (job.spec.media.count > 1 || (job.spec.media.durationSeconds ?? 0) > 0) {
      alternatives.push({
        kind: 'split-job',
        message: 'split the job into smaller parts (fewer items or shorter segments) so each fits a GPU or an availability window',
      });
    }
    for (const rejection of input.rejections.local) {
      if (rejection.plugin === 'access') {
        alternatives.push({
          kind: 'request-access',
          message: `request access: ${rejection.count} GPU(s) rejected, ${rejection.example.detail ?? rejection.reason}`,
        });
      }
    }
    alternatives.push(...relaxRequirements(input.rejections.local, 'local GPU'));
    if (job.spec.confidentiality !== 'confidential') alternatives.push(...relaxRequirements(input.rejections.cloud, 'cloud offer'));
    return alternatives;
  },
} satisfies PostFilterPlugin;

/** Requirements the job itself sets; relaxing one would admit the candidates it ruled out. */
const jobRequirementFilters = new Set(['residency', 'gpu-model', 'compute-capability', 'compliance-tags', 'model-compatibility']);

function relaxRequirements(rejections: PostFilterInput['rejections']['local'], noun: string): Alternative[] {
  return rejections
    .filter((rejection) => jobRequirementFilters.has(rejection.plugin))
    .map((rejection) => ({
      kind: 'relax-requirement' as const,
      message: `relax a requirement: ${rejection.count} ${noun}(s) rejected for ${rejection.reason} (${rejection.example.detail ?? rejection.example.candidate})`,
    }));
}

/** GPUs that fail only on a transient filter (health, time window): name them and when they open. */
function waitForGpu(
  job: PreparedJob,
  classes: readonly GpuClassView[],
  filters: readonly FilterPlugin[],
  context: PluginContext,
): Alternative[] {
  const result: Alternative[] = [];
  for (const gpuClass of classes) {
    const blocking = filters.filter((filter) => filter.filterLocal?.(job, gpuClass, context).passed === false);
    if (blocking.length === 0 || !blocking.every((filter) => transient.has(filter.name))) continue;
    const gpu = gpuClass.soonest();
    if (gpu === undefined) continue;
    const opensAt = nextOpening(gpuClass.gpu.availabilitySchedule, context.now);
    const why = blocking.map((filter) => (filter.name === 'health' ? gpuClass.health : `closed until ${new Date(opensAt).toISOString()}`));
    result.push({
      kind: 'wait-for-gpu',
      message: `wait for ${gpu.gpu.id} (${gpuClass.gpu.model}, ${why.join(', ')})`,
      gpuId: gpu.gpu.id,
      ...(blocking.some((filter) => filter.name === 'health') ? {} : { availableAt: opensAt }),
    });
  }
  return result;
}
