import { AimaError, type AimaErrorOptions } from './aima-error.js';

const invariantErrorMarker = Symbol.for('aima.error.invariant');

/**
 * A safety invariant would have been broken (for example a confidential job about to be given a
 * cloud target by a host plugin or policy). AIMA refuses instead of proceeding. This is a bug in
 * the plugin or policy named in the message; report it with the decision's inputs.
 */
export class InvariantError extends AimaError {
  protected readonly [invariantErrorMarker] = true;

  constructor(message: string, options: AimaErrorOptions = {}) {
    super('AIMA_INVARIANT', message, options);
    this.name = 'InvariantError';
  }

  static override isInstance(error: unknown): error is InvariantError {
    return typeof error === 'object' && error !== null && invariantErrorMarker in error;
  }
}
