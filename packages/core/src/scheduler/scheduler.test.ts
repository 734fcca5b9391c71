import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../errors/config-error.js';
import { JobCancelledError } from '../errors/job-cancelled-error.js';
import { JobFailedError } from '../errors/job-failed-error.js';
import { JobRejectedError } from '../errors/job-rejected-error.js';
import { JobTimeoutError } from '../errors/job-timeout-error.js';
import { QueueFullError } from '../errors/queue-full-error.js';
import { SchedulerClosedError } from '../errors/scheduler-closed-error.js';
import { ValidationError } from '../errors/validation-error.js';
import { createSimulatedRunner } from '../testing/simulated/simulated-runner.js';
import { VirtualClock } from '../time/virtual-clock.js';
import { createScheduler } from './scheduler.js';
import { gpu, type Harness, harness, offer, start } from './scheduler-test-fixtures.js';

let current: Harness | undefined;
afterEach(async () => {
  await current?.scheduler.close();
  current = undefined;
});

function use(value: Harness): Harness {
  current = value;
  return value;
}

describe('createScheduler', () => {
  it('runs a job on a free local GPU from submission to completion, with events, cost and the GPU released', async () => {
    const { clock, scheduler, events } = use(harness({ gpus: [gpu('gpu_00000001')] }));
    await scheduler.start();
    const handle = scheduler.submit({ type: 'video', confidentiality: 'internal', estimatedDurationSeconds: 3_600 });
    await clock.advanceBy(1_000);
    expect(scheduler.get(handle.id)).toMatchObject({ state: 'running', placement: { kind: 'local', gpuIds: ['gpu_00000001'] } });
    expect(scheduler.snapshot().gpus[0]).toMatchObject({ id: 'gpu_00000001', currentJobId: handle.id });
    await clock.advanceBy(3_600_000);
    await expect(handle.result).resolves.toMatchObject({ output: { jobId: handle.id } });
    const view = scheduler.get(handle.id);
    expect(view).toMatchObject({ state: 'completed', progress: 1 });
    expect(view?.costUsd).toBeCloseTo((450 * 0.117) / 1000 + 1599 / (3 * 8760), 6);
    expect(events.filter((event) => event.jobId === handle.id).map((event) => event.name)).toEqual([
      'job-queued',
      'placement-decided',
      'job-started',
      'job-completed',
    ]);
    expect(scheduler.snapshot().gpus[0]?.currentJobId).toBeUndefined();
    expect(scheduler.snapshot().costs.localEnergyUsd).toBeCloseTo(0.05265, 6);
  });

  it('rents a cloud GPU when no local GPU fits, and terminates it afterwards', async () => {
    const { clock, scheduler, cloud } = use(
      harness({ gpus: [gpu('gpu_00000001')], offers: [offer('big', 1.2, 80)], provisioningSeconds: 90 }),
    );
    await scheduler.start();
    const handle = scheduler.submit({
      type: 'video',
      confidentiality: 'public',
      requirements: { minVramGb: 80 },
      estimatedDurationSeconds: 1_800,
    });
    await clock.advanceBy(30_000);
    expect(scheduler.get(handle.id)?.state).toBe('starting');
    expect(cloud.liveInstances()).toHaveLength(1);
    await clock.advanceBy(120_000);
    expect(scheduler.get(handle.id)?.state).toBe('running');
    expect(scheduler.snapshot().cloudInstances).toHaveLength(1);
    await clock.advanceBy(1_800_000);
    await handle.result;
    expect(cloud.liveInstances()).toEqual([]);
    expect(scheduler.get(handle.id)?.costUsd).toBeCloseTo(0.6, 2);
    expect(scheduler.snapshot().costs.cloudUsd).toBeCloseTo(0.6, 2);
  });

  it('rejects a confidential job no local GPU can run, with the decision and alternatives', async () => {
    const { clock, scheduler } = use(harness({ gpus: [gpu('gpu_00000001')], offers: [offer('big', 1.2, 80)] }));
    await scheduler.start();
    const handle = scheduler.submit({
      type: 'video',
      confidentiality: 'confidential',
      requirements: { minVramGb: 80 },
      media: { durationSeconds: 600 },
    });
    await clock.advanceBy(1);
    const error = await handle.result.catch((caught: unknown) => caught);
    expect(JobRejectedError.isInstance(error)).toBe(true);
    if (JobRejectedError.isInstance(error)) {
      expect(error.decision.rule).toBe('aima/confidential-no-local');
      expect(error.message).toContain('Alternatives');
    }
  });

  it('refuses a bad job spec at submit and never queues it', async () => {
    const { scheduler } = use(harness({ gpus: [gpu('gpu_00000001')] }));
    await scheduler.start();
    expect(() => scheduler.submit({ type: 'video', confidentiality: 'secret' } as never)).toThrow(ValidationError);
    expect(() => scheduler.submit({ type: 'video', confidentiality: 'public', deadline: start - 1 })).toThrow(ValidationError);
    expect(scheduler.snapshot().queue.length).toBe(0);
    expect(scheduler.list()).toEqual([]);
  });

  it('cancels queued and running jobs and frees the GPU', async () => {
    const { clock, scheduler } = use(harness({ gpus: [gpu('gpu_00000001')] }));
    await scheduler.start();
    const running = scheduler.submit({ type: 'audio', confidentiality: 'confidential', estimatedDurationSeconds: 600 });
    const queued = scheduler.submit({ type: 'audio', confidentiality: 'confidential', estimatedDurationSeconds: 600 });
    await clock.advanceBy(1_000);
    expect(scheduler.get(queued.id)?.state).toBe('queued');
    expect(scheduler.cancel(queued.id)).toBe(true);
    expect(scheduler.cancel(running.id)).toBe(true);
    expect(scheduler.cancel(running.id)).toBe(false);
    expect(scheduler.cancel('job_unknown')).toBe(false);
    await expect(queued.result).rejects.toBeInstanceOf(JobCancelledError);
    await expect(running.result).rejects.toBeInstanceOf(JobCancelledError);
    await clock.advanceBy(1);
    expect(scheduler.snapshot().gpus[0]?.currentJobId).toBeUndefined();
    expect(scheduler.snapshot().jobs).toMatchObject({ cancelled: 2, running: 0, queued: 0 });
  });

  it('fails a job whose runner throws, keeping the error, and one whose runner hangs, by its timeout', async () => {
    const { clock, scheduler } = use(
      harness({
        gpus: [gpu('gpu_00000001'), gpu('gpu_00000002')],
        behaviour: (job) =>
          job.spec.tenant === 'broken'
            ? { failAt: { fraction: 0.25, message: 'CUDA out of memory' } }
            : job.spec.tenant === 'stuck'
              ? { hang: true }
              : {},
      }),
    );
    await scheduler.start();
    const broken = scheduler.submit({ type: 'audio', confidentiality: 'internal', tenant: 'broken', estimatedDurationSeconds: 400 });
    const stuck = scheduler.submit({ type: 'audio', confidentiality: 'internal', tenant: 'stuck', estimatedDurationSeconds: 400 });
    await clock.advanceBy(200_000);
    // "out of memory" is a persistent error (seed 002): the job waits for another GPU, once.
    expect(scheduler.get(broken.id)).toMatchObject({
      state: 'queued',
      attempt: 2,
      failoverHistory: [
        { trigger: 'job-error', errorClass: 'persistent', action: 'alternative-resource', from: { gpuId: 'gpu_00000001' } },
      ],
    });
    await clock.advanceBy(1_200_000); // timeout = max(600 s, 3 × 400 s) = 1200 s
    await expect(stuck.result).rejects.toBeInstanceOf(JobTimeoutError);
    await clock.advanceBy(200_000);
    const error = await broken.result.catch((caught: unknown) => caught);
    expect(JobFailedError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ cause: expect.objectContaining({ message: 'CUDA out of memory' }) });
    expect(scheduler.get(broken.id)?.error).toEqual({ code: 'AIMA_JOB_FAILED', message: expect.stringContaining('CUDA out of memory') });
    expect(scheduler.get(broken.id)?.failoverHistory).toHaveLength(1);
    expect(scheduler.snapshot().gpus.every((entry) => entry.currentJobId === undefined)).toBe(true);
  });

  it('places a critical job first', async () => {
    const { clock, scheduler } = use(harness({ gpus: [gpu('gpu_00000001')] }));
    const low = scheduler.submit({ type: 'audio', confidentiality: 'internal', priority: 'low', estimatedDurationSeconds: 60 });
    const critical = scheduler.submit({ type: 'audio', confidentiality: 'internal', priority: 'critical', estimatedDurationSeconds: 60 });
    await scheduler.start();
    await clock.advanceBy(1);
    expect(scheduler.get(critical.id)?.state).toBe('running');
    expect(scheduler.get(low.id)?.state).toBe('queued');
    await clock.advanceBy(200_000);
    await Promise.all([critical.result, low.result]);
  });

  it('preempts a lower-priority job when configured: the victim is checkpointed, requeued and resumes', async () => {
    const { clock, scheduler, events } = use(harness({ gpus: [gpu('gpu_00000001')], config: { scheduler: { preemption: true } } }));
    await scheduler.start();
    const batch = scheduler.submit({
      type: 'audio',
      confidentiality: 'confidential',
      priority: 'batch',
      checkpointable: true,
      estimatedDurationSeconds: 1_000,
    });
    await clock.advanceBy(600_000); // past half way: the batch job has checkpointed
    const critical = scheduler.submit({
      type: 'audio',
      confidentiality: 'confidential',
      priority: 'critical',
      estimatedDurationSeconds: 100,
    });
    await clock.advanceBy(1);
    expect(events.some((event) => event.name === 'job-preempted' && event.jobId === batch.id)).toBe(true);
    expect(scheduler.get(critical.id)?.state).toBe('running');
    expect(scheduler.get(batch.id)).toMatchObject({ state: 'queued', attempt: 2 });
    await clock.advanceBy(100_000 + 500_000 + 1_000);
    await critical.result;
    await expect(batch.result).resolves.toMatchObject({ output: { resumedFrom: 0.5, attempt: 2 } });
  });

  it('does not preempt a job whose aged priority still outranks the newcomer (no preemption livelock)', async () => {
    const { clock, scheduler, events } = use(harness({ gpus: [gpu('gpu_00000001')], config: { scheduler: { preemption: true } } }));
    await scheduler.start();
    const low = scheduler.submit({
      type: 'audio',
      confidentiality: 'internal',
      priority: 'low',
      checkpointable: true,
      estimatedDurationSeconds: 5_400,
    });
    await clock.advanceBy(3_000_000); // 50 min: aging ×5, effective 25
    const normal = scheduler.submit({ type: 'audio', confidentiality: 'internal', priority: 'normal', estimatedDurationSeconds: 600 }); // effective 10
    await clock.advanceBy(1);
    expect(events.filter((event) => event.name === 'job-preempted')).toEqual([]);
    expect(scheduler.get(normal.id)?.state).toBe('queued');
    await clock.advanceBy(2_400_000 + 600_000 + 1_000);
    await Promise.all([low.result, normal.result]);
  });

  it('applies backpressure and refuses jobs after close', async () => {
    const { scheduler } = use(harness({ gpus: [], config: { scheduler: { maxQueuedJobs: 2 } } }));
    scheduler.submit({ type: 'audio', confidentiality: 'internal' });
    scheduler.submit({ type: 'audio', confidentiality: 'internal' });
    expect(() => scheduler.submit({ type: 'audio', confidentiality: 'internal' })).toThrow(QueueFullError);
    await scheduler.close();
    expect(() => scheduler.submit({ type: 'audio', confidentiality: 'internal' })).toThrow(SchedulerClosedError);
  });

  it('closes cleanly: unfinished jobs end with SchedulerClosedError, instances are terminated, no timer is left', async () => {
    const clock = new VirtualClock(start);
    const value = harness({ gpus: [gpu('gpu_00000001')], offers: [offer('big', 1, 80)] });
    const { scheduler, cloud } = value;
    await scheduler.start();
    const local = scheduler.submit({ type: 'audio', confidentiality: 'internal', estimatedDurationSeconds: 600 });
    const rented = scheduler.submit({
      type: 'video',
      confidentiality: 'public',
      requirements: { minVramGb: 80 },
      estimatedDurationSeconds: 600,
    });
    const waiting = scheduler.submit({ type: 'audio', confidentiality: 'confidential', estimatedDurationSeconds: 600 });
    await value.clock.advanceBy(120_000);
    expect(cloud.liveInstances()).toHaveLength(1);
    await scheduler.close();
    for (const handle of [local, rented, waiting]) await expect(handle.result).rejects.toBeInstanceOf(SchedulerClosedError);
    expect(cloud.liveInstances()).toEqual([]);
    expect(value.clock.pendingTimers).toBe(0);
    expect(clock.pendingTimers).toBe(0);
  });

  it('requires a cloud image when cloud providers are given', () => {
    const clock = new VirtualClock(start);
    const runner = createSimulatedRunner({ clock });
    expect(() => createScheduler({ runner, clock, cloudProviders: [harness({}).cloud] })).toThrow(ConfigError);
  });

  it('lists and filters jobs, and reports queue waits per GPU class', async () => {
    const { clock, scheduler } = use(harness({ gpus: [gpu('gpu_00000001')] }));
    await scheduler.start();
    for (const tenant of ['a', 'b', 'a'])
      scheduler.submit({ type: 'audio', confidentiality: 'confidential', tenant, estimatedDurationSeconds: 600 });
    await clock.advanceBy(1);
    expect(scheduler.list({ tenant: 'a' })).toHaveLength(2);
    expect(scheduler.list({ state: 'queued' })).toHaveLength(2);
    expect(scheduler.list({ state: ['queued', 'running'], limit: 1 })).toHaveLength(1);
    const snapshot = scheduler.snapshot();
    expect(snapshot.queue).toMatchObject({ length: 2, byPriority: { normal: 2 } });
    expect(snapshot.queue.estimatedWaitSeconds).toBeCloseTo(600, 2);
    expect(snapshot.queue.byGpuClass).toEqual([expect.objectContaining({ model: 'RTX 4090', gpus: 1 })]);
    expect(snapshot.utilization.local).toBe(1);
  });
});

