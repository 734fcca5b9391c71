import { AimaError, type AimaErrorOptions } from './aima-error.js';

const marker = Symbol.for('aima.error.queue-full');

/** Backpressure: the queue holds `scheduler.maxQueuedJobs` jobs already. Retry later or raise the limit. */
export class QueueFullError extends AimaError {
  protected readonly [marker] = true;
  readonly limit: number;
  constructor(limit: number, options: AimaErrorOptions = {}) {
    super('AIMA_QUEUE_FULL', `The queue is full (${limit} jobs); retry when jobs finish or raise scheduler.maxQueuedJobs.`, options);
    this.name = 'QueueFullError';
    this.limit = limit;
  }

  static override isInstance(error: unknown): error is QueueFullError {
    return typeof error === 'object' && error !== null && marker in error;
  }
}
