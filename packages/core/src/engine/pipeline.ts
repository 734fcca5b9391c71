import type { CloudOffer } from '../config/cloud-offer.js';
import { estimateCloudJobCostUsd, estimateLocalJobCostUsd } from '../cost/job-cost.js';
import type { CloudCandidate, LocalCandidate, Side } from './candidates.js';
import type { ScoreCard } from './decision.js';
import type { EngineStages } from './engine-setup.js';
import type { FilterPlugin, FilterStatus } from './extension-points/filter-plugin.js';
import type { PluginContext } from './extension-points/plugin-context.js';
import type { ScoreContext, ScorePlugin } from './extension-points/score-plugin.js';
import type { GpuClassView } from './fleet/gpu-class.js';
import type { OfferBook } from './fleet/offer-book.js';
import type { PassingClasses } from './local-selection.js';
import type { PreparedJob } from './prepared-job.js';
import type { RejectionLog } from './rejection-log.js';
import { minimumUploadSeconds, uploadSecondsFor } from './upload-time.js';

/** A score plugin with the weight the configuration gives it. */
export interface WeightedScorer {
  readonly plugin: ScorePlugin;
  readonly weight: number;
}

/** A whole side ruled out by one filter. */
export interface SideRejection {
  readonly plugin: string;
  readonly reason: string;
  readonly detail?: string;
}

/** The local side's filter results. They change only when the fleet's classes do, not as GPUs are allocated. */
export interface LocalEvaluation extends PassingClasses {
  readonly sideRejection?: SideRejection;
  readonly feasibleGpus: number;
}

export interface CloudEvaluation {
  readonly sideRejection?: SideRejection;
  readonly best?: CloudCandidate;
  readonly examined: number;
}

/** Runs the side filters; the first "no" rules the side out. */
function checkSide(job: PreparedJob, side: Side, filters: readonly FilterPlugin[], context: PluginContext): SideRejection | undefined {
  for (const filter of filters) {
    const status = filter.filterSide?.(job, side, context);
    if (status !== undefined && !status.passed) return toSideRejection(filter.name, status);
  }
  return undefined;
}

function toSideRejection(plugin: string, status: Extract<FilterStatus, { passed: false }>): SideRejection {
  return status.detail === undefined ? { plugin, reason: status.reason } : { plugin, reason: status.reason, detail: status.detail };
}

/**
 * Filters every class of local GPUs, O(classes); a passing class offers its soonest-free GPU (see
 * `LocalSelection`). A rejected class is recorded by class, named by its soonest-free member.
 */
export function evaluateLocal(job: PreparedJob, stages: EngineStages, context: PluginContext, log: RejectionLog): LocalEvaluation {
  const { fleet } = context.decision;
  const sideRejection = checkSide(job, 'local', stages.sideFilters, context);
  if (sideRejection !== undefined) {
    log.record('local', sideRejection.plugin, sideRejection.reason, fleet.size, 'all local GPUs', sideRejection.detail);
    return { sideRejection, classes: [], costs: [], feasibleGpus: 0 };
  }
  const classes: GpuClassView[] = [];
  const costs: number[] = [];
  let feasibleGpus = 0;
  for (const gpuClass of fleet.classes()) {
    if (gpuClass.size === 0) continue;
    const failed = firstLocalFailure(stages.localFilters, job, gpuClass, context);
    if (failed !== undefined) {
      log.record('local', failed.plugin, failed.status.reason, gpuClass.size, gpuClass, failed.status.detail);
      if (log.detailed !== undefined) {
        for (const member of gpuClass.members()) {
          log.recordCandidate({ side: 'local', candidate: member.gpu.id, plugin: failed.plugin, ...reasonOf(failed.status) });
        }
      }
      continue;
    }
    feasibleGpus += gpuClass.size;
    classes.push(gpuClass);
    costs.push(estimateLocalJobCostUsd(gpuClass.costProfile, job.durationSeconds));
  }
  return { classes, costs, feasibleGpus };
}

/**
 * Walks the offers cheapest first and keeps the one with the lowest job cost (C3: price × (upload
 * + run) + transfer). Stops once an offer's price alone, with the least possible upload, cannot
 * beat the best found: every later offer costs at least as much. Exact, and usually sublinear.
 */
export function evaluateCloud(job: PreparedJob, stages: EngineStages, context: PluginContext, log: RejectionLog): CloudEvaluation {
  const { offers, uploadBandwidthMbps } = context.decision;
  const cost = context.config.cost;
  const sideRejection = checkSide(job, 'cloud', stages.sideFilters, context);
  if (sideRejection !== undefined) {
    log.record('cloud', sideRejection.plugin, sideRejection.reason, offers.size, 'all cloud offers', sideRejection.detail);
    return { sideRejection, examined: 0 };
  }
  const sizeGb = job.spec.media.sizeGb;
  const boundSeconds = job.durationSeconds + minimumUploadSeconds(job, uploadBandwidthMbps);
  const walk = offersToWalk(job, stages, offers, log);
  let best: CloudCandidate | undefined;
  let examined = 0;
  for (const offer of walk) {
    if (best !== undefined && estimateCloudJobCostUsd(offer, boundSeconds, sizeGb, cost) > best.costUsd) break;
    examined++;
    const failed = firstCloudFailure(stages.cloudFilters, job, offer, context);
    if (failed !== undefined) {
      const candidate = offerName(offer);
      log.record('cloud', failed.plugin, failed.status.reason, 1, candidate, failed.status.detail);
      log.recordCandidate({ side: 'cloud', candidate, plugin: failed.plugin, ...reasonOf(failed.status) });
      continue;
    }
    const uploadSeconds = uploadSecondsFor(job, offer, uploadBandwidthMbps);
    const costUsd = estimateCloudJobCostUsd(offer, job.durationSeconds + uploadSeconds, sizeGb, cost);
    if (best === undefined || isBetterOffer(costUsd, offer.reliability, best)) {
      best = { kind: 'cloud', offer, uploadSeconds, costUsd };
    }
  }
  return best === undefined ? { examined } : { best, examined };
}

