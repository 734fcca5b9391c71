import type { JobErrorClass } from './error-classification.js';

/**
 * What to do after a job error (seed 002 `handle_job_failure`):
 * - `retry`: run again anywhere after `delaySeconds` (exponential backoff);
 * - `alternative`: run again on another resource than the one that failed;
 * - `cloud`: fail over to the cloud;
 * - `fail`: give up; the job fails with the error.
 */
export type ErrorRecovery =
  | { readonly action: 'retry'; readonly delaySeconds: number; readonly retry: number }
  | { readonly action: 'alternative' }
  | { readonly action: 'cloud' }
  | { readonly action: 'fail'; readonly reason: string };

/** The job's error history as far as recovery needs it. */
export interface ErrorRecoveryState {
  /** Retries made so far after transient or unknown errors. */
  readonly retries: number;
  /** Whether another resource was already tried after a persistent or system error. */
  readonly alternativeTried: boolean;
  /** Whether the job ran in the cloud. */
  readonly onCloud: boolean;
  /** Whether the job may not run in the cloud (confidential). */
  readonly cloudRestricted: boolean;
}

export interface ErrorRecoveryLimits {
  readonly maxRetries: number;
  readonly backoffCapSeconds: number;
  readonly unknownErrorRetries: number;
}

/**
 * Seed 002's branches. Transient: retry with backoff `min(cap, 2^n)` s while `n ≤ maxRetries`,
 * then as persistent. Unknown: retried like transient `unknownErrorRetries` times (seed: once),
 * then as persistent. Persistent: another resource, once; then fail (the seed fails when no
 * alternative is left; one alternative per job keeps retries bounded). System: the cloud unless
 * the job is cloud-restricted or ran there, else as persistent.
 */
export function planErrorRecovery(kind: JobErrorClass, state: ErrorRecoveryState, limits: ErrorRecoveryLimits): ErrorRecovery {
  switch (kind) {
    case 'transient':
      return state.retries < limits.maxRetries ? retry(state, limits) : persistent(state);
    case 'unknown':
      return state.retries < Math.min(limits.unknownErrorRetries, limits.maxRetries) ? retry(state, limits) : persistent(state);
    case 'system':
      return !state.onCloud && !state.cloudRestricted && !state.alternativeTried ? { action: 'cloud' } : persistent(state);
    case 'persistent':
      return persistent(state);
  }
}

function retry(state: ErrorRecoveryState, limits: ErrorRecoveryLimits): ErrorRecovery {
  const retryNumber = state.retries + 1;
  return { action: 'retry', retry: retryNumber, delaySeconds: Math.min(limits.backoffCapSeconds, 2 ** retryNumber) };
}

function persistent(state: ErrorRecoveryState): ErrorRecovery {
  return state.alternativeTried ? { action: 'fail', reason: 'another resource was tried already' } : { action: 'alternative' };
}
