// End to end: the Vast.ai provider driven THROUGH core's scheduler against the fake Vast API on
// loopback. The fake, the provider and the scheduler share one VirtualClock. The package's
// auto-advancing clock does not fit here: the scheduler has several waiters on the clock at once
// (instance polling, the job run, offer refreshes), and each of its sleeps would move time for
// all of them. `advanceUntil` instead moves time in small steps and lets the loopback HTTP
// finish between steps.
import {
  createScheduler,
  createSeededRandom,
  JobCancelledError,
  ProviderError,
  type Scheduler,
  SchedulerClosedError,
  type SchedulerConfigInput,
  type SchedulerEventName,
  VirtualClock,
} from '@aima/core';
import { createSimulatedRunner } from '@aima/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { VastProviderOptions } from './options.js';
import { encodeInstanceLabel } from './provider/instance-label.js';
import { createVastProvider, type VastProvider } from './provider/vast-provider.js';
import { memoryLogger } from './test-support/vast-test-setup.js';
import { createFakeVastServer, type FakeVastServer } from './testing/fake-vast-server.js';

const cloudImage = 'ghcr.io/aima/worker:e2e';
/** The cheapest verified on-demand RTX 4090 of the fake market ($0.2467/h), then the next one ($0.40/h). */
const cheapest4090 = '11684738';
const next4090 = '20000001';
/** Request timeouts run on the virtual clock; far above anything a test drives, so stepping time never times out a request still on the wire. */
const requestTimeoutMs = 3_600_000;

interface Recorded {
  readonly name: SchedulerEventName;
  readonly jobId?: string;
}

