// End to end: RunPod pods (a CloudGpuProvider) and a RunPod serverless endpoint (a JobRunner
// behind a one-offer provider) driven THROUGH core's scheduler against the fake RunPod on
// loopback. One VirtualClock is shared by the fake, the adapters and the scheduler; `driveUntil`
// moves it in small steps and lets the loopback HTTP finish between steps.
import {
  type CloudGpuProvider,
  createScheduler,
  type GpuRegistrationInput,
  JobCancelledError,
  JobRejectedError,
  type JobRunner,
  ProviderError,
  type Scheduler,
  SchedulerClosedError,
  type SchedulerConfigInput,
  type SchedulerEventName,
} from '@aima/core';
import { createSimulatedRunner } from '@aima/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { runpodFaults } from './fake/fake-faults.js';
import type { FakeRunpodServer } from './fake/fake-runpod-server.js';
import { createRunpodProvider } from './provider/runpod-provider.js';
import { createRunpodServerlessProvider } from './serverless/serverless-provider.js';
import type { Harness } from './test-support/harness.js';
import { type ProviderHarness, rtx4090, startProviderHarness } from './test-support/provider-harness.js';
import { endpointId, type RunnerHarness, startRunnerHarness } from './test-support/runner-harness.js';
import { driveUntil } from './testing/drive-clock.js';

const cloudImage = 'ghcr.io/aima/worker:e2e';
const a100 = 'NVIDIA A100 80GB PCIe|SECURE|ondemand|1';
/** A local GPU too small for a video job (24 GB by default). */
const smallLocalGpu: GpuRegistrationInput = {
  model: 'RTX 3060',
  vramGb: 12,
  cudaVersion: '12.4',
  hostAddress: 'host-a',
  location: 'berlin',
  powerWatts: 170,
  purchasePriceUsd: 329,
};
/** Request timeouts run on the virtual clock; far above anything a test drives, so stepping time never times out a request still on the wire. */
const requestTimeoutMs = 3_600_000;

interface Recorded {
  readonly name: SchedulerEventName;
  readonly jobId?: string;
}

