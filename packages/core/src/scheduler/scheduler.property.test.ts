import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AimaError } from '../errors/aima-error.js';
import { createSimulatedCloudProvider } from '../testing/simulated/simulated-cloud-provider.js';
import { createSimulatedLocalGpuProvider } from '../testing/simulated/simulated-local-gpu-provider.js';
import { createSimulatedRunner } from '../testing/simulated/simulated-runner.js';
import { VirtualClock } from '../time/virtual-clock.js';
import { createScheduler } from './scheduler.js';
import { gpu, harness, offer, start } from './scheduler-test-fixtures.js';

const action = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('submit' as const),
      confidentiality: fc.constantFrom('public', 'internal', 'confidential'),
      priority: fc.constantFrom('critical', 'high', 'normal', 'low', 'batch'),
      type: fc.constantFrom('video', 'image', 'audio'),
      minutes: fc.integer({ min: 1, max: 90 }),
      fate: fc.constantFrom('complete', 'complete', 'complete', 'fail', 'hang'),
      checkpointable: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat(50) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('wait' as const), seconds: fc.integer({ min: 1, max: 3_600 }) }) },
);

describe('scheduler invariants under random interleavings (virtual clock)', () => {
  it('never double-allocates, releases every allocation once, keeps confidential jobs local, and ends every job', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 40 }), fc.boolean(), async (actions, preemption) => {
        const fates = new Map<string, string>();
        const { clock, scheduler, cloud } = harness({
          gpus: [gpu('gpu_00000001'), gpu('gpu_00000002', 'RTX 3090'), gpu('gpu_00000003', 'A100 80GB', 80, { purchasePriceUsd: 15_000 })],
          offers: [offer('cheap', 0.3), offer('big', 1.5, 80)],
          config: { scheduler: { preemption, minTimeoutSeconds: 600, maxConcurrentLaunches: 2 } },
          behaviour: (job) => {
            const fate = fates.get(job.spec.tenant ?? '');
            return fate === 'fail' ? { failAt: { fraction: 0.3, message: 'runner error' } } : fate === 'hang' ? { hang: true } : {};
          },
        });
        const holders = new Map<string, string>();
        let allocations = 0;
        let releases = 0;
        const cloudJobs = new Set<string>();
        scheduler.on('job-started', (event) => {
          for (const gpuId of event.gpuIds) {
            expect(holders.has(gpuId), `GPU ${gpuId} given to ${event.jobId} while ${holders.get(gpuId)} holds it`).toBe(false);
            holders.set(gpuId, event.jobId);
            allocations++;
          }
          if (event.placement.kind === 'cloud') cloudJobs.add(event.jobId);
        });
        const release = (event: { jobId: string; gpuIds: readonly string[] }) => {
          for (const gpuId of event.gpuIds) {
            expect(holders.get(gpuId)).toBe(event.jobId);
            holders.delete(gpuId);
            releases++;
          }
        };
        scheduler.on('job-completed', release);
        scheduler.on('job-failed', release);
        scheduler.on('job-cancelled', release);
        scheduler.on('job-preempted', release);
        scheduler.on('failover-started', release);
        await scheduler.start();
        const handles: Array<{ id: string; result: Promise<unknown>; confidential: boolean }> = [];
        for (const step of actions) {
          if (step.kind === 'submit') {
            const tenant = `t${handles.length}`;
            fates.set(tenant, step.fate);
            const handle = scheduler.submit({
              type: step.type,
              confidentiality: step.confidentiality,
              priority: step.priority,
              tenant,
              checkpointable: step.checkpointable,
              estimatedDurationSeconds: step.minutes * 60,
            });
            handles.push({ ...handle, confidential: step.confidentiality === 'confidential' });
          } else if (step.kind === 'cancel' && handles.length > 0) {
            scheduler.cancel((handles[step.pick % handles.length] as { id: string }).id);
          } else if (step.kind === 'wait') {
            await clock.advanceBy(step.seconds * 1000);
          }
        }
        let open = handles.length;
        for (const handle of handles) void handle.result.finally(() => open--).catch(() => undefined);
        const limit = clock.now() + 7 * 86_400_000;
        for (let next = clock.nextTimerAt(); open > 0 && next !== undefined && next <= limit; next = clock.nextTimerAt())
          await clock.advanceTo(next);
        const settled = await Promise.allSettled(handles.map((handle) => handle.result));
        for (const outcome of settled) if (outcome.status === 'rejected') expect(AimaError.isInstance(outcome.reason)).toBe(true);
        for (const handle of handles) {
          expect(scheduler.get(handle.id)?.state).toMatch(/completed|failed|cancelled/);
          if (handle.confidential) expect(cloudJobs.has(handle.id)).toBe(false);
        }
        expect(releases).toBe(allocations);
        expect(holders.size).toBe(0);
        expect(cloud.liveInstances()).toEqual([]);
        const snapshot = scheduler.snapshot();
        expect(snapshot.gpus.every((entry) => entry.currentJobId === undefined)).toBe(true);
        await scheduler.close();
        expect(clock.pendingTimers).toBe(0);
      }),
      { numRuns: 250, timeout: 10_000, ...(process.env.FC_SEED && { seed: Number(process.env.FC_SEED) }) },
    );
  }, 60_000);
});

describe('local providers', () => {
  it('registers discovered GPUs with stable ids and turns health events into status changes', async () => {
    const clock = new VirtualClock(start);
    const provider = createSimulatedLocalGpuProvider({
      host: 'node-a',
      gpus: [
        { model: 'RTX 4090', vramGb: 24, cudaVersion: '12.4' },
        { model: 'RTX 4090', vramGb: 24, cudaVersion: '12.4' },
      ],
      clock,
    });
    const scheduler = createScheduler({
      runner: createSimulatedRunner({ clock }),
      clock,
      localProviders: [{ provider, location: 'berlin', tags: ['gdpr'] }],
      cloudProviders: [createSimulatedCloudProvider({ offers: [], clock })],
      cloudImage: 'img',
    });
    const changes: string[] = [];
    scheduler.on('gpu-status-changed', (event) => changes.push(`${event.gpuId}:${event.previous}->${event.health}`));
    await scheduler.start();
    const ids = scheduler.snapshot().gpus.map((entry) => entry.id);
    expect(ids).toHaveLength(2);
    for (const id of ids) expect(id).toMatch(/^gpu_[0-9a-f]{8}$/);
    provider.emitHealth({ gpuId: 'sim-node-a-1', source: 'xid', code: 79, severity: 'critical', message: 'GPU has fallen off the bus' });
    expect(changes).toEqual([`${ids[1]}:healthy->error`]);
    provider.setLoad('sim-node-a-0', { utilizationGpu: 90, memoryUsedMb: 1_000 });
    await clock.advanceBy(60_000);
    expect(scheduler.snapshot().gpus[0]).toMatchObject({ activity: 'busy', utilizationGpu: 90, lastSeen: start + 60_000 });
    const handle = scheduler.submit({ type: 'video', confidentiality: 'confidential', estimatedDurationSeconds: 60 });
    await clock.advanceBy(1);
    expect(scheduler.get(handle.id)?.placement).toMatchObject({ kind: 'local', gpuIds: [ids[0]], hostAddress: 'node-a' });
    await scheduler.close();
  });
});