interface Bed {
  readonly clock: VirtualClock;
  readonly fake: FakeVastServer;
  readonly vast: VastProvider;
  readonly logger: ReturnType<typeof memoryLogger>;
  readonly scheduler: Scheduler;
  readonly events: Recorded[];
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const eventNames: SchedulerEventName[] = ['job-queued', 'placement-decided', 'job-started', 'job-completed', 'job-failed', 'job-cancelled'];

/** A fake Vast, a provider on it and a scheduler with no local GPU and a simulated runner, all on one virtual clock. Not started. */
async function vastBed(config?: SchedulerConfigInput, providerOptions: Partial<VastProviderOptions> = {}): Promise<Bed> {
  const clock = new VirtualClock(Date.UTC(2026, 10, 23, 8));
  const fake = await createFakeVastServer({ clock });
  cleanups.push(() => fake.close());
  const logger = memoryLogger();
  const vast = createVastProvider({
    apiKey: fake.apiKey,
    baseUrl: fake.baseUrl,
    clock,
    logger,
    rateLimits: false,
    random: createSeededRandom(42),
    requestTimeoutMs,
    ...providerOptions,
  });
  cleanups.push(() => vast.close());
  const scheduler = createScheduler({
    runner: createSimulatedRunner({ clock }),
    cloudProviders: [vast],
    cloudImage,
    clock,
    logger,
    ...(config !== undefined && { config }),
  });
  cleanups.push(async () => {
    await scheduler.close();
    expect(clock.pendingTimers, 'timers left on the clock after close()').toBe(0);
  });
  const events: Recorded[] = [];
  for (const name of eventNames) {
    scheduler.on(name, (event: { at: number; jobId?: string }) => {
      events.push({ name, ...(event.jobId !== undefined && { jobId: event.jobId }) });
    });
  }
  return { clock, fake, vast, logger, scheduler, events };
}

const realTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Moves the virtual clock `stepMs` at a time until `done()` holds, giving real I/O (the fake
 * answers over loopback) a few event-loop turns before each step.
 */
async function advanceUntil(clock: VirtualClock, done: () => boolean, stepMs = 2_000, maxSteps = 2_000): Promise<void> {
  for (let step = 0; step < maxSteps; step++) {
    for (let turn = 0; turn < 3; turn++) await realTurn();
    if (done()) return;
    await clock.advanceBy(stepMs);
  }
  throw new Error(`advanceUntil: the condition still failed after ${maxSteps} steps of ${stepMs} ms`);
}

const finished = (scheduler: Scheduler, jobId: string) => () => {
  const state = scheduler.get(jobId)?.state;
  return state === 'completed' || state === 'failed' || state === 'cancelled';
};

const namesFor = (events: readonly Recorded[], jobId: string) => events.filter((event) => event.jobId === jobId).map((event) => event.name);

const rents = (fake: FakeVastServer) =>
  fake.requests.filter((request) => request.method === 'PUT' && request.path.startsWith('/api/v0/asks/'));
const destroys = (fake: FakeVastServer) => fake.requests.filter((request) => request.method === 'DELETE');
const instanceIdOf = (path: string) => /\/instances\/(\d+)\/?$/.exec(path)?.[1];

describe('Vast.ai through the scheduler', () => {
  it('rents an instance labelled ours, waits until it runs, runs the job there, destroys it and records its cost', async () => {
    const { clock, fake, vast, scheduler, events } = await vastBed();
    await scheduler.start();
    const handle = scheduler.submit({ type: 'video', confidentiality: 'public', estimatedDurationSeconds: 120 });
    const key = `${handle.id}#1`;
    await advanceUntil(clock, () => fake.liveInstances().length === 1);
    expect(scheduler.get(handle.id)?.state).toBe('starting');
    const [live] = fake.liveInstances();
    expect(live).toMatchObject({
      label: encodeInstanceLabel({ label: 'aima', key, offerId: cheapest4090 }),
      image_uuid: cloudImage,
      extra_env: expect.arrayContaining([['AIMA_JOB_ID', handle.id]]),
    });
    const instanceId = String(live?.id);

    await advanceUntil(clock, finished(scheduler, handle.id));
    await expect(handle.result).resolves.toMatchObject({ output: { jobId: handle.id, attempt: 1 } });
    const view = scheduler.get(handle.id);
    expect(view).toMatchObject({
      state: 'completed',
      attempt: 1,
      placement: {
        kind: 'cloud',
        providerId: 'vast',
        offer: { provider: 'vast', offerId: cheapest4090 },
        instance: { id: instanceId, providerId: 'vast', status: 'running', label: 'aima', key, offerId: cheapest4090 },
      },
    });
    expect(namesFor(events, handle.id)).toEqual(['job-queued', 'placement-decided', 'job-started', 'job-completed']);
    // Polled until running: the job started only after the fake's 30 s of loading.
    const rentedAt = rents(fake)[0]?.at ?? Number.NaN;
    expect((view?.startedAt ?? 0) - rentedAt).toBeGreaterThanOrEqual(30_000);
    const polls = fake.requests.filter((request) => request.method === 'GET' && instanceIdOf(request.path) === instanceId);
    expect(polls.filter((request) => request.at < (view?.startedAt ?? 0)).length).toBeGreaterThanOrEqual(3);
    // Destroyed; nothing of ours is left.
    expect(destroys(fake).map((request) => instanceIdOf(request.path))).toEqual([instanceId]);
    expect(fake.liveInstances()).toEqual([]);
    expect(await vast.listInstances('aima')).toEqual([]);
    expect(scheduler.snapshot().cloudInstances).toEqual([]);
    // dph_total × the time from the rent to the end of the run (read just before the destroy).
    const ranUntil = (view?.startedAt ?? 0) + 120_000;
    expect(view?.costUsd).toBeGreaterThanOrEqual((0.2467 * (ranUntil - rentedAt)) / 3_600_000 - 1e-9);
    expect(view?.costUsd).toBeLessThanOrEqual((0.2467 * ((view?.finishedAt ?? 0) - rentedAt)) / 3_600_000 + 1e-9);
    expect(scheduler.snapshot().costs.cloudUsd).toBeCloseTo(view?.costUsd ?? Number.NaN, 9);
  });

  it('destroys an instance stuck in loading past the start timeout, blocks that offer and runs the job on the next one', async () => {
    const { clock, fake, scheduler, events } = await vastBed({ scheduler: { cloudStartTimeoutSeconds: 120 } });
    await scheduler.start();
    const handle = scheduler.submit({ type: 'video', confidentiality: 'public', estimatedDurationSeconds: 120 });
    await advanceUntil(clock, () => fake.liveInstances().length === 1);
    const stuckId = String(fake.liveInstances()[0]?.id);
    fake.stickInLoading(stuckId);
    await advanceUntil(clock, finished(scheduler, handle.id));
    await expect(handle.result).resolves.toMatchObject({ output: { jobId: handle.id, attempt: 2 } });
    expect(scheduler.get(handle.id)).toMatchObject({
      state: 'completed',
      attempt: 2,
      placement: { kind: 'cloud', providerId: 'vast', offer: { offerId: next4090 }, instance: { key: `${handle.id}#2` } },
    });
    expect(rents(fake).map((request) => request.path)).toEqual([`/api/v0/asks/${cheapest4090}/`, `/api/v0/asks/${next4090}/`]);
    const destroyed = destroys(fake).map((request) => instanceIdOf(request.path));
    expect(destroyed[0]).toBe(stuckId);
    expect(destroyed).toHaveLength(2);
    expect(fake.liveInstances()).toEqual([]);
    expect(namesFor(events, handle.id)).toEqual([
      'job-queued',
      'placement-decided',
      'job-queued',
      'placement-decided',
      'job-started',
      'job-completed',
    ]);
  });

  it('fails the job cleanly when every instance stays in loading, destroying each one', async () => {
    const { clock, fake, vast, scheduler } = await vastBed({
      scheduler: { cloudStartTimeoutSeconds: 120 },
      failover: { maxRetries: 1 },
    });
    fake.stickInLoading('all');
    await scheduler.start();
    const handle = scheduler.submit({ type: 'video', confidentiality: 'public', estimatedDurationSeconds: 120 });
    await advanceUntil(clock, finished(scheduler, handle.id));
    const error = await handle.result.catch((caught: unknown) => caught);
    expect(ProviderError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ kind: 'capacity', providerId: 'vast' });
    expect(String(error)).toContain('was not running after 120 s');
    expect(scheduler.get(handle.id)).toMatchObject({ state: 'failed', attempt: 2 });
    expect(rents(fake)).toHaveLength(2);
    expect(destroys(fake)).toHaveLength(2);
    expect(fake.liveInstances()).toEqual([]);
    expect(await vast.listInstances('aima')).toEqual([]);
  });

  it('gives up on an instance whose container cannot be created, destroys it and fails the job after the retries', async () => {
    const { clock, fake, scheduler } = await vastBed({ failover: { maxRetries: 0 } });
    fake.failContainerStart('all');
    await scheduler.start();
    const handle = scheduler.submit({ type: 'video', confidentiality: 'public', estimatedDurationSeconds: 120 });
    await advanceUntil(clock, finished(scheduler, handle.id));
    const error = await handle.result.catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'capacity', providerId: 'vast' });
    expect(String(error)).toMatch(/ended before it ran \(the container could not be created: .*OCI runtime create failed/);
    expect(rents(fake)).toHaveLength(1);
    expect(destroys(fake)).toHaveLength(1);
    expect(fake.liveInstances()).toEqual([]);
  });

