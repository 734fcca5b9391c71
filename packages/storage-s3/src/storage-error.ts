import { AimaError, type AimaErrorOptions } from '@aima/core';

const storageErrorMarker = Symbol.for('aima.error.storage');

/**
 * What went wrong at an object store, in terms a host acts on:
 * - `bucket-not-found`: the bucket does not exist; create it or fix the `bucket` option;
 * - `auth`: the credentials are wrong, expired or lack a permission; fix the configuration;
 * - `rate-limit`: the store kept throttling (S3 `SlowDown`) after every retry; retry later;
 * - `transient`: a timeout, a dropped connection or a 5xx after every retry; retry later;
 * - `unavailable`: the endpoint cannot be reached at all (refused, unknown host);
 * - `invalid-request`: the store refused the request itself (a bad option or a bug);
 * - `unknown`: anything else.
 */
export type StorageErrorKind = 'bucket-not-found' | 'auth' | 'rate-limit' | 'transient' | 'unavailable' | 'invalid-request' | 'unknown';

/** Options of a {@link StorageError}. */
export interface StorageErrorOptions extends AimaErrorOptions {
  /** The bucket the call addressed. */
  readonly bucket?: string;
  /** The store operation, e.g. `put`, `list`. */
  readonly operation?: string;
  /** HTTP status, when the store answered. */
  readonly status?: number;
  /** The store's own error code, e.g. `NoSuchBucket`, `SlowDown`, `ECONNREFUSED`. */
  readonly storeCode?: string;
}

/**
 * An object store call failed, classified so a host can branch on `kind`. The message says what
 * to do next; neither it nor `cause` ever holds a secret key or a session token.
 */
export class StorageError extends AimaError {
  protected readonly [storageErrorMarker] = true;
  readonly kind: StorageErrorKind;
  readonly bucket: string | undefined;
  readonly operation: string | undefined;
  readonly status: number | undefined;
  readonly storeCode: string | undefined;

  constructor(kind: StorageErrorKind, message: string, options: StorageErrorOptions = {}) {
    super('AIMA_STORAGE', message, options);
    this.name = 'StorageError';
    this.kind = kind;
    this.bucket = options.bucket;
    this.operation = options.operation;
    this.status = options.status;
    this.storeCode = options.storeCode;
  }

  /** Whether trying the same call again later can succeed. */
  get retryable(): boolean {
    return this.kind === 'rate-limit' || this.kind === 'transient' || this.kind === 'unavailable';
  }

  static override isInstance(error: unknown): error is StorageError {
    return typeof error === 'object' && error !== null && storageErrorMarker in error;
  }
}
