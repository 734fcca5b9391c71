import type { CloudOffer, LocalGpuState, SchedulerConfig } from '@aima/core';
import { estimateCloudCost, estimateUploadTime, type SeedCloudChoice, selectBestCloudProvider } from './seed-cloud-providers.js';
import type { SeedJobRequirements } from './seed-job-requirements.js';
import { estimateLocalCost, estimateLocalQueueTime, filterSuitableLocalGpus, selectBestLocalGpu } from './seed-local-gpus.js';

/**
 * The baseline: a literal TypeScript port of seed 000 §1.3 `select_gpu_environment`, linear in
 * the fleet and the offers. It takes plain arrays and uses none of core's indexes (LocalFleet,
 * OfferBook) or its engine; only core's cost and wait formulas, so both sides price alike.
 */

/** The seed's thresholds, as literals in the seed (the engine reads the same values from its configuration). */
const urgentQueueMinutes = 60;
const largeMediaGb = 10;
const largeMediaCloudCostFactor = 1.2;
const slowUploadMinutes = 30;
const localCostTolerance = 1.1;

/** What the seed's helpers need besides the job, the GPUs and the offers. */
export interface SeedContext {
  readonly now: number;
  readonly uploadBandwidthMbps: number;
  readonly cost: SchedulerConfig['cost'];
}

/** The seed's return value. `error` is the seed's `'decision': 'error'`. */
export type SeedDecision =
  | { readonly decision: 'local'; readonly gpuId: string; readonly reason: string; readonly estimatedCostUsd?: number }
  | {
      readonly decision: 'cloud';
      readonly offerId: string;
      readonly provider: string;
      readonly reason: string;
      readonly estimatedCostUsd?: number;
    }
  | { readonly decision: 'error'; readonly reason: string };

/** `select_gpu_environment(job_requirements, local_gpus, cloud_providers)` */
export function seedSelectGpuEnvironment(
  job: SeedJobRequirements,
  localGpus: readonly LocalGpuState[],
  cloudProviders: readonly CloudOffer[],
  context: SeedContext,
): SeedDecision {
  if (job.dataConfidentiality === 'confidential') {
    const suitableGpus = filterSuitableLocalGpus(localGpus, job, context.now);
    if (suitableGpus.length === 0) return { decision: 'error', reason: 'No suitable local GPU for confidential data' };
    return local(selectBestLocalGpu(suitableGpus, job, context), 'Confidential data stays on a local GPU');
  }
  const suitableLocalGpus = filterSuitableLocalGpus(localGpus, job, context.now);
  if (suitableLocalGpus.length === 0) {
    return cloud(selectBestCloudProvider(cloudProviders, job, context), 'No suitable local GPU');
  }
  const localQueueTime = estimateLocalQueueTime(suitableLocalGpus, context.now);
  if (job.urgencyLevel === 'high' && localQueueTime > urgentQueueMinutes) {
    return cloud(selectBestCloudProvider(cloudProviders, job, context), 'High urgency, local queue too long');
  }
  const localCost = estimateLocalCost(suitableLocalGpus, job, context);
  const cloudCost = estimateCloudCost(cloudProviders, job, context);
  if (job.mediaSizeGb > largeMediaGb && cloudCost < localCost * largeMediaCloudCostFactor) {
    const uploadTime = estimateUploadTime(job.mediaSizeGb, context.uploadBandwidthMbps);
    if (uploadTime > slowUploadMinutes) {
      return local(selectBestLocalGpu(suitableLocalGpus, job, context), 'Large media size, upload would take too long');
    }
  }
  if (localCost <= cloudCost * localCostTolerance) {
    return local(selectBestLocalGpu(suitableLocalGpus, job, context), 'Cost-effective local option available', localCost);
  }
  return cloud(selectBestCloudProvider(cloudProviders, job, context), 'Cloud option more cost-effective', cloudCost);
}

function local(gpu: LocalGpuState | undefined, reason: string, estimatedCostUsd?: number): SeedDecision {
  // Unreachable with a non-empty suitable list; kept so the port never returns a GPU it does not have.
  if (gpu === undefined) return { decision: 'error', reason: `${reason}, but no local GPU was selected` };
  return estimatedCostUsd === undefined
    ? { decision: 'local', gpuId: gpu.gpu.id, reason }
    : { decision: 'local', gpuId: gpu.gpu.id, reason, estimatedCostUsd };
}

/**
 * The seed returns `'decision': 'cloud'` with `selected_provider` None when no provider
 * qualifies; a port cannot run a job on no provider, so that becomes an error here.
 */
function cloud(choice: SeedCloudChoice | undefined, reason: string, estimatedCostUsd?: number): SeedDecision {
  if (choice === undefined) return { decision: 'error', reason: `${reason}, but no suitable cloud provider` };
  const { offer } = choice;
  return estimatedCostUsd === undefined
    ? { decision: 'cloud', offerId: offer.offerId, provider: offer.provider, reason }
    : { decision: 'cloud', offerId: offer.offerId, provider: offer.provider, reason, estimatedCostUsd };
}
