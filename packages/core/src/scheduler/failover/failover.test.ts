import { describe, expect, it } from 'vitest';
import { JobRejectedError } from '../../errors/job-rejected-error.js';
import { offer } from '../scheduler-test-fixtures.js';
import { expensiveOffers, localGpuOf as gpuOf, failoverJob as job, reportXid, useFailoverHarnesses } from './failover-test-fixtures.js';

const use = useFailoverHarnesses();
const expensive = expensiveOffers;

describe('GPU failure → seed 000 failover strategy', () => {
  it('temporary & not high (XID 13): retries on the same GPU after 60 s, from the checkpoint', async () => {
    const h = await use({ offers: expensive });
    const handle = h.scheduler.submit(job({ priority: 'normal' }));
    await h.clock.advanceBy(400_000);
    const failed = gpuOf(h, handle.id);
    reportXid(h, h.device(failed), 13);
    await h.clock.advanceBy(1);
    expect(h.started).toMatchObject([
      { jobId: handle.id, trigger: 'gpu-failure', failureClass: 'temporary', action: 'retry-same-gpu', delaySeconds: 60, gpuIds: [failed] },
    ]);
    expect(h.started[0]?.checkpointId).toBeDefined();
    expect(h.scheduler.get(handle.id)?.state).toBe('queued');
    await h.clock.advanceBy(59_000);
    expect(h.scheduler.get(handle.id)?.state).toBe('queued');
    await h.clock.advanceBy(1_000);
    expect(h.scheduler.get(handle.id)).toMatchObject({ state: 'running', attempt: 2, placement: { gpuIds: [failed] } });
    expect(h.completed).toMatchObject([{ jobId: handle.id, outcome: 'resumed', action: 'retry-same-gpu', gpuIds: [failed] }]);
    await h.clock.advanceBy(300_000);
    expect(await handle.result).toMatchObject({ output: { attempt: 2, resumedFrom: 0.5 } });
    expect(h.scheduler.get(handle.id)?.failoverHistory).toMatchObject([
      { action: 'retry-same-gpu', outcome: 'resumed', checkpointSequence: 1 },
    ]);
  });

  it('temporary & high (XID 13): moves to another local GPU at once', async () => {
    const h = await use({ offers: expensive });
    const handle = h.scheduler.submit(job({ priority: 'high' }));
    await h.clock.advanceBy(400_000);
    const failed = gpuOf(h, handle.id);
    reportXid(h, h.device(failed), 13);
    await h.clock.advanceBy(1);
    expect(h.started[0]).toMatchObject({ action: 'other-local', delaySeconds: 0 });
    const moved = gpuOf(h, handle.id);
    expect(moved).not.toBe(failed);
    await h.clock.advanceBy(300_000);
    expect(await handle.result).toMatchObject({ output: { resumedFrom: 0.5 } });
  });

  it('persistent (XID 63): another local GPU when one is free', async () => {
    const h = await use({ offers: expensive });
    const handle = h.scheduler.submit(job());
    await h.clock.advanceBy(400_000);
    const failed = gpuOf(h, handle.id);
    reportXid(h, h.device(failed), 63);
    await h.clock.advanceBy(1);
    expect(h.started[0]).toMatchObject({ failureClass: 'persistent', action: 'local-then-cloud' });
    expect(h.scheduler.get(handle.id)?.placement).toMatchObject({ kind: 'local' });
    expect(gpuOf(h, handle.id)).not.toBe(failed);
    expect(h.scheduler.snapshot().gpus.find((entry) => entry.id === failed)?.health).toBe('offline');
  });

  it('persistent (XID 63): the cloud when no other local GPU is free, resuming from the checkpoint', async () => {
    const h = await use({ gpus: 1, offers: expensive });
    const handle = h.scheduler.submit(job());
    await h.clock.advanceBy(400_000);
    const failed = gpuOf(h, handle.id);
    reportXid(h, h.device(failed), 63);
    await h.clock.advanceBy(1);
    expect(h.scheduler.get(handle.id)?.placement).toBeUndefined();
    await h.clock.advanceBy(600_000);
    expect(await handle.result).toMatchObject({ output: { resumedFrom: 0.5 } });
    expect(h.scheduler.get(handle.id)?.placement).toMatchObject({ kind: 'cloud', providerId: 'sim' });
    expect(h.cloud.liveInstances()).toEqual([]);
  });

  it('critical (XID 79): migrates to the cloud directly, from the last checkpoint', async () => {
    const h = await use({ offers: expensive });
    const handle = h.scheduler.submit(job());
    await h.clock.advanceBy(400_000);
    const failed = gpuOf(h, handle.id);
    reportXid(h, h.device(failed), 79);
    await h.clock.advanceBy(600_000);
    expect(h.started[0]).toMatchObject({ failureClass: 'critical', action: 'cloud' });
    expect(await handle.result).toMatchObject({ output: { resumedFrom: 0.5 } });
    expect(h.scheduler.get(handle.id)?.placement).toMatchObject({ kind: 'cloud' });
    expect(h.scheduler.snapshot().gpus.find((entry) => entry.id === failed)?.health).toBe('error');
  });

  it('critical (XID 48) for a confidential job: another local GPU, never the cloud', async () => {
    const h = await use({ offers: [offer('cheap', 0.01)] });
    const handle = h.scheduler.submit(job({ confidentiality: 'confidential' }));
    await h.clock.advanceBy(400_000);
    const failed = gpuOf(h, handle.id);
    reportXid(h, h.device(failed), 48);
    await h.clock.advanceBy(1);
    expect(h.started[0]).toMatchObject({ failureClass: 'critical', action: 'other-local' });
    expect(h.scheduler.get(handle.id)?.placement).toMatchObject({ kind: 'local' });
    expect(gpuOf(h, handle.id)).not.toBe(failed);
    await h.clock.advanceBy(300_000);
    await expect(handle.result).resolves.toBeDefined();
  });

  it('critical for a confidential job with no other GPU: rejected with the reason, never sent to the cloud', async () => {
    const h = await use({ gpus: 1, offers: [offer('cheap', 0.01)] });
    const handle = h.scheduler.submit(job({ confidentiality: 'confidential' }));
    await h.clock.advanceBy(400_000);
    reportXid(h, 'sim-node-a-0', 48);
    await h.clock.advanceBy(1);
    const error = await handle.result.catch((caught: unknown) => caught);
    expect(JobRejectedError.isInstance(error)).toBe(true);
    expect(h.completed).toMatchObject([{ jobId: handle.id, outcome: 'failed' }]);
    expect(h.cloud.liveInstances()).toEqual([]);
  });

  it('a high job failing over displaces a lower-priority job when no other GPU is free (priority-based redistribution)', async () => {
    const h = await use({ offers: [] });
    const high = h.scheduler.submit(job({ priority: 'high' }));
    const low = h.scheduler.submit(job({ priority: 'low', estimatedDurationSeconds: 3_600 }));
    await h.clock.advanceBy(400_000);
    const failed = gpuOf(h, high.id);
    const other = gpuOf(h, low.id);
    reportXid(h, h.device(failed), 79);
    await h.clock.advanceBy(1);
    expect(h.scheduler.get(high.id)?.placement).toMatchObject({ gpuIds: [other] });
    expect(h.scheduler.get(low.id)?.state).toBe('queued');
    await h.clock.advanceBy(300_000);
    await expect(high.result).resolves.toBeDefined();
  });

  it('a job moved more than maxFailovers times fails with the reason', async () => {
    const h = await use({ gpus: 3, offers: [], config: { failover: { maxFailovers: 1 } } });
    const handle = h.scheduler.submit(job({ priority: 'high' }));
    await h.clock.advanceBy(400_000);
    const first = gpuOf(h, handle.id);
    reportXid(h, h.device(first), 63);
    await h.clock.advanceBy(1);
    const second = gpuOf(h, handle.id);
    reportXid(h, h.device(second), 63);
    await h.clock.advanceBy(1);
    await expect(handle.result).rejects.toThrow(/moved 1 times/);
  });
});

