import { AimaError, type AimaErrorOptions } from './aima-error.js';

const marker = Symbol.for('aima.error.job-timeout');

/** The job ran past its timeout and was stopped. Raise `scheduler.timeoutFactor` or the job's `estimatedDurationSeconds` if it needs longer. */
export class JobTimeoutError extends AimaError {
  protected readonly [marker] = true;
  readonly jobId: string;
  readonly timeoutSeconds: number;
  constructor(jobId: string, timeoutSeconds: number, options: AimaErrorOptions = {}) {
    super(
      'AIMA_JOB_TIMEOUT',
      `Job ${jobId} exceeded its timeout of ${timeoutSeconds} s and was stopped; raise scheduler.timeoutFactor or estimatedDurationSeconds if it needs longer.`,
      options,
    );
    this.name = 'JobTimeoutError';
    this.jobId = jobId;
    this.timeoutSeconds = timeoutSeconds;
  }

  static override isInstance(error: unknown): error is JobTimeoutError {
    return typeof error === 'object' && error !== null && marker in error;
  }
}
