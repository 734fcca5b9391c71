import { AimaError } from '../errors/aima-error.js';
import { JobCancelledError } from '../errors/job-cancelled-error.js';
import { JobFailedError } from '../errors/job-failed-error.js';
import { JobTimeoutError } from '../errors/job-timeout-error.js';
import { SchedulerClosedError } from '../errors/scheduler-closed-error.js';
import { placeOutputs } from '../locality/output-placement.js';
import type { Checkpoint, Job, JobContext, JobResult, Placement, StagedInput } from '../spec/job-runner.js';
import { raceAbort } from '../time/race-abort.js';
import { FailoverSignal } from './failover/failover-signal.js';
import type { JobRecord } from './job-record.js';
import type { SchedulerCore } from './scheduler-core.js';

/** The abort reason used to make room for a higher-priority job (Q6). */
export class PreemptedSignal extends Error {
  constructor(readonly byJobId: string) {
    super(`preempted by ${byJobId}`);
    this.name = 'PreemptedSignal';
  }
}

/** How a run ended, for the caller's cleanup (release the GPU, terminate the instance). */
export type RunEnd = 'completed' | 'failed' | 'cancelled' | 'timeout' | 'preempted' | 'closed' | 'failover';

/**
 * Runs a placed job through the host's runner: progress, checkpoints, a timeout, cancellation
 * and preemption all go through one AbortController. A runner that ignores its signal does not
 * hold the job: the scheduler settles when the signal aborts. `cleanup` runs exactly once, before
 * the job settles, so a GPU is free (or an instance terminated) when the host hears of it.
 */
export function execute(
  core: SchedulerCore,
  record: JobRecord,
  placement: Placement,
  gpuIds: readonly string[],
  cleanup: (end: RunEnd, ranSeconds: number) => Promise<void> | void,
  inputs?: readonly StagedInput[],
): void {
  const controller = new AbortController();
  const now = core.clock.now();
  record.controller = controller;
  record.placement = placement;
  record.startedAt = now;
  core.setState(record, 'running');
  core.events.emit('job-started', { jobId: record.id, at: now, attempt: record.attempt, placement, gpuIds });
  delete record.route;
  core.completeFailover(record, 'resumed', gpuIds, placement);
  const timeoutSeconds = Math.max(
    core.config.scheduler.minTimeoutSeconds,
    core.config.scheduler.timeoutFactor * record.estimatedDurationSeconds,
  );
  const timer = core.clock.setTimer(timeoutSeconds * 1000, () => controller.abort(new JobTimeoutError(record.id, timeoutSeconds)));
  const job: Job = { id: record.id, spec: record.spec, attempt: record.attempt, submittedAt: record.submittedAt };
  const work = (async () => {
    let outcome: { result: JobResult } | { error: unknown };
    try {
      const run = async () => {
        const resumeFrom = await core.storage.resumePoint(record, controller.signal);
        return core.runner.run(job, placement, contextFor(core, record, controller.signal, resumeFrom, inputs));
      };
      outcome = { result: await raceAbort(run(), controller.signal) };
    } catch (error) {
      outcome = { error: controller.signal.aborted ? controller.signal.reason : error };
    }
    timer.cancel();
    const end = endOf(outcome);
    // A synchronous cleanup (local GPUs) releases and settles in one step, so no dispatch round
    // can hand the GPU on before the job's end is announced.
    try {
      const pending = cleanup(end, (core.clock.now() - now) / 1000);
      if (pending !== undefined) await pending;
    } catch (error) {
      core.logger.error('cleanup after a job failed', { jobId: record.id, error: String(error) });
    }
    settle(core, record, placement, outcome, end, gpuIds);
    core.scheduleTick();
  })();
  core.track(work);
}

function endOf(outcome: { result: JobResult } | { error: unknown }): RunEnd {
  if ('result' in outcome) return 'completed';
  const error = outcome.error;
  if (error instanceof PreemptedSignal) return 'preempted';
  if (error instanceof FailoverSignal) return 'failover';
  if (JobTimeoutError.isInstance(error)) return 'timeout';
  if (JobCancelledError.isInstance(error)) return 'cancelled';
  if (SchedulerClosedError.isInstance(error)) return 'closed';
  return 'failed';
}

function settle(
  core: SchedulerCore,
  record: JobRecord,
  placement: Placement,
  outcome: { result: JobResult } | { error: unknown },
  end: RunEnd,
  gpuIds: readonly string[],
): void {
  delete record.controller;
  if ('result' in outcome) {
    core.finish(record, { result: outcome.result }, gpuIds);
    return;
  }
  if (end === 'preempted' && !core.closed) {
    record.attempt++;
    core.events.emit('job-preempted', { jobId: record.id, at: core.clock.now(), byJobId: record.preemptedBy ?? 'unknown', gpuIds });
    delete record.preemptedBy;
    core.enqueue(record);
    return;
  }
  const error = outcome.error;
  // Runner errors and failed GPUs or instances go to failover (F3, F4); a timeout, a cancel or
  // close is final.
  if ((end === 'failed' || end === 'failover') && core.failover.recover(record, placement, error, gpuIds)) return;
  const state = end === 'cancelled' ? 'cancelled' : 'failed';
  const wrapped =
    record.failoverError ?? (AimaError.isInstance(error) ? error : new JobFailedError(record.id, messageOf(error), { cause: error }));
  core.finish(record, { error: wrapped, state }, gpuIds);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Where the job runs: its GPU's site, or its offer's region. */
function siteOf(core: SchedulerCore, record: JobRecord): string | undefined {
  const placement = record.placement;
  if (placement === undefined) return undefined;
  if (placement.kind === 'cloud') return placement.offer.region;
  const gpuId = placement.gpuIds[0];
  return gpuId === undefined ? undefined : core.registry.get(gpuId)?.gpu.location;
}

function contextFor(
  core: SchedulerCore,
  record: JobRecord,
  signal: AbortSignal,
  resumeFrom: Checkpoint | undefined,
  inputs: readonly StagedInput[] | undefined,
): JobContext {
  return {
    signal,
    ...(resumeFrom && { resumeFrom }),
    ...(inputs !== undefined && inputs.length > 0 && { inputs }),
    ...(record.spec.nextSteps !== undefined && {
      outputs: placeOutputs(record.spec.nextSteps, { job: { location: siteOf(core, record) } }),
    }),
    progress(fraction, message) {
      if (!Number.isFinite(fraction)) return;
      record.progress = Math.min(1, Math.max(0, fraction));
      core.events.emit('job-progress', {
        jobId: record.id,
        at: core.clock.now(),
        fraction: record.progress,
        ...(message !== undefined && { message }),
      });
    },
    async checkpoint(data) {
      const checkpoint = await core.storage.saveCheckpoint(record, data, core.clock.now(), signal);
      const sequence = checkpoint.sequence;
      record.lastCheckpoint = checkpoint;
      core.events.emit('job-checkpointed', {
        jobId: record.id,
        at: checkpoint.createdAt,
        checkpointId: checkpoint.id,
        sequence,
        sizeBytes: checkpoint.sizeBytes,
      });
      return checkpoint;
    },
    log: core.logger,
  };
}
