import type { DecisionContext } from './decision-context.js';
import type { EngineParts } from './engine-setup.js';
import type { PluginContext } from './extension-points/plugin-context.js';
import { type CloudEvaluation, evaluateCloud, evaluateLocal, type LocalEvaluation } from './pipeline.js';
import type { PreparedJob } from './prepared-job.js';
import { RejectionLog } from './rejection-log.js';

/**
 * What a decision learns about a job from its filters and costs: every offer examined, every
 * class of local GPUs filtered. It does not depend on which member of a class is free, so it
 * stays right while GPUs are allocated and released; it changes when the fleet's classes, the
 * offers or the bandwidth do (and, for time-dependent filters such as availability windows, `now`).
 */
export interface Evaluation {
  readonly job: PreparedJob;
  readonly cloud: CloudEvaluation;
  readonly local: LocalEvaluation;
  /** Lowest estimated cost among all feasible candidates, local and cloud (score plugins compare against it). */
  readonly cheapestCostUsd: number;
  /** Every rejection, local classes named by their soonest-free member when summarised. */
  readonly log: RejectionLog;
}

/** Runs the side filters, the cloud walk and the local class filters for one job (D1, D2). */
export function evaluate(job: PreparedJob, context: DecisionContext, parts: EngineParts): Evaluation {
  const pluginContext: PluginContext = { now: context.now, config: parts.config, decision: context };
  const log = new RejectionLog(context.explain === 'detailed');
  const cloud = evaluateCloud(job, parts.stages, pluginContext, log);
  const local = evaluateLocal(job, parts.stages, pluginContext, log);
  let cheapestCostUsd = cloud.best?.costUsd ?? Number.POSITIVE_INFINITY;
  for (const cost of local.costs) cheapestCostUsd = Math.min(cheapestCostUsd, cost);
  return { job, cloud, local, cheapestCostUsd, log };
}