interface Bed {
  readonly harness: Harness;
  readonly scheduler: Scheduler;
  readonly events: Recorded[];
  /** Drives the shared clock until `done()` holds. */
  drive(done: () => boolean, maxSteps?: number): Promise<void>;
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const eventNames: SchedulerEventName[] = [
  'job-queued',
  'placement-decided',
  'job-started',
  'job-completed',
  'job-failed',
  'job-cancelled',
  'job-preempted',
];

function schedulerOn(
  harness: Harness,
  options: {
    readonly runner: JobRunner;
    readonly cloudProviders: readonly CloudGpuProvider[];
    readonly gpus?: readonly GpuRegistrationInput[];
    readonly config?: SchedulerConfigInput;
  },
): Bed {
  const scheduler = createScheduler({
    runner: options.runner,
    cloudProviders: options.cloudProviders,
    cloudImage,
    clock: harness.clock,
    logger: harness.logger,
    gpus: options.gpus ?? [],
    ...(options.config !== undefined && { config: options.config }),
  });
  cleanups.push(async () => {
    await scheduler.close();
    expect(harness.clock.pendingTimers, 'timers left on the clock after close()').toBe(0);
  });
  const events: Recorded[] = [];
  for (const name of eventNames) {
    scheduler.on(name, (event: { at: number; jobId?: string }) => {
      events.push({ name, ...(event.jobId !== undefined && { jobId: event.jobId }) });
    });
  }
  return {
    harness,
    scheduler,
    events,
    drive: (done, maxSteps = 5_000) => driveUntil(done, { clock: harness.clock, fake: harness.fake, stepMs: 1_000, maxSteps }),
  };
}

/** A fake RunPod, a pod provider on secure on-demand offers (4090 at $0.74/h, A100 80GB at $1.64/h) and a scheduler with a simulated runner. */
async function podBed(options: { readonly gpus?: readonly GpuRegistrationInput[]; readonly config?: SchedulerConfigInput } = {}) {
  const harness: ProviderHarness = await startProviderHarness({}, { clouds: ['SECURE'], interruptible: false, requestTimeoutMs });
  cleanups.push(() => harness.close());
  const bed = schedulerOn(harness, {
    runner: createSimulatedRunner({ clock: harness.clock }),
    cloudProviders: [harness.provider],
    ...options,
  });
  await bed.scheduler.start();
  return { ...bed, provider: harness.provider, fake: harness.fake };
}

const finished = (scheduler: Scheduler, jobId: string) => () => {
  const state = scheduler.get(jobId)?.state;
  return state === 'completed' || state === 'failed' || state === 'cancelled';
};

const podCreations = (fake: FakeRunpodServer) =>
  fake.requests.filter(
    (request) =>
      (request.surface === 'rest' && request.method === 'POST' && request.path === '/v2/pods') ||
      request.operation === 'podFindAndDeployOnDemand' ||
      request.operation === 'podRentInterruptable',
  );

const namesFor = (events: readonly Recorded[], jobId: string) => events.filter((event) => event.jobId === jobId).map((event) => event.name);

describe('RunPod pods through the scheduler', () => {
  it('rents a pod for a public job no local GPU fits, runs it there, terminates the pod and records its cost', async () => {
    const bed = await podBed({ gpus: [smallLocalGpu] });
    const { scheduler, fake, provider } = bed;
    const handle = scheduler.submit({ type: 'video', confidentiality: 'public', estimatedDurationSeconds: 120 });
    await bed.drive(() => scheduler.get(handle.id)?.state === 'running');
    const key = `${handle.id}#1`;
    expect([...fake.pods.pods.values()]).toEqual([
      expect.objectContaining({
        name: `aima:${key}`,
        image: cloudImage,
        gpuTypeId: 'NVIDIA GeForce RTX 4090',
        cloud: 'SECURE',
        env: expect.objectContaining({ AIMA_LABEL: 'aima', AIMA_KEY: key, AIMA_OFFER_ID: rtx4090, AIMA_JOB_ID: handle.id }),
      }),
    ]);
    const [podId] = fake.pods.pods.keys();
    expect(scheduler.snapshot().cloudInstances).toEqual([
      { instanceId: podId, providerId: 'runpod', offerId: rtx4090, jobId: handle.id, pricePerHourUsd: 0.74 },
    ]);

    await bed.drive(finished(scheduler, handle.id));
    await expect(handle.result).resolves.toMatchObject({ output: { jobId: handle.id, attempt: 1 } });
    const view = scheduler.get(handle.id);
    expect(view).toMatchObject({
      state: 'completed',
      attempt: 1,
      placement: {
        kind: 'cloud',
        providerId: 'runpod',
        offer: { provider: 'runpod', offerId: rtx4090 },
        instance: { id: podId, providerId: 'runpod', status: 'running', label: 'aima', key },
      },
    });
    expect(namesFor(bed.events, handle.id)).toEqual(['job-queued', 'placement-decided', 'job-started', 'job-completed']);
    // Terminated, and nothing else left on the account.
    expect(fake.pods.terminatedIds).toEqual([podId]);
    expect(fake.pods.pods.size).toBe(0);
    expect(await provider.listInstances('aima')).toEqual([]);
    expect(scheduler.snapshot().cloudInstances).toEqual([]);
    // Billed from the pod's start (before the 120 s run) to the end of the run.
    const ranHours = 120 / 3_600;
    const heldHours = ((view?.finishedAt ?? 0) - (view?.submittedAt ?? 0)) / 3_600_000;
    expect(view?.costUsd).toBeGreaterThan(0.74 * ranHours);
    expect(view?.costUsd).toBeLessThanOrEqual(0.74 * heldHours + 1e-9);
    expect(scheduler.snapshot().costs.cloudUsd).toBeCloseTo(view?.costUsd ?? Number.NaN, 9);
    expect(provider.spend()).toEqual([expect.objectContaining({ podId, label: 'aima', key })]);
  });

  it('never sends a confidential job to RunPod: rejected when no local GPU can take it, and no pod is created', async () => {
    const bed = await podBed({ gpus: [smallLocalGpu] });
    const { scheduler, fake } = bed;
    const handle = scheduler.submit({ type: 'video', confidentiality: 'confidential', estimatedDurationSeconds: 120 });
    await bed.drive(finished(scheduler, handle.id));
    const error = await handle.result.catch((caught: unknown) => caught);
    expect(JobRejectedError.isInstance(error)).toBe(true);
    if (JobRejectedError.isInstance(error)) expect(error.decision.rule).toBe('aima/confidential-no-local');
    expect(scheduler.get(handle.id)).toMatchObject({ state: 'failed', error: { code: 'AIMA_JOB_REJECTED' } });
    expect(podCreations(fake)).toEqual([]);
    expect(fake.pods.pods.size).toBe(0);
    expect(namesFor(bed.events, handle.id)).toEqual(['job-queued', 'placement-decided', 'job-failed']);
  });

  it('blocks an offer RunPod has no capacity for, requeues the job, and runs it on the next offer', async () => {
    const bed = await podBed();
    const { scheduler, fake } = bed;
    fake.faults.add(runpodFaults.restNoCapacity());
    const handle = scheduler.submit({ type: 'video', confidentiality: 'public', estimatedDurationSeconds: 120 });
    await bed.drive(finished(scheduler, handle.id));
    await expect(handle.result).resolves.toMatchObject({ output: { jobId: handle.id, attempt: 2 } });
    const view = scheduler.get(handle.id);
    expect(view).toMatchObject({
      state: 'completed',
      attempt: 2,
      placement: { kind: 'cloud', providerId: 'runpod', offer: { offerId: a100 } },
    });
    // The first create hit the capacity answer (nothing made); the second made the pod of attempt 2.
    const creations = podCreations(fake);
    expect(creations).toHaveLength(2);
    expect(creations.map((request) => (request.body as { gpu?: { id?: string } }).gpu?.id)).toEqual([
      'NVIDIA GeForce RTX 4090',
      'NVIDIA A100 80GB PCIe',
    ]);
    expect(creations.map((request) => (request.body as { name?: string }).name)).toEqual([`aima:${handle.id}#1`, `aima:${handle.id}#2`]);
    expect(fake.pods.terminatedIds).toHaveLength(1);
    expect(fake.pods.pods.size).toBe(0);
    expect(namesFor(bed.events, handle.id)).toEqual([
      'job-queued',
      'placement-decided',
      'job-queued',
      'placement-decided',
      'job-started',
      'job-completed',
    ]);
  });

  it('fails the job cleanly when every offer lacks capacity, leaving no pod behind', async () => {
    const bed = await podBed({ config: { failover: { maxRetries: 1 } } });
    const { scheduler, fake, provider } = bed;
    fake.faults.add(runpodFaults.restNoCapacity(10));
    const handle = scheduler.submit({ type: 'video', confidentiality: 'public', estimatedDurationSeconds: 120 });
    await bed.drive(finished(scheduler, handle.id));
    const error = await handle.result.catch((caught: unknown) => caught);
    expect(ProviderError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ kind: 'capacity', providerId: 'runpod' });
    expect(scheduler.get(handle.id)).toMatchObject({ state: 'failed', attempt: 2 });
    expect(podCreations(fake)).toHaveLength(2);
    expect(fake.pods.pods.size).toBe(0);
    expect(await provider.listInstances('aima')).toEqual([]);
  });

  it('terminates the pod when a job is cancelled while its pod is still starting', async () => {
    const bed = await podBed();
    const { scheduler, fake } = bed;
    const handle = scheduler.submit({ type: 'video', confidentiality: 'public', estimatedDurationSeconds: 120 });
    await bed.drive(() => fake.pods.pods.size === 1);
    expect(scheduler.get(handle.id)?.state).toBe('starting');
    expect(scheduler.cancel(handle.id)).toBe(true);
    await expect(handle.result).rejects.toBeInstanceOf(JobCancelledError);
    await bed.drive(() => fake.pods.pods.size === 0, 50);
    expect(fake.pods.terminatedIds).toHaveLength(1);
    expect(scheduler.get(handle.id)).toMatchObject({ state: 'cancelled' });
    expect(namesFor(bed.events, handle.id)).toEqual(['job-queued', 'placement-decided', 'job-cancelled']);
  });

  it('leaves no pod when a job is cancelled while its create request is still unanswered', async () => {
    const bed = await podBed();
    const { scheduler, fake } = bed;
    fake.faults.add(runpodFaults.lost({ method: 'POST', path: '/v2/pods' })); // the pod is made, its answer never comes
    const handle = scheduler.submit({ type: 'video', confidentiality: 'public', estimatedDurationSeconds: 120 });
    await bed.drive(() => fake.pods.pods.size === 1);
    expect(scheduler.get(handle.id)?.state).toBe('starting');
    expect(scheduler.cancel(handle.id)).toBe(true);
    await expect(handle.result).rejects.toBeInstanceOf(JobCancelledError);
    // The aborted launch looks the pod up by its key and terminates it behind itself.
    await bed.drive(() => bed.harness.logger.lines.some((line) => line.includes('terminated a pod because its launch was aborted')), 50);
    expect(fake.pods.pods.size).toBe(0);
    expect(fake.pods.terminatedIds).toHaveLength(1);
  });

  it('close() ends a job running on a pod with SchedulerClosedError and terminates the pod', async () => {
    const bed = await podBed();
    const { scheduler, fake } = bed;
    const handle = scheduler.submit({ type: 'video', confidentiality: 'public', estimatedDurationSeconds: 600 });
    await bed.drive(() => scheduler.get(handle.id)?.state === 'running');
    expect(fake.pods.pods.size).toBe(1);
    await scheduler.close();
    await expect(handle.result).rejects.toBeInstanceOf(SchedulerClosedError);
    expect(fake.pods.pods.size).toBe(0);
    expect(fake.pods.terminatedIds).toHaveLength(1);
  });

  // Regression: a terminate that fails (RunPod answers 500 to all four tries of the DELETE) is
  // retried on the clock until it succeeds, and the job's cost is recorded first.
  it('still terminates a pod whose first terminate failed, and records the cost', async () => {
    const bed = await podBed();
    const { scheduler, fake, harness } = bed;
    fake.faults.add(runpodFaults.serverError({ method: 'DELETE', path: /^\/v2\/pods\/\w+$/ }, 500, 4));
    const handle = scheduler.submit({ type: 'video', confidentiality: 'public', estimatedDurationSeconds: 120 });
    await bed.drive(finished(scheduler, handle.id));
    await expect(handle.result).resolves.toMatchObject({ output: { jobId: handle.id } });
    const until = harness.clock.now() + 15 * 60_000;
    await bed.drive(() => fake.pods.pods.size === 0 || harness.clock.now() >= until);
    expect(fake.pods.pods.size).toBe(0);
    expect(scheduler.get(handle.id)?.costUsd).toBeGreaterThan(0);
    expect(scheduler.snapshot().cloudInstances).toEqual([]);
  });

  it('terminates pods labelled ours that an earlier run left behind, at start (C4)', async () => {
    const harness = await startProviderHarness({}, { clouds: ['SECURE'], interruptible: false, requestTimeoutMs });
    cleanups.push(() => harness.close());
    const launch = (key: string, label: string) => harness.provider.launch({ key, offerId: rtx4090, image: cloudImage, label });
    const orphan = await launch('old-job#1', 'aima');
    const foreign = await launch('their-job#1', 'aima-staging');
    const bed = schedulerOn(harness, { runner: createSimulatedRunner({ clock: harness.clock }), cloudProviders: [harness.provider] });
    await bed.scheduler.start();
    expect(harness.fake.pods.terminatedIds).toEqual([orphan.id]);
    expect([...harness.fake.pods.pods.keys()]).toEqual([foreign.id]);
  });
});

