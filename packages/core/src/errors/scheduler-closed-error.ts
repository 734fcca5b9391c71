import { AimaError, type AimaErrorOptions } from './aima-error.js';

const marker = Symbol.for('aima.error.scheduler-closed');

/** The scheduler was closed; jobs still queued or running when it closed end with this error. */
export class SchedulerClosedError extends AimaError {
  protected readonly [marker] = true;
  readonly jobId: string | undefined;
  constructor(jobId?: string, options: AimaErrorOptions = {}) {
    super(
      'AIMA_SCHEDULER_CLOSED',
      jobId === undefined
        ? 'The scheduler is closed; create a new one to submit jobs.'
        : `Job ${jobId} was stopped because the scheduler closed.`,
      options,
    );
    this.name = 'SchedulerClosedError';
    this.jobId = jobId;
  }

  static override isInstance(error: unknown): error is SchedulerClosedError {
    return typeof error === 'object' && error !== null && marker in error;
  }
}