  it('destroys the instance when a job is cancelled while it is still loading', async () => {
    const { clock, fake, scheduler, events } = await vastBed();
    await scheduler.start();
    const handle = scheduler.submit({ type: 'video', confidentiality: 'public', estimatedDurationSeconds: 120 });
    await advanceUntil(clock, () => fake.liveInstances().length === 1);
    expect(scheduler.cancel(handle.id)).toBe(true);
    await expect(handle.result).rejects.toBeInstanceOf(JobCancelledError);
    await advanceUntil(clock, () => fake.liveInstances().length === 0, 2_000, 50);
    expect(destroys(fake)).toHaveLength(1);
    expect(namesFor(events, handle.id)).toEqual(['job-queued', 'placement-decided', 'job-cancelled']);
  });

  it('leaves no instance when a job is cancelled while the rent answer is still on its way', async () => {
    const { clock, fake, scheduler, logger } = await vastBed();
    await scheduler.start();
    fake.slowResponses(300, 1, { method: 'PUT' }); // Vast rents at once, the answer is held 300 real ms
    const handle = scheduler.submit({ type: 'video', confidentiality: 'public', estimatedDurationSeconds: 120 });
    await advanceUntil(clock, () => fake.liveInstances().length === 1, 1);
    expect(scheduler.get(handle.id)?.state).toBe('starting');
    expect(scheduler.cancel(handle.id)).toBe(true);
    await expect(handle.result).rejects.toBeInstanceOf(JobCancelledError);
    // The launch itself was aborted (it never saw the rent answer) and destroys what it rented behind itself.
    const destroyedBehind = () =>
      logger.entries.some(
        (entry) =>
          entry.message === 'vast: destroyed an instance so that it bills nothing' && String(entry.fields?.why).includes('was aborted'),
      );
    await advanceUntil(clock, destroyedBehind, 1, 1_000);
    expect(fake.liveInstances()).toEqual([]);
    expect(destroys(fake)).toHaveLength(1);
    expect(logger.entries.map((entry) => entry.message)).not.toContain('vast: rented an instance');
  });

