import type { JobErrorClass } from '../../failover/error-classification.js';
import type { FailoverStrategy } from '../../failover/failover-strategy.js';
import type { FailureSeverity } from '../../spec/gpu-device.js';

/** What made a job move. */
export type FailoverTrigger = 'gpu-failure' | 'cloud-interruption' | 'job-error';

/** Where a job ran when it had to move. */
export type FailoverOrigin =
  | { readonly kind: 'local'; readonly gpuId: string }
  | { readonly kind: 'cloud'; readonly providerId: string; readonly offerId: string; readonly instanceId?: string };

/** What was done: a GPU-failure strategy (F3) or an error recovery (F4). */
export type FailoverAction = FailoverStrategy | 'retry' | 'alternative-resource';

/** One move of a job, kept in its failover history (F5). */
export interface FailoverRecord {
  readonly at: number;
  /** The attempt that failed. */
  readonly attempt: number;
  readonly trigger: FailoverTrigger;
  readonly failureClass?: FailureSeverity;
  readonly errorClass?: JobErrorClass;
  readonly from: FailoverOrigin;
  readonly action: FailoverAction;
  /** Seconds before the job is placed again. */
  readonly delaySeconds: number;
  readonly message: string;
  /** Sequence of the checkpoint the job resumes from, if it has one. */
  readonly checkpointSequence?: number;
  /** How the move ended: the job runs again, or it ended before it could. */
  outcome?: 'resumed' | 'failed' | 'cancelled';
  /** When the job started again or ended. */
  completedAt?: number;
}

/** How a moved job must be placed next. */
export interface FailoverRoute {
  /**
   * - `same-gpu`: the pinned GPU when it is usable and free, else anywhere;
   * - `local`: a local GPU only, never the cloud;
   * - `local-then-cloud`: a free local GPU, else the cloud, else wait for a local GPU;
   * - `cloud`: the cloud, else a local GPU;
   * - `any`: wherever the engine says.
   */
  readonly mode: 'same-gpu' | 'local' | 'local-then-cloud' | 'cloud' | 'any';
  /** GPUs the job must not return to (GPU rotation). */
  readonly avoidGpuIds: readonly string[];
  readonly pinGpuId?: string;
  /** May displace a lower-priority local job (seed 000 "Prioritätsbasierte Umverteilung"). */
  readonly redistribute: boolean;
  /** Fail the job with `error` when no other resource can take it (seed 002 persistent errors). */
  readonly failIfNone?: { readonly error: Error };
}
