import { AimaError, type AimaErrorOptions } from './aima-error.js';

const marker = Symbol.for('aima.error.job-failed');

/** The runner failed the job; `cause` holds the runner's error. */
export class JobFailedError extends AimaError {
  protected readonly [marker] = true;
  readonly jobId: string;
  constructor(jobId: string, message: string, options: AimaErrorOptions = {}) {
    super('AIMA_JOB_FAILED', `Job ${jobId} failed: ${message}`, options);
    this.name = 'JobFailedError';
    this.jobId = jobId;
  }

  static override isInstance(error: unknown): error is JobFailedError {
    return typeof error === 'object' && error !== null && marker in error;
  }
}