describe('cloud hygiene', () => {
  it('terminates instances left over from an earlier run at start (C4)', async () => {
    const value = use(harness({ gpus: [gpu('gpu_00000001')], offers: [offer('big', 1, 80)] }));
    const orphan = await value.cloud.launch({ key: 'old-job#1', offerId: 'big', image: 'img', label: 'aima' });
    const foreign = await value.cloud.launch({ key: 'theirs#1', offerId: 'big', image: 'img', label: 'someone-else' });
    await value.scheduler.start();
    const live = value.cloud.liveInstances().map((instance) => instance.id);
    expect(live).not.toContain(orphan.id);
    expect(live).toContain(foreign.id);
  });

  it('does not keep a timer armed while nothing waits', async () => {
    const { clock, scheduler } = use(harness({ gpus: [gpu('gpu_00000001')] }));
    await scheduler.start();
    const first = scheduler.submit({ type: 'audio', confidentiality: 'internal', estimatedDurationSeconds: 60 });
    await clock.advanceBy(61_000);
    await first.result;
    await clock.advanceBy(1);
    // Only the offer refresh remains: no dispatch interval (and no threshold adaptation under aima).
    expect(clock.pendingTimers).toBe(1);
  });
});

describe('cloud failures the adapters found', () => {
  it('keeps retrying a terminate the provider refuses, and never leaves the instance billing', async () => {
    const value = use(harness({ gpus: [], offers: [offer('big', 1, 80)] }));
    let refusals = 2;
    const terminate = value.cloud.terminate.bind(value.cloud);
    value.cloud.terminate = async (instanceId, signal) => {
      if (refusals-- > 0) throw new Error('HTTP 500');
      return terminate(instanceId, signal);
    };
    await value.scheduler.start();
    const handle = value.scheduler.submit({
      type: 'video',
      confidentiality: 'public',
      requirements: { minVramGb: 80 },
      estimatedDurationSeconds: 600,
    });
    await value.clock.advanceBy(60_000 + 600_000 + 30_000);
    await handle.result;
    expect(value.scheduler.get(handle.id)?.costUsd).toBeGreaterThan(0);
    expect(value.cloud.liveInstances()).toHaveLength(1);
    expect(value.scheduler.snapshot().cloudInstances).toEqual([expect.objectContaining({ jobId: 'terminating' })]);
    await value.clock.advanceBy(2 * 60_000 + 1_000);
    expect(value.cloud.liveInstances()).toEqual([]);
    expect(value.scheduler.snapshot().cloudInstances).toEqual([]);
  });

  it('searches offers for a large job before rejecting it when the last read was only the cheap page', async () => {
    const value = use(harness({ gpus: [], offers: [offer('small', 0.3, 24), offer('big', 1.5, 80)] }));
    const listOffers = value.cloud.listOffers.bind(value.cloud);
    value.cloud.listOffers = async (query, signal) => {
      const offers = await listOffers(query, signal);
      return query.minVramGb === undefined ? offers.slice(0, 1) : offers; // a market that pages cheapest-first
    };
    await value.scheduler.start();
    const handle = value.scheduler.submit({
      type: 'video',
      confidentiality: 'public',
      requirements: { minVramGb: 80 },
      estimatedDurationSeconds: 60,
    });
    await value.clock.advanceBy(60_000 + 60_000 + 10_000);
    await expect(handle.result).resolves.toBeDefined();
    expect(value.scheduler.get(handle.id)?.placement).toMatchObject({ kind: 'cloud', offer: { offerId: 'big' } });
  });
});