describe('RunPod serverless through the scheduler', () => {
  /** The endpoint as a one-offer cloud ($0.00031/s) and the serverless runner as the scheduler's runner. */
  async function serverlessBed(scripts: Parameters<typeof startRunnerHarness>[0]) {
    const harness: RunnerHarness = await startRunnerHarness(scripts);
    cleanups.push(() => harness.close());
    const serverlessCloud = createRunpodServerlessProvider({
      endpointId,
      gpuModel: 'NVIDIA GeForce RTX 4090',
      vramGb: 24,
      pricePerHourUsd: 0.00031 * 3_600,
      clock: harness.clock,
    });
    cleanups.push(() => serverlessCloud.close());
    const bed = schedulerOn(harness, { runner: harness.runner, cloudProviders: [serverlessCloud] });
    await bed.scheduler.start();
    return { ...bed, serverlessCloud, fake: harness.fake };
  }

  const serverlessCalls = (fake: FakeRunpodServer, operation: string) =>
    fake.requests.filter((request) => request.surface === 'serverless' && request.operation === operation);

  it('runs a job on the endpoint: /run, /status until COMPLETED, the worker output as the result', async () => {
    const bed = await serverlessBed({ 'clip-a': { queueMs: 2_000, runMs: 5_000, output: { labels: ['cat', 'dog'] } } });
    const { scheduler, fake, serverlessCloud } = bed;
    const handle = scheduler.submit({ id: 'clip-a', type: 'video', confidentiality: 'public', estimatedDurationSeconds: 60 });
    await bed.drive(finished(scheduler, handle.id));
    await expect(handle.result).resolves.toEqual({
      output: { labels: ['cat', 'dog'] },
      metrics: { queueMs: 2_000, executionMs: expect.any(Number) },
    });
    expect(scheduler.get(handle.id)).toMatchObject({
      state: 'completed',
      progress: 1,
      placement: {
        kind: 'cloud',
        providerId: 'runpod-serverless',
        offer: { offerId: `serverless|${endpointId}`, tags: ['serverless'] },
        instance: { status: 'running', label: 'aima', key: 'clip-a#1' },
      },
    });
    const [run] = serverlessCalls(fake, 'run');
    expect(run).toMatchObject({ method: 'POST', path: `/v2/${endpointId}/run`, authorized: true });
    expect(run?.body).toMatchObject({ input: { jobId: 'clip-a', attempt: 1, spec: { id: 'clip-a', type: 'video' } } });
    expect(serverlessCalls(fake, 'status').length).toBeGreaterThanOrEqual(2);
    expect([...fake.serverless.jobs.values()].map((job) => fake.serverless.status(job))).toEqual(['COMPLETED']);
    expect(namesFor(bed.events, handle.id)).toEqual(['job-queued', 'placement-decided', 'job-started', 'job-completed']);
    // The scheduler "terminates" the placement: the one-offer cloud forgets it.
    expect(await serverlessCloud.listInstances('aima')).toEqual([]);
  });

  it('cancels a running serverless job through the scheduler: the RunPod job gets /cancel', async () => {
    const bed = await serverlessBed({ 'clip-b': { outcome: 'RUNS_FOREVER' } });
    const { scheduler, fake, serverlessCloud } = bed;
    const handle = scheduler.submit({ id: 'clip-b', type: 'video', confidentiality: 'public', estimatedDurationSeconds: 60 });
    await bed.drive(() => serverlessCalls(fake, 'status').length >= 2);
    expect(scheduler.get(handle.id)?.state).toBe('running');
    expect(scheduler.cancel(handle.id)).toBe(true);
    await expect(handle.result).rejects.toBeInstanceOf(JobCancelledError);
    // The runner sends /cancel behind the rejection and logs once RunPod has answered it.
    await bed.drive(() => bed.harness.logger.lines.some((line) => line.startsWith('info cancelled the RunPod job')));
    expect(serverlessCalls(fake, 'cancel')).toEqual([expect.objectContaining({ method: 'POST' })]);
    expect(serverlessCalls(fake, 'cancel')[0]?.path).toMatch(new RegExp(`^/v2/${endpointId}/cancel/`));
    expect([...fake.serverless.jobs.values()].map((job) => fake.serverless.status(job))).toEqual(['CANCELLED']);
    expect(scheduler.get(handle.id)?.state).toBe('cancelled');
    expect(namesFor(bed.events, handle.id)).toEqual(['job-queued', 'placement-decided', 'job-started', 'job-cancelled']);
    await bed.drive(() => scheduler.snapshot().cloudInstances.length === 0, 50);
    expect(await serverlessCloud.listInstances('aima')).toEqual([]);
  });

  // Regression: the serverless provider reports `costSoFarUsd: 0`; the scheduler does not believe a
  // zero for an instance that ran at a price and records price × run time instead.
  it('records a cost for a job run on the serverless endpoint', async () => {
    const bed = await serverlessBed({ 'clip-c': { queueMs: 1_000, runMs: 30_000 } });
    const { scheduler } = bed;
    const handle = scheduler.submit({ id: 'clip-c', type: 'video', confidentiality: 'public', estimatedDurationSeconds: 60 });
    await bed.drive(finished(scheduler, handle.id));
    await handle.result;
    expect(scheduler.get(handle.id)?.costUsd).toBeGreaterThan(0);
  });

  it('routes serverless placements to the endpoint and pod placements to the host runner (the README setup)', async () => {
    const harness: RunnerHarness = await startRunnerHarness({ 'clip-d': { queueMs: 1_000, runMs: 3_000, output: { ok: true } } });
    cleanups.push(() => harness.close());
    const pods = createRunpodProvider({
      apiKey: harness.fake.apiKey,
      graphqlUrl: harness.fake.graphqlUrl,
      restUrl: harness.fake.restUrl,
      clock: harness.clock,
      clouds: ['SECURE'],
      interruptible: false,
      requestTimeoutMs,
    });
    cleanups.push(() => pods.close());
    // Cheaper than a 4090 pod ($0.74/h), with 24 GB: 24 GB jobs go serverless, 80 GB jobs need an A100 pod.
    const serverlessCloud = createRunpodServerlessProvider({
      endpointId,
      gpuModel: 'NVIDIA GeForce RTX 4090',
      vramGb: 24,
      pricePerHourUsd: 0.5,
      clock: harness.clock,
    });
    const hostRunner = createSimulatedRunner({ clock: harness.clock });
    const runner: JobRunner = {
      run: (job, placement, context) =>
        placement.kind === 'cloud' && placement.providerId === serverlessCloud.id
          ? harness.runner.run(job, placement, context)
          : hostRunner.run(job, placement, context),
    };
    const bed = schedulerOn(harness, { runner, cloudProviders: [pods, serverlessCloud] });
    await bed.scheduler.start();
    const { scheduler } = bed;
    const small = scheduler.submit({ id: 'clip-d', type: 'video', confidentiality: 'public', estimatedDurationSeconds: 60 });
    const large = scheduler.submit({
      id: 'film-e',
      type: 'video',
      confidentiality: 'public',
      requirements: { minVramGb: 80 },
      estimatedDurationSeconds: 60,
    });
    await bed.drive(() => finished(scheduler, small.id)() && finished(scheduler, large.id)());
    await expect(small.result).resolves.toMatchObject({ output: { ok: true } });
    await expect(large.result).resolves.toMatchObject({ output: { jobId: 'film-e' } });
    expect(scheduler.get(small.id)?.placement).toMatchObject({ kind: 'cloud', providerId: 'runpod-serverless' });
    expect(scheduler.get(large.id)?.placement).toMatchObject({ kind: 'cloud', providerId: 'runpod', offer: { offerId: a100 } });
    expect([...harness.fake.serverless.jobs.values()].map((job) => (job.input as { jobId?: string }).jobId)).toEqual(['clip-d']);
    expect(harness.fake.pods.terminatedIds).toHaveLength(1);
    expect(harness.fake.pods.pods.size).toBe(0);
  });
});
