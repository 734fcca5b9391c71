import {
  estimateLocalJobCostUsd,
  isUsable,
  type LocalCostProfile,
  type LocalGpuState,
  type RegisteredGpu,
  resolveLocalCostProfile,
  type SchedulerConfig,
  waitSecondsOf,
} from '@aima/core';
import type { SeedJobRequirements } from './seed-job-requirements.js';
import { carriesTags, isAllowedRegion, isOpenAt, isWantedModel, meetsMinimum } from './seed-requirement-checks.js';

/**
 * The seed's local-GPU helpers (seed 000 §1.3 leaves them undefined), as a plain port would write
 * them: each one walks the whole list it is given, every time it is called.
 */

type CostConfig = SchedulerConfig['cost'];

/**
 * Cost profile per GPU, resolved once per registration object and cost configuration. A plain port
 * would recompute it inside every scan; memoising it keeps the baseline conservative, so the
 * comparison measures the scans, not the cost table's regular expressions.
 */
const costProfiles = new WeakMap<CostConfig, WeakMap<RegisteredGpu, LocalCostProfile>>();

function costProfile(gpu: RegisteredGpu, cost: CostConfig): LocalCostProfile {
  let byGpu = costProfiles.get(cost);
  if (byGpu === undefined) {
    byGpu = new WeakMap();
    costProfiles.set(cost, byGpu);
  }
  let profile = byGpu.get(gpu);
  if (profile === undefined) {
    profile = resolveLocalCostProfile(gpu, cost);
    byGpu.set(gpu, profile);
  }
  return profile;
}

/** What the local helpers need besides the job and the GPUs. */
export interface SeedLocalContext {
  readonly now: number;
  readonly cost: CostConfig;
}

/** Whether one GPU can take the job: usable health, VRAM, and every requirement the engine's filters check. */
export function isSuitableLocalGpu(state: LocalGpuState, job: SeedJobRequirements, now: number): boolean {
  const gpu = state.gpu;
  const { tenants, roles } = gpu.accessRestrictions;
  return (
    isUsable(state.health ?? 'healthy') &&
    gpu.vramGb >= job.vramRequired &&
    meetsMinimum(gpu.cudaVersion, job.cudaVersion) &&
    meetsMinimum(gpu.computeCapability, job.computeCapability) &&
    isWantedModel(job.gpuModels, gpu.model) &&
    isAllowedRegion(job.regions, gpu.location) &&
    carriesTags(job.tags, gpu.tags) &&
    (tenants.length === 0 || (job.tenant !== undefined && tenants.includes(job.tenant))) &&
    roles.every((role) => job.roles.includes(role)) &&
    (job.model === undefined || gpu.supportedModels === undefined || gpu.supportedModels.includes(job.model)) &&
    isOpenAt(gpu.availabilitySchedule, now)
  );
}

/** `filter_suitable_local_gpus`: scans every GPU. */
export function filterSuitableLocalGpus(gpus: readonly LocalGpuState[], job: SeedJobRequirements, now: number): LocalGpuState[] {
  const suitable: LocalGpuState[] = [];
  for (const state of gpus) {
    if (isSuitableLocalGpu(state, job, now)) suitable.push(state);
  }
  return suitable;
}

/** `estimate_local_queue_time`: the shortest wait over the suitable GPUs, in minutes. */
export function estimateLocalQueueTime(suitable: readonly LocalGpuState[], now: number): number {
  let minutes = Number.POSITIVE_INFINITY;
  for (const state of suitable) minutes = Math.min(minutes, waitSecondsOf(state, now) / 60);
  return minutes;
}

/** The job's cost on one GPU. */
export function localJobCost(state: LocalGpuState, job: SeedJobRequirements, cost: CostConfig): number {
  return estimateLocalJobCostUsd(costProfile(state.gpu, cost), job.durationSeconds);
}

/** `select_best_local_gpu`: a GPU free now before a busy one, then the cheapest, then the soonest free, then by id. */
export function selectBestLocalGpu(
  suitable: readonly LocalGpuState[],
  job: SeedJobRequirements,
  context: SeedLocalContext,
): LocalGpuState | undefined {
  let best: LocalGpuState | undefined;
  let bestFree = false;
  let bestCost = Number.POSITIVE_INFINITY;
  let bestWait = Number.POSITIVE_INFINITY;
  for (const state of suitable) {
    const wait = waitSecondsOf(state, context.now);
    const free = wait === 0;
    const cost = localJobCost(state, job, context.cost);
    const better =
      best === undefined ||
      (free && !bestFree) ||
      (free === bestFree &&
        (cost < bestCost || (cost === bestCost && (wait < bestWait || (wait === bestWait && state.gpu.id < best.gpu.id)))));
    if (better) {
      best = state;
      bestFree = free;
      bestCost = cost;
      bestWait = wait;
    }
  }
  return best;
}

/** `estimate_local_cost`: the job's cost on the GPU `select_best_local_gpu` would pick (its own scan). */
export function estimateLocalCost(suitable: readonly LocalGpuState[], job: SeedJobRequirements, context: SeedLocalContext): number {
  const best = selectBestLocalGpu(suitable, job, context);
  return best === undefined ? Number.POSITIVE_INFINITY : localJobCost(best, job, context.cost);
}
