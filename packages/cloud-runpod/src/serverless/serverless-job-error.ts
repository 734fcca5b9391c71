import { AimaError } from '@aima/core';
import type { ServerlessJobPhase } from './job-states.js';

const serverlessJobErrorMarker = Symbol.for('aima.error.runpod-serverless-job');

/** What a Python worker reports when its handler raises (rp-py `rp_job.py`). */
export interface WorkerError {
  readonly type?: string;
  readonly message: string;
  readonly traceback?: string;
}

/**
 * A serverless job that ended without a result: it failed, timed out on RunPod, or was
 * cancelled by someone else. The job ran (or was queued); the endpoint itself works.
 */
export class ServerlessJobError extends AimaError {
  protected readonly [serverlessJobErrorMarker] = true;
  /** RunPod's job id. */
  readonly runpodJobId: string;
  readonly phase: Extract<ServerlessJobPhase, 'failed' | 'timed-out' | 'cancelled'>;
  readonly workerError: WorkerError | undefined;

  constructor(runpodJobId: string, phase: ServerlessJobError['phase'], message: string, workerError?: WorkerError) {
    super('AIMA_RUNPOD_JOB', message);
    this.name = 'ServerlessJobError';
    this.runpodJobId = runpodJobId;
    this.phase = phase;
    this.workerError = workerError;
  }

  static override isInstance(error: unknown): error is ServerlessJobError {
    return typeof error === 'object' && error !== null && serverlessJobErrorMarker in error;
  }
}

/** Reads a job's `error`: a JSON string from a Python worker, a plain string, or an object. */
export function parseWorkerError(error: unknown): WorkerError | undefined {
  if (error === undefined || error === null || error === '') return undefined;
  let value: unknown = error;
  if (typeof error === 'string') {
    try {
      value = JSON.parse(error) as unknown;
    } catch {
      return { message: error };
    }
  }
  if (typeof value !== 'object' || value === null) return { message: String(value) };
  const record = value as Record<string, unknown>;
  const message = [record.error_message, record.message, record.error].find((candidate) => typeof candidate === 'string') as
    | string
    | undefined;
  return {
    message: message ?? JSON.stringify(value),
    ...(typeof record.error_type === 'string' && { type: record.error_type }),
    ...(typeof record.error_traceback === 'string' && { traceback: record.error_traceback }),
  };
}
