import { AimaError, type AimaErrorOptions } from './aima-error.js';

const marker = Symbol.for('aima.error.transfer');

/**
 * Moving a job's input between stores failed: the source object is missing or a store call
 * failed (`cause` holds the store's error). Whatever the transfer had written was deleted; check
 * the source key and both stores, then place the job again.
 */
export class TransferError extends AimaError {
  protected readonly [marker] = true;
  /** The source key of the object being moved. */
  readonly key: string;

  constructor(key: string, message: string, options: AimaErrorOptions = {}) {
    super('AIMA_TRANSFER', `Transfer of ${key} failed: ${message}`, options);
    this.name = 'TransferError';
    this.key = key;
  }

  static override isInstance(error: unknown): error is TransferError {
    return typeof error === 'object' && error !== null && marker in error;
  }
}
