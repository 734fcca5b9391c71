const aimaErrorMarker = Symbol.for('aima.error');

/** Options every AIMA error accepts. */
export interface AimaErrorOptions {
  /** The underlying error, kept for diagnosis. */
  cause?: unknown;
}

/**
 * Base class of every error AIMA throws on purpose.
 *
 * `code` is stable across releases, so hosts can branch on it; the message says what to do next.
 * Use `AimaError.isInstance(e)` rather than `instanceof` so the check survives two copies of the
 * package in one process.
 */
export class AimaError extends Error {
  protected readonly [aimaErrorMarker] = true;
  /** Stable machine-readable code, e.g. `AIMA_VALIDATION`. */
  readonly code: string;

  constructor(code: string, message: string, options: AimaErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AimaError';
    this.code = code;
  }

  /** True for any AIMA error, from any copy of the package. */
  static isInstance(error: unknown): error is AimaError {
    return typeof error === 'object' && error !== null && aimaErrorMarker in error;
  }
}
