import { AimaError, type AimaErrorOptions } from './aima-error.js';

const marker = Symbol.for('aima.error.job-cancelled');

/** The job was cancelled by the host (`scheduler.cancel`) before it finished. */
export class JobCancelledError extends AimaError {
  protected readonly [marker] = true;
  readonly jobId: string;
  constructor(jobId: string, options: AimaErrorOptions = {}) {
    super('AIMA_JOB_CANCELLED', `Job ${jobId} was cancelled.`, options);
    this.name = 'JobCancelledError';
    this.jobId = jobId;
  }

  static override isInstance(error: unknown): error is JobCancelledError {
    return typeof error === 'object' && error !== null && marker in error;
  }
}
