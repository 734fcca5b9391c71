import type { Decision } from '../engine/decision.js';
import { AimaError, type AimaErrorOptions } from './aima-error.js';

const marker = Symbol.for('aima.error.job-rejected');

/** No GPU may run the job: the decision says why and lists alternatives. */
export class JobRejectedError extends AimaError {
  protected readonly [marker] = true;
  readonly jobId: string;
  readonly decision: Decision;
  constructor(jobId: string, decision: Decision, options: AimaErrorOptions = {}) {
    super(
      'AIMA_JOB_REJECTED',
      `Job ${jobId} was rejected (${decision.rule}): ${decision.reasons[0] ?? 'no reason given'}.${decision.alternatives.length > 0 ? ` Alternatives: ${decision.alternatives.map((alternative) => alternative.message).join('; ')}.` : ''}`,
      options,
    );
    this.name = 'JobRejectedError';
    this.jobId = jobId;
    this.decision = decision;
  }

  static override isInstance(error: unknown): error is JobRejectedError {
    return typeof error === 'object' && error !== null && marker in error;
  }
}