/**
 * The offers the cloud walk visits: all of them, or only those at or above the highest VRAM floor
 * a filter declares; the skipped ones are recorded as that filter's rejections.
 */
function offersToWalk(job: PreparedJob, stages: EngineStages, offers: OfferBook, log: RejectionLog): readonly CloudOffer[] {
  let floor: { plugin: string; vramGb: number; reason: string } | undefined;
  for (const filter of stages.cloudFilters) {
    const declared = filter.cloudVramFloor?.(job);
    if (declared !== undefined && (floor === undefined || declared.vramGb > floor.vramGb)) floor = { plugin: filter.name, ...declared };
  }
  if (floor === undefined) return offers.offers;
  const walk = offers.withVramAtLeast(floor.vramGb);
  const skipped = offers.size - walk.length;
  const example = skipped > 0 ? offers.cheapestBelowVram(floor.vramGb) : undefined;
  if (example !== undefined) {
    log.record('cloud', floor.plugin, floor.reason, skipped, offerName(example), `${example.vramGb} GB < ${floor.vramGb} GB needed`);
    if (log.detailed !== undefined) {
      for (const offer of offers.offers) {
        if (offer.vramGb < floor.vramGb)
          log.recordCandidate({ side: 'cloud', candidate: offerName(offer), plugin: floor.plugin, reason: floor.reason });
      }
    }
  }
  return walk;
}

function offerName(offer: CloudOffer): string {
  return `${offer.provider}:${offer.offerId}`;
}

function isBetterOffer(costUsd: number, reliability: number, best: CloudCandidate): boolean {
  return costUsd < best.costUsd || (costUsd === best.costUsd && reliability > best.offer.reliability);
}

interface Failure {
  readonly plugin: string;
  readonly status: Extract<FilterStatus, { passed: false }>;
}

// Two loops rather than one taking a callback: these run per class and per offer, and a
// closure per call shows in the profile.
function firstLocalFailure(
  filters: readonly FilterPlugin[],
  job: PreparedJob,
  gpuClass: GpuClassView,
  context: PluginContext,
): Failure | undefined {
  for (const filter of filters) {
    const status = filter.filterLocal?.(job, gpuClass, context);
    if (status !== undefined && !status.passed) return { plugin: filter.name, status };
  }
  return undefined;
}

function firstCloudFailure(
  filters: readonly FilterPlugin[],
  job: PreparedJob,
  offer: CloudOffer,
  context: PluginContext,
): Failure | undefined {
  for (const filter of filters) {
    const status = filter.filterCloud?.(job, offer, context);
    if (status !== undefined && !status.passed) return { plugin: filter.name, status };
  }
  return undefined;
}

function reasonOf(status: Extract<FilterStatus, { passed: false }>): { reason: string; detail?: string } {
  return status.detail === undefined ? { reason: status.reason } : { reason: status.reason, detail: status.detail };
}

/** Weighted total of a local candidate. */
export function localTotal(job: PreparedJob, candidate: LocalCandidate, scorers: readonly WeightedScorer[], context: ScoreContext): number {
  let total = 0;
  for (const { plugin, weight } of scorers) {
    if (plugin.scoreLocal !== undefined) total += weight * clampScore(plugin.scoreLocal(job, candidate, context));
  }
  return total;
}

/** The full score card of one candidate, for the explanation. */
export function scoreCardOf(
  job: PreparedJob,
  candidate: LocalCandidate | CloudCandidate,
  scorers: readonly WeightedScorer[],
  context: ScoreContext,
): ScoreCard {
  const entries = [];
  let total = 0;
  for (const { plugin, weight } of scorers) {
    const raw = candidate.kind === 'local' ? plugin.scoreLocal?.(job, candidate, context) : plugin.scoreCloud?.(job, candidate, context);
    if (raw === undefined) continue;
    const score = clampScore(raw);
    entries.push({ plugin: plugin.name, raw: score, weight, weighted: score * weight });
    total += score * weight;
  }
  const name = candidate.kind === 'local' ? candidate.gpu.gpu.id : `${candidate.offer.provider}:${candidate.offer.offerId}`;
  return { candidate: name, total, entries };
}

/** Scores are integers 0..100; anything else a plugin returns is clamped and rounded. */
export function clampScore(score: number): number {
  if (Number.isNaN(score)) return 0;
  return Math.round(Math.min(100, Math.max(0, score)));
}
