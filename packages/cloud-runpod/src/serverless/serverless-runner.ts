import { type Job, type JobContext, type JobResult, type JobRunner, type Placement, parseInput, ValidationError } from '@aima/core';
import { parseOptions } from '../options/parse-options.js';
import { endpointIdSchema } from './endpoint-id.js';
import { buildJobRequest, type RunpodExecutionPolicy } from './job-payload.js';
import { runServerlessJob } from './run-serverless-job.js';
import { type RunpodServerlessRunnerOptions, serverlessRunnerOptionsSchema } from './runner-options.js';
import { createRunpodServerlessClient } from './serverless-client.js';
import type { ServerlessHealth } from './serverless-schemas.js';

/** Runs AIMA jobs on a RunPod serverless endpoint. */
export interface RunpodServerlessRunner extends JobRunner {
  readonly endpointId: string;
  /** The endpoint's job counts and workers (`/health`). */
  health(signal?: AbortSignal): Promise<ServerlessHealth>;
  close(): void;
}

/**
 * A core `JobRunner` on a RunPod serverless endpoint, built on `runpod-sdk`: each run submits
 * `{ input: { jobId, spec, attempt, resumeFrom? } }` to `/run`, polls `/status` (or `/stream`)
 * on the clock, reports progress, resolves with `{ output, metrics }` and cancels the RunPod job
 * when the signal aborts. Cloud placements only; confidential jobs are refused.
 * @throws ConfigError for wrong options (no API key); ValidationError for a malformed endpoint id. Both before any request.
 */
export function createRunpodServerlessRunner(options: RunpodServerlessRunnerOptions): RunpodServerlessRunner {
  const settings = parseOptions(serverlessRunnerOptionsSchema, options, 'RunPod serverless runner options');
  const endpointId = parseInput(endpointIdSchema, settings.endpointId, 'RunPod serverless endpoint id');
  const client = settings.client ?? createRunpodServerlessClient({ ...settings, endpointId, apiKey: settings.apiKey ?? '' });
  const policy: RunpodExecutionPolicy = {
    ...(settings.executionTimeoutMs !== undefined && { executionTimeout: settings.executionTimeoutMs }),
    ...(settings.ttlMs !== undefined && { ttl: settings.ttlMs }),
  };
  const execution = {
    client,
    clock: settings.clock,
    pollIntervalMs: settings.pollIntervalMs,
    stream: settings.stream,
    onStreamOutput: settings.onStreamOutput,
    secrets: settings.apiKey === undefined ? [] : [settings.apiKey],
  };
  return {
    endpointId,
    async run(job: Job, placement: Placement, context: JobContext): Promise<JobResult> {
      context.signal.throwIfAborted();
      refuseUnsafe(job, placement);
      const request = buildJobRequest(job, context.resumeFrom, policy);
      return runServerlessJob(execution, job.id, request, context);
    },
    health: (signal) => client.health(signal),
    close() {
      if (settings.client === undefined) client.close();
    },
  };
}

/** A confidential job never leaves the host's GPUs; a local placement is not this runner's to run. */
function refuseUnsafe(job: Job, placement: Placement): void {
  if (job.spec.confidentiality === 'confidential') {
    throw new ValidationError('job for RunPod serverless', [
      { path: 'spec.confidentiality', message: "confidential jobs never leave the host's GPUs; run them on a local GPU" },
    ]);
  }
  if (placement.kind !== 'cloud') {
    throw new ValidationError('placement for RunPod serverless', [
      { path: 'kind', message: 'this runner runs cloud placements only; route local placements to the host runner' },
    ]);
  }
}
