import type { Job, JobResult, JobRunner } from '../../spec/job-runner.js';
import type { Clock } from '../../time/clock.js';

/** How the simulated runner treats one job. */
export interface SimulatedJobBehaviour {
  /** Run time in seconds. @default the job's estimatedDurationSeconds, else 60 */
  readonly durationSeconds?: number;
  /** Fail after this share of the run (0..1) with this message. */
  readonly failAt?: { readonly fraction: number; readonly message: string };
  /** Never finish and ignore the abort signal (to exercise timeouts). */
  readonly hang?: boolean;
}

export interface SimulatedRunnerOptions {
  readonly clock: Clock;
  readonly behaviour?: (job: Job) => SimulatedJobBehaviour;
}

/**
 * A JobRunner that "runs" a job by waiting its duration on the clock: progress at halves, a
 * checkpoint at half way for checkpointable jobs, resumption from a checkpoint (only the rest of
 * the run is left), failure and hanging on request. Honours its abort signal unless told to hang.
 */
export function createSimulatedRunner(options: SimulatedRunnerOptions): JobRunner {
  const { clock } = options;
  return {
    async run(job, _placement, context): Promise<JobResult> {
      const behaviour = options.behaviour?.(job) ?? {};
      if (behaviour.hang) return new Promise<JobResult>(() => undefined);
      const total = behaviour.durationSeconds ?? job.spec.estimatedDurationSeconds ?? 60;
      const done = context.resumeFrom ? decodeProgress(context.resumeFrom.data) : 0;
      const failAt = behaviour.failAt?.fraction;
      const half = Math.max(done, 0.5);
      if (failAt !== undefined && failAt <= half) {
        await clock.sleep(total * Math.max(0, failAt - done) * 1000, context.signal);
        throw new Error(behaviour.failAt?.message);
      }
      await clock.sleep(total * (half - done) * 1000, context.signal);
      context.progress(half, 'half way');
      if (job.spec.checkpointable && done < 0.5) await context.checkpoint(encodeProgress(0.5));
      if (failAt !== undefined) {
        await clock.sleep(total * (failAt - half) * 1000, context.signal);
        throw new Error(behaviour.failAt?.message);
      }
      await clock.sleep(total * (1 - half) * 1000, context.signal);
      context.progress(1);
      return { output: { jobId: job.id, attempt: job.attempt, resumedFrom: done }, metrics: { seconds: total * (1 - done) } };
    },
  };
}

function encodeProgress(fraction: number): Uint8Array {
  return new TextEncoder().encode(JSON.stringify({ fraction }));
}

function decodeProgress(data: Uint8Array): number {
  const parsed: unknown = JSON.parse(new TextDecoder().decode(data));
  return typeof parsed === 'object' && parsed !== null && 'fraction' in parsed && typeof parsed.fraction === 'number' ? parsed.fraction : 0;
}
