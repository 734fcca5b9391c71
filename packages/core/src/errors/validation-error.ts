import { AimaError, type AimaErrorOptions } from './aima-error.js';

const validationErrorMarker = Symbol.for('aima.error.validation');

/** One problem found in an input, with the path of the offending field. */
export interface ValidationIssue {
  /** Dotted path to the field, e.g. `requirements.minVramGb`; empty for the whole input. */
  readonly path: string;
  readonly message: string;
}

/**
 * An input (a job spec, a GPU registration, a cloud offer) is not valid.
 * `issues` lists every problem found, not only the first.
 */
export class ValidationError extends AimaError {
  protected readonly [validationErrorMarker] = true;
  readonly issues: readonly ValidationIssue[];

  constructor(subject: string, issues: readonly ValidationIssue[], options: AimaErrorOptions = {}) {
    super('AIMA_VALIDATION', formatIssues(`Invalid ${subject}`, issues), options);
    this.name = 'ValidationError';
    this.issues = issues;
  }

  static override isInstance(error: unknown): error is ValidationError {
    return typeof error === 'object' && error !== null && validationErrorMarker in error;
  }
}

/** Formats issues as one line per problem, with a closing hint. */
export function formatIssues(heading: string, issues: readonly ValidationIssue[]): string {
  const lines = issues.map((issue) => `  - ${issue.path === '' ? '(root)' : issue.path}: ${issue.message}`);
  return `${heading} (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n${lines.join('\n')}\nFix the fields listed and try again.`;
}
