import type { Clock, JobContext, JobResult } from '@aima/core';
import { raceAbort } from '../api/abort.js';
import { redact, truncate } from '../api/redact.js';
import type { RunpodJobRequest } from './job-payload.js';
import { progressReporter } from './job-progress.js';
import { isTerminal, phaseOf, type ServerlessJobPhase } from './job-states.js';
import type { ServerlessEndpointClient } from './serverless-client.js';
import { parseWorkerError, ServerlessJobError } from './serverless-job-error.js';
import type { ServerlessJobStatus } from './serverless-schemas.js';

/** What running one job needs. */
export interface JobExecution {
  readonly client: ServerlessEndpointClient;
  readonly clock: Clock;
  readonly pollIntervalMs: number;
  readonly stream: boolean;
  readonly onStreamOutput?: ((output: unknown, jobId: string) => void) | undefined;
  readonly secrets: readonly string[];
}

/**
 * Submits the job, polls it on the clock until it ends, and maps the end: COMPLETED resolves,
 * FAILED / TIMED_OUT / CANCELLED reject with a `ServerlessJobError`. When the signal aborts the
 * run rejects at once with the signal's reason and the RunPod job is cancelled in the background,
 * also when `/run` answers only after the abort. A failure after submission (RunPod unreachable
 * for longer than the retries) cancels the job too, so it does not run on unobserved.
 */
export async function runServerlessJob(
  execution: JobExecution,
  jobId: string,
  request: RunpodJobRequest,
  context: JobContext,
): Promise<JobResult> {
  const { signal } = context;
  const submission = execution.client.submit(request);
  const cancelLater = () =>
    void submission.then(
      (handle) => cancelQuietly(execution, handle.id, context),
      () => undefined,
    );
  signal.addEventListener('abort', cancelLater, { once: true });
  try {
    const handle = await raceAbort(submission, signal);
    context.log.info('job queued on RunPod serverless', { jobId, runpodJobId: handle.id, endpointId: execution.client.endpointId });
    return await follow(execution, jobId, handle.id, context);
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    if (!ServerlessJobError.isInstance(error)) cancelLater();
    throw error;
  } finally {
    signal.removeEventListener('abort', cancelLater);
  }
}

async function follow(execution: JobExecution, jobId: string, runpodJobId: string, context: JobContext): Promise<JobResult> {
  const progress = progressReporter(context, execution.client.endpointId);
  const outputs: unknown[] = [];
  for (;;) {
    await execution.clock.sleep(execution.pollIntervalMs, context.signal);
    const status = execution.stream
      ? await streamStep(execution, jobId, runpodJobId, context, (output) => {
          outputs.push(output);
          progress.chunk(output);
        })
      : await execution.client.status(runpodJobId, context.signal);
    const phase = phaseOf(status.status);
    if (phase === undefined) {
      context.log.warn('unknown RunPod job status; still waiting', { runpodJobId, status: status.status });
      continue;
    }
    progress.phase(phase);
    if (isTerminal(phase)) return finish(execution, runpodJobId, phase, status, outputs);
  }
}

/** One `/stream` poll; at the end, `/status` for the final output or error. */
async function streamStep(
  execution: JobExecution,
  jobId: string,
  runpodJobId: string,
  context: JobContext,
  onOutput: (output: unknown) => void,
): Promise<Pick<ServerlessJobStatus, 'status'> & Partial<ServerlessJobStatus>> {
  const page = await execution.client.stream(runpodJobId, context.signal);
  for (const chunk of page.stream ?? []) {
    onOutput(chunk.output);
    try {
      execution.onStreamOutput?.(chunk.output, jobId);
    } catch (error) {
      context.log.warn('onStreamOutput threw; the job goes on', { jobId, error: String(error) });
    }
  }
  if (!isTerminal(phaseOf(page.status))) return { status: page.status };
  return execution.client.status(runpodJobId, context.signal);
}

function finish(
  execution: JobExecution,
  runpodJobId: string,
  phase: ServerlessJobPhase,
  status: Partial<ServerlessJobStatus>,
  outputs: readonly unknown[],
): JobResult {
  const worker = parseWorkerError(status.error);
  const said = worker === undefined ? '' : `: ${redact(truncate(worker.message, 500), execution.secrets)}`;
  if (phase === 'failed') throw new ServerlessJobError(runpodJobId, 'failed', `RunPod job ${runpodJobId} failed${said}`, worker);
  if (phase === 'timed-out') {
    throw new ServerlessJobError(
      runpodJobId,
      'timed-out',
      `RunPod job ${runpodJobId} timed out (the execution timeout was reached)${said}`,
      worker,
    );
  }
  if (phase === 'cancelled')
    throw new ServerlessJobError(runpodJobId, 'cancelled', `RunPod job ${runpodJobId} was cancelled on RunPod, not by AIMA`, worker);
  const metrics: Record<string, number> = {};
  if (typeof status.delayTime === 'number') metrics.queueMs = status.delayTime;
  if (typeof status.executionTime === 'number') metrics.executionMs = status.executionTime;
  const output = status.output !== undefined ? status.output : outputs.length > 0 ? [...outputs] : undefined;
  return { output, metrics };
}

function cancelQuietly(execution: JobExecution, runpodJobId: string, context: JobContext): Promise<void> {
  return execution.client.cancel(runpodJobId).then(
    (answer) => context.log.info('cancelled the RunPod job', { runpodJobId, status: answer.status }),
    (error: unknown) =>
      context.log.warn('could not cancel the RunPod job; it may run on until its timeout', { runpodJobId, error: String(error) }),
  );
}