describe('health monitor (F1, F5)', () => {
  it('marks GPUs offline after missed heartbeats (NVML timeouts), fails the job over, and heals when they resume', async () => {
    const h = await use({ gpus: 1, offers: [] });
    const handle = h.scheduler.submit(job());
    await h.clock.advanceBy(400_000);
    h.local.setSamplingFailure('NVML_ERROR_TIMEOUT: the call timed out');
    await h.clock.advanceBy(60_000);
    expect(h.scheduler.snapshot().gpus[0]?.health).toBe('offline');
    expect(h.started).toMatchObject([
      { trigger: 'gpu-failure', action: 'retry-same-gpu', message: expect.stringContaining('missed 2 heartbeats') },
    ]);
    await h.clock.advanceBy(120_000);
    expect(h.scheduler.get(handle.id)?.state).toBe('queued');
    h.local.setSamplingFailure(undefined);
    await h.clock.advanceBy(30_000);
    expect(h.scheduler.snapshot().gpus[0]?.health).toBe('healthy');
    expect(h.scheduler.get(handle.id)?.state).toBe('running');
    await h.clock.advanceBy(300_000);
    expect(await handle.result).toMatchObject({ output: { resumedFrom: 0.5 } });
  });

  it('a silent GPU misses heartbeats while the others report', async () => {
    const h = await use({ gpus: 2, offers: [] });
    h.local.setSilent('sim-node-a-1', true);
    await h.clock.advanceBy(60_000);
    expect(h.scheduler.snapshot().gpus.map((entry) => entry.health)).toEqual(['healthy', 'offline']);
  });

  it('a rising temperature marks a GPU degraded before it fails, and new work goes elsewhere', async () => {
    const h = await use({ gpus: 2, offers: [] });
    const changes: string[] = [];
    h.scheduler.on('gpu-status-changed', (event) => changes.push(`${event.health}: ${event.reason}`));
    for (let step = 0; step < 5; step++) {
      h.local.setTemperature('sim-node-a-0', 70 + step * 2);
      h.local.setTemperature('sim-node-a-1', 60);
      await h.clock.advanceBy(30_000);
    }
    expect(changes).toEqual([expect.stringMatching(/^degraded: temperature rising 4\.0 °C\/min, 85 °C expected in 2 min$/)]);
    const handle = h.scheduler.submit(job());
    await h.clock.advanceBy(1);
    expect(gpuOf(h, handle.id)).toBe(h.gpuIds[1]);
  });

  it('a GPU in error stays in error when its heartbeats stop and resume; a milder fault does not lift it', async () => {
    const h = await use({ gpus: 1, offers: [] });
    reportXid(h, 'sim-node-a-0', 79);
    h.local.setSilent('sim-node-a-0', true);
    await h.clock.advanceBy(90_000);
    reportXid(h, 'sim-node-a-0', 13);
    h.local.setSilent('sim-node-a-0', false);
    await h.clock.advanceBy(120_000);
    expect(h.scheduler.snapshot().gpus[0]?.health).toBe('error');
  });

  it('restoreGpu returns a GPU in error to service', async () => {
    const h = await use({ gpus: 1, offers: [] });
    reportXid(h, 'sim-node-a-0', 79);
    expect(h.scheduler.snapshot().gpus[0]?.health).toBe('error');
    expect(h.scheduler.restoreGpu(h.gpuIds[0] ?? '')).toBe(true);
    expect(h.scheduler.snapshot().gpus[0]?.health).toBe('healthy');
    expect(h.scheduler.restoreGpu('gpu_unknown')).toBe(false);
  });
});
