import { ProviderError, type ProviderErrorKind, type ProviderErrorOptions } from '@aima/core';

const runpodApiErrorMarker = Symbol.for('aima.error.runpod-api');

/**
 * Why a RunPod call failed, finer than {@link ProviderErrorKind}:
 * - `no-capacity`: RunPod has no machine for the request (GraphQL error in HTTP 200, REST v2 400);
 * - `spot-discontinued`: "Spot pods are no longer offered"; only on-demand offers can launch;
 * - `low-balance`: the account cannot pay (REST v2 402 or the GraphQL/v1 message);
 * - `unauthorized` (401) and `forbidden` (403): the API key is wrong or lacks the scope;
 * - `not-found`, `conflict` (an action not allowed in the pod's status), `invalid-request` (400/422);
 * - `rate-limited` (429), `server-error` (5xx), `timeout`, `network`: worth retrying later;
 * - `not-reachable`: a pod never exposed its ports in time, or died while starting (it was terminated);
 * - `graphql`: any other GraphQL error; `unexpected-response`: a body we could not parse.
 */
export type RunpodErrorReason =
  | 'no-capacity'
  | 'spot-discontinued'
  | 'low-balance'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'invalid-request'
  | 'rate-limited'
  | 'server-error'
  | 'timeout'
  | 'network'
  | 'not-reachable'
  | 'graphql'
  | 'unexpected-response';

const kindOfReason: Record<RunpodErrorReason, ProviderErrorKind> = {
  'no-capacity': 'capacity',
  'spot-discontinued': 'capacity',
  'low-balance': 'auth',
  unauthorized: 'auth',
  forbidden: 'auth',
  'not-found': 'not-found',
  conflict: 'invalid-request',
  'invalid-request': 'invalid-request',
  'rate-limited': 'rate-limit',
  'server-error': 'transient',
  timeout: 'transient',
  network: 'transient',
  'not-reachable': 'capacity',
  graphql: 'unknown',
  'unexpected-response': 'unknown',
};

/** Options of a {@link RunpodApiError}. */
export interface RunpodApiErrorOptions extends ProviderErrorOptions {
  /** What we were doing, e.g. `"create pod"`. */
  readonly operation: string;
}

/**
 * A RunPod call that failed, as a {@link ProviderError} (so the scheduler can act on `kind`) with
 * the RunPod-specific `reason`. Messages and causes never hold the API key or request headers.
 */
export class RunpodApiError extends ProviderError {
  protected readonly [runpodApiErrorMarker] = true;
  readonly reason: RunpodErrorReason;
  readonly operation: string;

  constructor(providerId: string, reason: RunpodErrorReason, message: string, options: RunpodApiErrorOptions) {
    super(providerId, kindOfReason[reason], message, options);
    this.name = 'RunpodApiError';
    this.reason = reason;
    this.operation = options.operation;
  }

  static override isInstance(error: unknown): error is RunpodApiError {
    return typeof error === 'object' && error !== null && runpodApiErrorMarker in error;
  }
}
