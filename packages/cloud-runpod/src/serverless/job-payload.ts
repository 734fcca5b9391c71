import { type Checkpoint, type Job, type JobSpec, ValidationError } from '@aima/core';

/** The checkpoint a moved job resumes from, with its bytes in base64. */
export interface RunpodCheckpointInput {
  readonly id: string;
  readonly sequence: number;
  readonly createdAt: number;
  readonly sizeBytes: number;
  readonly dataBase64: string;
}

/**
 * What a RunPod worker receives as `job["input"]`: the AIMA job id, its validated spec, the
 * attempt number, and the checkpoint to resume from when the job moved. Media are not inlined:
 * the spec says where they live, and the worker fetches them.
 */
export interface RunpodJobInput {
  readonly jobId: string;
  readonly spec: JobSpec;
  readonly attempt: number;
  readonly resumeFrom?: RunpodCheckpointInput;
}

/** RunPod's execution policy (B9): timeouts in milliseconds. */
export interface RunpodExecutionPolicy {
  readonly executionTimeout?: number;
  readonly ttl?: number;
}

/** The `/run` body: `{ input, policy? }`. */
export interface RunpodJobRequest {
  readonly input: RunpodJobInput;
  readonly policy?: RunpodExecutionPolicy;
}

/** `/run` refuses bodies over 10 MB (B9). */
export const maxRunPayloadBytes = 10 * 1024 * 1024;

/** Builds the `/run` body for a job. @throws ValidationError when it would exceed 10 MB. */
export function buildJobRequest(job: Job, resumeFrom: Checkpoint | undefined, policy: RunpodExecutionPolicy): RunpodJobRequest {
  const input: RunpodJobInput = {
    jobId: job.id,
    spec: job.spec,
    attempt: job.attempt,
    ...(resumeFrom !== undefined && {
      resumeFrom: {
        id: resumeFrom.id,
        sequence: resumeFrom.sequence,
        createdAt: resumeFrom.createdAt,
        sizeBytes: resumeFrom.sizeBytes,
        dataBase64: Buffer.from(resumeFrom.data).toString('base64'),
      },
    }),
  };
  const request: RunpodJobRequest = Object.keys(policy).length > 0 ? { input, policy } : { input };
  const bytes = Buffer.byteLength(JSON.stringify(request));
  if (bytes > maxRunPayloadBytes) {
    const megabytes = (bytes / 1024 / 1024).toFixed(1);
    throw new ValidationError('RunPod serverless job', [
      {
        path: 'resumeFrom',
        message: `the /run body would be ${megabytes} MB; RunPod accepts at most 10 MB, so keep checkpoints in an object store and pass a reference`,
      },
    ]);
  }
  return request;
}