  it('close() ends a job running on Vast with SchedulerClosedError and destroys its instance', async () => {
    const { clock, fake, scheduler } = await vastBed();
    await scheduler.start();
    const handle = scheduler.submit({ type: 'video', confidentiality: 'public', estimatedDurationSeconds: 600 });
    await advanceUntil(clock, () => scheduler.get(handle.id)?.state === 'running');
    expect(fake.liveInstances()).toHaveLength(1);
    await scheduler.close();
    await expect(handle.result).rejects.toBeInstanceOf(SchedulerClosedError);
    expect(fake.liveInstances()).toEqual([]);
  });

  it('finds a large GPU for a job queued before start, although one search shows only the cheapest offers', async () => {
    // searchLimit 2: the open search sees two RTX 4090s; the scheduler's per-need search (80 GB) finds the A100.
    const { clock, fake, scheduler } = await vastBed(undefined, { searchLimit: 2 });
    const handle = scheduler.submit({
      type: 'video',
      confidentiality: 'public',
      requirements: { minVramGb: 80 },
      estimatedDurationSeconds: 60,
    });
    await scheduler.start();
    await advanceUntil(clock, finished(scheduler, handle.id));
    await expect(handle.result).resolves.toMatchObject({ output: { jobId: handle.id } });
    expect(scheduler.get(handle.id)?.placement).toMatchObject({
      kind: 'cloud',
      offer: { offerId: '20000003', gpuModel: 'A100 SXM4 80GB' },
    });
    expect(fake.liveInstances()).toEqual([]);
  });

  // Regression: a job submitted between offer refreshes, on a market that pages cheapest-first
  // (Vast `searchLimit`), makes the scheduler search for its VRAM need before rejecting it.
  it('finds a large GPU for a job submitted after start, although one search shows only the cheapest offers', async () => {
    const { clock, scheduler } = await vastBed(undefined, { searchLimit: 2 });
    await scheduler.start();
    const handle = scheduler.submit({
      type: 'video',
      confidentiality: 'public',
      requirements: { minVramGb: 80 },
      estimatedDurationSeconds: 60,
    });
    await advanceUntil(clock, finished(scheduler, handle.id), 2_000, 400);
    await expect(handle.result).resolves.toMatchObject({ output: { jobId: handle.id } });
  });

  it('destroys instances labelled ours that an earlier run left behind, at start, and nothing else (C4)', async () => {
    const { fake, vast, logger, scheduler } = await vastBed();
    const orphan = await vast.launch({ key: 'job_00000007#1', offerId: next4090, image: cloudImage, label: 'aima' });
    const otherLabel = await vast.launch({ key: 'job_00000007#1', offerId: '20000003', image: cloudImage, label: 'aima-staging' });
    const foreign = await fetch(`${fake.baseUrl}/asks/20000004/`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${fake.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: 'me', image: 'pytorch/pytorch', label: 'my-notebook' }),
    });
    expect(foreign.ok).toBe(true);
    expect(fake.liveInstances()).toHaveLength(3);

    await scheduler.start();
    expect(destroys(fake).map((request) => instanceIdOf(request.path))).toEqual([orphan.id]);
    expect(fake.liveInstances().map((instance) => String(instance.id))).not.toContain(orphan.id);
    expect(fake.liveInstances().map((instance) => instance.label)).toEqual([
      encodeInstanceLabel({ label: 'aima-staging', key: 'job_00000007#1', offerId: '20000003' }),
      'my-notebook',
    ]);
    expect(otherLabel.label).toBe('aima-staging');
    expect(logger.entries).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        message: 'terminating an orphaned cloud instance',
        fields: { provider: 'vast', instanceId: orphan.id },
      }),
    );
  });
});
