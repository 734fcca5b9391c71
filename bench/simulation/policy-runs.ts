import { aimaPolicy, costOptimalPolicy, hybridThresholdPolicy, type Policy, type SchedulerConfigInput } from '@aima/core';
import { fifoQueueConfig, localOnlyFifoPolicy } from './policies/b1-local-only-fifo.js';
import { cloudOnlyCheapestPolicy } from './policies/b2b-cloud-only-cheapest.js';
import { noWaitHybridPolicy } from './policies/b3-no-wait-hybrid.js';

/** One policy to replay: an evaluation.md §5 baseline or a core policy, with its config overrides. */
export interface PolicyRun {
  /** Short id for the table and `--policies`, e.g. `B1`. */
  readonly id: string;
  readonly label: string;
  readonly policy: Policy;
  readonly config?: SchedulerConfigInput;
}

/**
 * B1, B2b, B3 and B5 of evaluation.md §5, then core's other two built-in policies. Core's policies
 * are passed as the exported objects, which is what their registered names resolve to.
 */
export const policyRuns: readonly PolicyRun[] = [
  { id: 'B1', label: 'B1 local-only FIFO', policy: localOnlyFifoPolicy, config: fifoQueueConfig },
  { id: 'B2b', label: 'B2b cloud-only cheapest', policy: cloudOnlyCheapestPolicy, config: fifoQueueConfig },
  { id: 'B3', label: 'B3 no-wait hybrid', policy: noWaitHybridPolicy },
  { id: 'B5', label: 'B5 aima (spec)', policy: aimaPolicy },
  { id: 'HT', label: 'hybrid-threshold', policy: hybridThresholdPolicy },
  { id: 'CO', label: 'cost-optimal', policy: costOptimalPolicy },
];

/**
 * Settings every run shares: evaluation.md §3 cost defaults (PUE 1.56, $0.117/kWh), and scheduler
 * limits lifted so the trace's own concurrency, not core's defaults of 64 running jobs and 4
 * launches at once, bounds what runs.
 */
export const sharedConfig: SchedulerConfigInput = {
  cost: { pue: 1.56, electricityUsdPerKwh: 0.117 },
  scheduler: { maxConcurrentJobs: 1_000_000, maxConcurrentLaunches: 100_000 },
};

/** The shared settings with a run's overrides on top (one level deep per section). */
export function configFor(run: PolicyRun): SchedulerConfigInput {
  const own = run.config ?? {};
  return {
    ...sharedConfig,
    ...own,
    cost: { ...sharedConfig.cost, ...own.cost },
    scheduler: { ...sharedConfig.scheduler, ...own.scheduler },
  };
}

/** The runs whose ids are listed (case-insensitive), in table order; all when `ids` is absent. */
export function selectRuns(ids?: readonly string[]): PolicyRun[] {
  if (ids === undefined) return [...policyRuns];
  const wanted = new Set(ids.map((id) => id.toLowerCase()));
  const unknown = [...wanted].filter((id) => !policyRuns.some((run) => run.id.toLowerCase() === id));
  if (unknown.length > 0)
    throw new Error(`unknown policy id(s) ${unknown.join(', ')}; known: ${policyRuns.map((run) => run.id).join(', ')}`);
  return policyRuns.filter((run) => wanted.has(run.id.toLowerCase()));
}
