import type { JobRunner } from '@aima/core';
import { describeJobRunnerConformance } from '@aima/core/testing';
import { workerError } from '../fake/fake-serverless.js';
import { cloudPlacement, jobNamed, startRunnerHarness } from '../test-support/runner-harness.js';
import { driveUntil } from '../testing/drive-clock.js';

/**
 * The suite's abort test calls `tick()` before it attaches its `rejects` expectation. Our runner
 * rejects at once on abort while `tick()` waits for real I/O (the fake answers over loopback), so
 * Node would report the rejection as unhandled in between. Marking the promise handled here keeps
 * the suite's assertions intact (they still see the rejection) without that false alarm.
 */
function handledEarly(runner: JobRunner): JobRunner {
  return {
    run(job, placement, context) {
      const running = runner.run(job, placement, context);
      running.catch(() => undefined);
      return running;
    },
  };
}

describeJobRunnerConformance('runpod serverless (runpod-sdk against the fake endpoint)', async () => {
  const harness = await startRunnerHarness({
    'job-fail': { outcome: 'FAILED', error: workerError('CUDA out of memory') },
    'job-long': { outcome: 'RUNS_FOREVER' },
  });
  return {
    runner: handledEarly(harness.runner),
    job: jobNamed('job-ok'),
    failingJob: jobNamed('job-fail'),
    longJob: jobNamed('job-long'),
    placement: cloudPlacement,
    tick: () => driveUntil(() => harness.fake.serverless.settled(), { clock: harness.clock, fake: harness.fake, maxSteps: 500 }),
    teardown: () => harness.close(),
  };
});

describeJobRunnerConformance('runpod serverless, streaming', async () => {
  const harness = await startRunnerHarness(
    {
      'job-ok': { stream: [{ progress: 0.5 }, { text: 'done' }] },
      'job-fail': { outcome: 'TIMED_OUT', runMs: 10_000 },
      'job-long': { outcome: 'RUNS_FOREVER', stream: [{ text: 'tick' }] },
    },
    { stream: true },
  );
  return {
    runner: handledEarly(harness.runner),
    job: jobNamed('job-ok'),
    failingJob: jobNamed('job-fail'),
    longJob: jobNamed('job-long'),
    placement: cloudPlacement,
    tick: () => driveUntil(() => harness.fake.serverless.settled(), { clock: harness.clock, fake: harness.fake, maxSteps: 500 }),
    teardown: () => harness.close(),
  };
});
