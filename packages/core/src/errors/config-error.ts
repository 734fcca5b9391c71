import { AimaError, type AimaErrorOptions } from './aima-error.js';
import { formatIssues, type ValidationIssue } from './validation-error.js';

const configErrorMarker = Symbol.for('aima.error.config');

/**
 * The configuration given to a factory (engine, scheduler, plugin) is wrong: a bad value, an
 * unknown plugin or policy name, a missing weight. Raised when the factory runs, never later.
 */
export class ConfigError extends AimaError {
  protected readonly [configErrorMarker] = true;
  readonly issues: readonly ValidationIssue[];

  constructor(message: string, issues: readonly ValidationIssue[] = [], options: AimaErrorOptions = {}) {
    super('AIMA_CONFIG', issues.length > 0 ? formatIssues(message, issues) : message, options);
    this.name = 'ConfigError';
    this.issues = issues;
  }

  static override isInstance(error: unknown): error is ConfigError {
    return typeof error === 'object' && error !== null && configErrorMarker in error;
  }
}
