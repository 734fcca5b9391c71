import { initialHybridThresholds } from '../policies/hybrid-threshold/adaptive-thresholds.js';
import type { CloudOption, LocalOption, PolicyInput } from '../policies/policy.js';
import type { LocalCandidate } from './candidates.js';
import type { Decision } from './decision.js';
import type { DecisionContext } from './decision-context.js';
import { buildDecision } from './decision-explanation.js';
import type { EngineParts } from './engine-setup.js';
import type { Evaluation } from './evaluation.js';
import type { ScoreContext } from './extension-points/score-plugin.js';
import { resolveVerdict } from './verdict-resolution.js';
import type { Writable } from './writable.js';

/** The local candidates a policy chooses between, as selected at one moment. */
export interface LocalChoice {
  readonly best?: LocalCandidate;
  readonly cheapest?: LocalCandidate;
  readonly minWaitSeconds?: number;
}

/** A decision, and which local candidate its target and its local score card describe. */
export interface AssembledDecision {
  readonly decision: Decision;
  /** The local candidate the target is: `best`, `cheapest`, or none (cloud or no target). */
  readonly target: 'best' | 'cheapest' | undefined;
  /** The local candidate `scores.local` describes: the local target, else the best one. */
  readonly card: 'best' | 'cheapest' | undefined;
}

/** The context score plugins see for this evaluation. */
export function scoreContextOf(evaluation: Evaluation, context: DecisionContext, parts: EngineParts): ScoreContext {
  return { now: context.now, config: parts.config, decision: context, cheapestCostUsd: evaluation.cheapestCostUsd };
}

/** Asks the policy, applies the engine's safety net and explains the result (D4–D6). */
export function assembleDecision(
  evaluation: Evaluation,
  choice: LocalChoice,
  context: DecisionContext,
  parts: EngineParts,
): AssembledDecision {
  const { config, policy, stages } = parts;
  const { job, cloud, local } = evaluation;
  // Optional fields one by one, not spread in (see `Writable`).
  const localOption: Partial<Writable<LocalOption>> = {};
  if (choice.best) localOption.best = choice.best;
  if (choice.cheapest) localOption.cheapest = choice.cheapest;
  if (choice.minWaitSeconds !== undefined) localOption.minWaitSeconds = choice.minWaitSeconds;
  localOption.feasibleGpus = local.feasibleGpus;
  if (local.sideRejection) localOption.sideRejection = local.sideRejection;
  const cloudOption: Writable<CloudOption> = {};
  if (cloud.best) cloudOption.best = cloud.best;
  if (cloud.sideRejection) cloudOption.sideRejection = cloud.sideRejection;
  const input: PolicyInput = {
    job,
    now: context.now,
    config,
    local: localOption as LocalOption,
    cloud: cloudOption,
    localUtilization: context.localUtilization ?? context.fleet.utilization(),
    hybridThresholds: context.hybridThresholds ?? initialHybridThresholds(config.policies.hybridThreshold),
  };
  const resolved = resolveVerdict(policy.name, policy.decide(input), input);
  const scoreContext = scoreContextOf(evaluation, context, parts);
  const decision = buildDecision({
    policy: policy.name,
    input,
    resolved,
    stages,
    scoreContext,
    log: evaluation.log,
    context,
    cloudExamined: cloud.examined,
  });
  const target = resolved.target?.kind !== 'local' ? undefined : resolved.target === choice.best ? 'best' : 'cheapest';
  return { decision, target, card: target ?? (choice.best ? 'best' : undefined) };
}
