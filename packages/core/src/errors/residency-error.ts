import { AimaError, type AimaErrorOptions } from './aima-error.js';

const marker = Symbol.for('aima.error.residency');

/**
 * A confidential job's data (a checkpoint, an input) was about to be written to an off-premises
 * store. AIMA refuses before any byte is written; configure an on-premises store for confidential
 * jobs.
 */
export class ResidencyError extends AimaError {
  protected readonly [marker] = true;
  readonly jobId: string;
  /** What was refused, e.g. `checkpoint` or `input data/clip.mp4`. */
  readonly subject: string;

  constructor(jobId: string, subject: string, options: AimaErrorOptions = {}) {
    super(
      'AIMA_RESIDENCY',
      `Job ${jobId} is confidential: its ${subject} may not be written to an off-premises store; configure an on-premises store for confidential jobs.`,
      options,
    );
    this.name = 'ResidencyError';
    this.jobId = jobId;
    this.subject = subject;
  }

  static override isInstance(error: unknown): error is ResidencyError {
    return typeof error === 'object' && error !== null && marker in error;
  }
}
