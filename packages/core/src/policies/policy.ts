import type { SchedulerConfig } from '../config/scheduler-config.js';
import type { CloudCandidate, LocalCandidate } from '../engine/candidates.js';
import type { SideRejection } from '../engine/pipeline.js';
import type { PreparedJob } from '../engine/prepared-job.js';
import type { HybridThresholds } from './hybrid-threshold/adaptive-thresholds.js';

/** The local side as a policy sees it. */
export interface LocalOption {
  /** The best feasible local GPU by weighted score (free now if any is), if any. */
  readonly best?: LocalCandidate;
  /**
   * The cheapest feasible local GPU (free now if any is), if any: the local cost to compare with
   * the cloud (seed `estimate_local_cost` over the suitable GPUs).
   */
  readonly cheapest?: LocalCandidate;
  /** Shortest wait over every feasible local GPU (seed `estimate_local_queue_time`). */
  readonly minWaitSeconds?: number;
  readonly feasibleGpus: number;
  readonly sideRejection?: SideRejection;
}

/** The cloud side as a policy sees it. */
export interface CloudOption {
  /** The cheapest feasible offer (C3), if any. */
  readonly best?: CloudCandidate;
  readonly sideRejection?: SideRejection;
}

export interface PolicyInput {
  readonly job: PreparedJob;
  readonly now: number;
  readonly config: SchedulerConfig;
  readonly local: LocalOption;
  readonly cloud: CloudOption;
  /** Share of usable local GPUs allocated, 0..1. */
  readonly localUtilization: number;
  readonly hybridThresholds: HybridThresholds;
}

/**
 * A policy's verdict. `none` rejects the job. When the side named has no candidate, the engine
 * falls back to the other side if that is allowed, and says so.
 */
export interface PolicyVerdict {
  readonly target: 'local' | 'cloud' | 'none';
  /**
   * Which local candidate runs the job: the best by score, or the cheapest (use it when cost
   * decided, so the estimate and the placement agree). @default 'best'
   */
  readonly localCandidate?: 'best' | 'cheapest';
  /** Stable id of the rule that fired, `<policy>/<rule>`. */
  readonly rule: string;
  readonly reason: string;
}

/**
 * Policy extension point: the rules that choose between the best local and the best cloud
 * candidate. Contract: pure; never sends a confidential job to the cloud (the engine checks and
 * throws `InvariantError` if it does).
 */
export interface Policy {
  readonly name: string;
  decide(input: PolicyInput): PolicyVerdict;
}
