import { type CloudOffer, estimateCloudJobCostUsd, type SchedulerConfig, transferSeconds } from '@aima/core';
import type { SeedJobRequirements } from './seed-job-requirements.js';
import { carriesTags, isAllowedRegion, isWantedModel, meetsMinimum, sameRegion } from './seed-requirement-checks.js';

/**
 * The seed's cloud helpers (seed 000 §1.3 leaves them undefined), as a plain port would write
 * them: each one walks every offer, every time it is called.
 */

/** The seed's reliability floor for cloud hosts (the engine's `minCloudReliability` default). */
export const seedMinReliability = 0.9;

/** What the cloud helpers need besides the job and the offers. */
export interface SeedCloudContext {
  /** The site's upload bandwidth in Mbit/s. */
  readonly uploadBandwidthMbps: number;
  readonly cost: SchedulerConfig['cost'];
}

/** The cheapest usable offer and its cost. */
export interface SeedCloudChoice {
  readonly offer: CloudOffer;
  readonly costUsd: number;
}

/** Whether one offer can take the job: VRAM, reliability, interruptible only for checkpointable jobs, CUDA and the rest. */
export function isSuitableOffer(offer: CloudOffer, job: SeedJobRequirements): boolean {
  return (
    offer.vramGb >= job.vramRequired &&
    offer.reliability >= seedMinReliability &&
    (!offer.interruptible || job.checkpointable) &&
    meetsMinimum(offer.cudaVersion, job.cudaVersion) &&
    meetsMinimum(offer.computeCapability, job.computeCapability) &&
    isWantedModel(job.gpuModels, offer.gpuModel) &&
    isAllowedRegion(job.regions, offer.region) &&
    carriesTags(job.tags, offer.tags)
  );
}

/** Seconds to get the media onto the offer: none if it is already in the offer's region, else over the slower link. */
export function uploadSecondsTo(offer: CloudOffer, job: SeedJobRequirements, uploadBandwidthMbps: number): number {
  if (job.mediaSizeGb === 0 || (job.mediaLocation !== undefined && sameRegion(job.mediaLocation, offer.region))) return 0;
  return transferSeconds(job.mediaSizeGb, Math.min(uploadBandwidthMbps, offer.downloadMbps));
}

/** The job's cost on one offer: price × (upload + run) + transfer, with core's cost function. */
export function cloudJobCost(offer: CloudOffer, job: SeedJobRequirements, context: SeedCloudContext): number {
  const billedSeconds = job.durationSeconds + uploadSecondsTo(offer, job, context.uploadBandwidthMbps);
  return estimateCloudJobCostUsd(offer, billedSeconds, job.mediaSizeGb, context.cost);
}

/** `select_best_cloud_provider`: scans every offer for the cheapest suitable one (ties: the more reliable). */
export function selectBestCloudProvider(
  offers: readonly CloudOffer[],
  job: SeedJobRequirements,
  context: SeedCloudContext,
): SeedCloudChoice | undefined {
  let best: SeedCloudChoice | undefined;
  for (const offer of offers) {
    if (!isSuitableOffer(offer, job)) continue;
    const costUsd = cloudJobCost(offer, job, context);
    if (best === undefined || costUsd < best.costUsd || (costUsd === best.costUsd && offer.reliability > best.offer.reliability)) {
      best = { offer, costUsd };
    }
  }
  return best;
}

/** `estimate_cloud_cost`: the cheapest suitable offer's cost (its own scan); unbounded when none qualifies. */
export function estimateCloudCost(offers: readonly CloudOffer[], job: SeedJobRequirements, context: SeedCloudContext): number {
  return selectBestCloudProvider(offers, job, context)?.costUsd ?? Number.POSITIVE_INFINITY;
}

/** `estimate_upload_time(media_size)`: minutes to upload the media over the site's link. */
export function estimateUploadTime(mediaSizeGb: number, uploadBandwidthMbps: number): number {
  return transferSeconds(mediaSizeGb, uploadBandwidthMbps) / 60;
}
