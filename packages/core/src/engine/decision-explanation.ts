import type { PolicyInput } from '../policies/policy.js';
import type { CloudCandidate, LocalCandidate } from './candidates.js';
import type { Alternative, Decision, DecisionTarget, RejectionSummary } from './decision.js';
import type { DecisionContext } from './decision-context.js';
import type { EngineStages } from './engine-setup.js';
import type { ScoreContext } from './extension-points/score-plugin.js';
import { scoreCardOf } from './pipeline.js';
import type { RejectionLog } from './rejection-log.js';
import type { ResolvedVerdict } from './verdict-resolution.js';
import type { Writable } from './writable.js';

export interface DecisionParts {
  readonly policy: string;
  readonly input: PolicyInput;
  readonly resolved: ResolvedVerdict;
  readonly stages: EngineStages;
  readonly scoreContext: ScoreContext;
  readonly log: RejectionLog;
  readonly context: DecisionContext;
  readonly cloudExamined: number;
}

/** Assembles the explainable decision (D6). Linear only in plugins and classes, never in GPUs. */
export function buildDecision(parts: DecisionParts): Decision {
  const { input, resolved, stages, scoreContext, log, context } = parts;
  const { job } = input;
  const target = resolved.target;
  const rejections = { local: log.summary('local'), cloud: log.summary('cloud') };
  const alternatives = target === undefined ? suggest(parts, rejections) : [];
  // The local card describes the GPU chosen, else the best-scored one; costs are what the policy compared.
  const localBest = target?.kind === 'local' ? target : input.local.best;
  const localCost = input.local.cheapest ?? input.local.best;
  const cloudBest = input.cloud.best;
  const outcome = target === undefined ? 'reject' : target.kind === 'cloud' ? 'cloud' : target.waitSeconds > 0 ? 'queue' : 'local';
  // Optional fields are set one by one (see `Writable`), keeping the order of `Decision`; every
  // required field is set below before the decision is returned.
  const decision: Partial<Writable<Decision>> = {
    outcome,
    policy: parts.policy,
    rule: resolved.rule,
    reasons: resolved.reasons.concat(sideNotes(input.local.feasibleGpus, rejections)),
  };
  if (target) {
    decision.target = describeTarget(target);
    decision.estimatedCostUsd = target.costUsd;
    decision.estimatedStartAt = input.now + startDelaySeconds(target) * 1000;
  }
  decision.estimatedDurationSeconds = job.durationSeconds;
  const scores: Writable<Decision['scores']> = {};
  if (localBest) scores.local = scoreCardOf(job, localBest, stages.scorers, scoreContext);
  if (cloudBest) scores.cloud = scoreCardOf(job, cloudBest, stages.scorers, scoreContext);
  decision.scores = scores;
  const costs: Writable<Decision['costs']> = {};
  if (localCost) costs.localUsd = localCost.costUsd;
  if (cloudBest) costs.cloudUsd = cloudBest.costUsd;
  decision.costs = costs;
  decision.rejections = rejections;
  if (log.detailed) decision.rejectedCandidates = log.detailed;
  decision.considered = {
    localGpus: context.fleet.size,
    localClasses: context.fleet.classes().length,
    feasibleLocalGpus: input.local.feasibleGpus,
    cloudOffers: context.offers.size,
    cloudOffersExamined: parts.cloudExamined,
  };
  decision.alternatives = alternatives;
  return decision as Decision;
}

function startDelaySeconds(target: LocalCandidate | CloudCandidate): number {
  return target.kind === 'local' ? target.waitSeconds : target.uploadSeconds;
}

function describeTarget(target: LocalCandidate | CloudCandidate): DecisionTarget {
  if (target.kind === 'local') {
    const gpu = target.gpu.gpu;
    return {
      kind: 'local',
      gpuId: gpu.id,
      model: gpu.model,
      location: gpu.location,
      hostAddress: gpu.hostAddress,
      waitSeconds: target.waitSeconds,
    };
  }
  const offer = target.offer;
  return {
    kind: 'cloud',
    provider: offer.provider,
    offerId: offer.offerId,
    gpuModel: offer.gpuModel,
    region: offer.region,
    pricePerHourUsd: offer.pricePerHourUsd,
    uploadSeconds: target.uploadSeconds,
  };
}

/** One sentence per side on what was ruled out, the largest reason first (the last sentences of `reasons`). */
export function sideNotes(feasibleGpus: number, rejections: Decision['rejections']): string[] {
  const notes: string[] = [];
  const local = describeRejections(rejections.local, 'local GPU');
  if (local) notes.push(`${feasibleGpus} local GPU(s) feasible; rejected: ${local}`);
  const cloud = describeRejections(rejections.cloud, 'cloud offer');
  if (cloud) notes.push(`cloud offers rejected: ${cloud}`);
  return notes;
}

function describeRejections(summaries: readonly RejectionSummary[], noun: string): string {
  return summaries
    .slice(0, 3)
    .map(
      (entry) =>
        `${entry.count} ${noun}(s) ${entry.reason} (e.g. ${entry.example.candidate}${entry.example.detail ? `: ${entry.example.detail}` : ''})`,
    )
    .join('; ');
}

function suggest(parts: DecisionParts, rejections: Decision['rejections']): Alternative[] {
  const { input, stages, scoreContext } = parts;
  const postInput = { rejections, filters: stages.filters };
  return stages.postFilters.flatMap((plugin) => [...plugin.suggest(input.job, postInput, scoreContext)]);
}
