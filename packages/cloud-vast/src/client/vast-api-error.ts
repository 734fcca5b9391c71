import { ProviderError, type ProviderErrorKind, type ProviderErrorOptions } from '@aima/core';

const vastApiErrorMarker = Symbol.for('aima.error.vast-api');

/** Options of a {@link VastApiError}. */
export interface VastApiErrorOptions extends ProviderErrorOptions {
  /** Vast's own error code, e.g. `no_such_ask`, `invalid_args`, `rate_limit_exceeded`. */
  readonly vastError?: string;
  /** Instance Vast created although the call failed (an interruptible bid that was too low). */
  readonly createdInstanceId?: number;
}

/**
 * A failed Vast.ai call, classified for the scheduler (a `ProviderError` with provider id
 * `vast`). Its message and `cause` never hold the API key or the request headers.
 */
export class VastApiError extends ProviderError {
  protected readonly [vastApiErrorMarker] = true;
  readonly vastError: string | undefined;
  readonly createdInstanceId: number | undefined;

  constructor(kind: ProviderErrorKind, message: string, options: VastApiErrorOptions = {}) {
    super('vast', kind, message, options);
    this.name = 'VastApiError';
    this.vastError = options.vastError;
    this.createdInstanceId = options.createdInstanceId;
  }

  static override isInstance(error: unknown): error is VastApiError {
    return typeof error === 'object' && error !== null && vastApiErrorMarker in error;
  }
}
