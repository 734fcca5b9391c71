import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Checkpoint, Job, JobContext, JobRunner, Placement } from '../../spec/job-runner.js';
import { silentLogger } from '../../spec/job-runner.js';

/** What a JobRunner implementation hands the conformance suite. */
export interface JobRunnerHarness {
  readonly runner: JobRunner;
  /** A job the runner completes. */
  readonly job: Job;
  /** A job the runner fails. */
  readonly failingJob: Job;
  /** A job that runs until aborted (or long enough to abort it). */
  readonly longJob: Job;
  readonly placement: Placement;
  /** Advance a virtual clock here, if the runner uses one. */
  readonly tick?: () => Promise<void>;
  readonly teardown?: () => Promise<void> | void;
}

function context(signal: AbortSignal, progress: number[]): JobContext {
  let sequence = 0;
  return {
    signal,
    progress: (fraction) => progress.push(fraction),
    checkpoint: async (data): Promise<Checkpoint> => ({
      id: `cp-${++sequence}`,
      jobId: 'conformance',
      sequence,
      createdAt: 0,
      sizeBytes: data.byteLength,
      data,
    }),
    log: silentLogger,
  };
}

/** The JobRunner contract as tests. */
export function describeJobRunnerConformance(name: string, setup: () => Promise<JobRunnerHarness>): void {
  describe(`JobRunner conformance: ${name}`, () => {
    let harness: JobRunnerHarness;
    beforeEach(async () => {
      harness = await setup();
    });
    afterEach(async () => {
      await harness.teardown?.();
    });

    it('completes a job and reports progress within 0..1', async () => {
      const progress: number[] = [];
      const running = harness.runner.run(harness.job, harness.placement, context(new AbortController().signal, progress));
      await harness.tick?.();
      const result = await running;
      expect(typeof result).toBe('object');
      for (const fraction of progress) {
        expect(fraction).toBeGreaterThanOrEqual(0);
        expect(fraction).toBeLessThanOrEqual(1);
      }
    });

    it('rejects a failing job with an Error', async () => {
      const running = harness.runner.run(harness.failingJob, harness.placement, context(new AbortController().signal, []));
      await harness.tick?.();
      await expect(running).rejects.toBeInstanceOf(Error);
    });

    it('stops promptly with the abort reason when aborted', async () => {
      const controller = new AbortController();
      const running = harness.runner.run(harness.longJob, harness.placement, context(controller.signal, []));
      const reason = new Error('conformance cancel');
      controller.abort(reason);
      await harness.tick?.();
      await expect(running).rejects.toBe(reason);
    });
  });
}
