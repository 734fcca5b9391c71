import { AimaError, type AimaErrorOptions } from './aima-error.js';

const providerErrorMarker = Symbol.for('aima.error.provider');

/**
 * What went wrong at a GPU provider, in terms the scheduler acts on:
 * - `capacity`: no capacity or the offer was taken; try another offer (and block this one a while);
 * - `rate-limit` and `transient`: retry later;
 * - `auth`: the credentials are wrong; fix the configuration;
 * - `invalid-request`: our request was wrong; a bug or a bad option;
 * - `not-found`: the instance or offer does not exist (any more);
 * - `unavailable`: the provider's library or service cannot be reached at all;
 * - `unknown`: anything else.
 */
export type ProviderErrorKind =
  | 'capacity'
  | 'rate-limit'
  | 'transient'
  | 'auth'
  | 'invalid-request'
  | 'not-found'
  | 'unavailable'
  | 'unknown';

/** Options of a {@link ProviderError}. */
export interface ProviderErrorOptions extends AimaErrorOptions {
  /** HTTP status or vendor code, when there is one. */
  status?: number | string;
  /** Milliseconds the provider asked us to wait (Retry-After). */
  retryAfterMs?: number;
}

/** An error from a GPU provider (NVML, Vast.ai, RunPod, ...) classified for the scheduler. */
export class ProviderError extends AimaError {
  protected readonly [providerErrorMarker] = true;
  readonly providerId: string;
  readonly kind: ProviderErrorKind;
  readonly status: number | string | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(providerId: string, kind: ProviderErrorKind, message: string, options: ProviderErrorOptions = {}) {
    super('AIMA_PROVIDER', `${providerId}: ${message}`, options);
    this.name = 'ProviderError';
    this.providerId = providerId;
    this.kind = kind;
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
  }

  /** Whether trying the same call again later can succeed. */
  get retryable(): boolean {
    return this.kind === 'rate-limit' || this.kind === 'transient';
  }

  static override isInstance(error: unknown): error is ProviderError {
    return typeof error === 'object' && error !== null && providerErrorMarker in error;
  }
}
