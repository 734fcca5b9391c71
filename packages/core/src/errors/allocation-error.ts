import { AimaError, type AimaErrorOptions } from './aima-error.js';

const marker = Symbol.for('aima.error.allocation');

/** An allocation would break the ledger's rules (a GPU allocated twice). This is a bug in the caller; the ledger refused. */
export class AllocationError extends AimaError {
  protected readonly [marker] = true;

  constructor(message: string, options: AimaErrorOptions = {}) {
    super('AIMA_ALLOCATION', message, options);
    this.name = 'AllocationError';
  }

  static override isInstance(error: unknown): error is AllocationError {
    return typeof error === 'object' && error !== null && marker in error;
  }
}
