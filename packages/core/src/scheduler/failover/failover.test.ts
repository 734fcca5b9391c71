import { afterEach, describe, expect, it } from 'vitest';
import type { JobSpecInput } from '../../config/job-spec.js';
import { JobRejectedError } from '../../errors/job-rejected-error.js';
import { offer } from '../scheduler-test-fixtures.js';
import { type FailoverHarness, failoverHarness } from './failover-test-fixtures.js';

const open: FailoverHarness[] = [];
afterEach(async () => {
  for (const harness of open.splice(0)) await harness.scheduler.close();
});

async function use(options: Parameters<typeof failoverHarness>[0]): Promise<FailoverHarness> {
  const harness = await failoverHarness(options);
  open.push(harness);
  return harness;
}

/** A 600 s job that checkpoints half way (at 300 s). */
const job = (extra: Partial<JobSpecInput> = {}): JobSpecInput => ({
  type: 'video',
  confidentiality: 'internal',
  checkpointable: true,
  estimatedDurationSeconds: 600,
  ...extra,
});

const expensive = [offer('far', 9, 24)];

function gpuOf(harness: FailoverHarness, jobId: string): string {
  const placement = harness.scheduler.get(jobId)?.placement;
  if (placement?.kind !== 'local') throw new Error(`job ${jobId} is not on a local GPU`);
  return placement.gpuIds[0] ?? '';
}

describe('GPU failure → seed 000 failover strategy', () => {
  it('temporary & not high (XID 13): retries on the same GPU after 60 s, from the checkpoint', async () => {
    const h = await use({ offers: expensive });
    const handle = h.scheduler.submit(job({ priority: 'normal' }));
    await h.clock.advanceBy(400_000);
    const failed = gpuOf(h, handle.id);
    h.local.emitHealth({
      gpuId: h.device(failed),
      source: 'xid',
      code: 13,
      severity: 'temporary',
      message: 'XID 13: graphics engine exception',
    });
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
    h.local.emitHealth({
      gpuId: h.device(failed),
      source: 'xid',
      code: 13,
      severity: 'temporary',
      message: 'XID 13: graphics engine exception',
    });
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
    h.local.emitHealth({
      gpuId: h.device(failed),
      source: 'xid',
      code: 63,
      severity: 'persistent',
      message: 'XID 63: memory remapping event',
    });
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
    h.local.emitHealth({
      gpuId: h.device(failed),
      source: 'xid',
      code: 63,
      severity: 'persistent',
      message: 'XID 63: memory remapping event',
    });
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
    h.local.emitHealth({
      gpuId: h.device(failed),
      source: 'xid',
      code: 79,
      severity: 'critical',
      message: 'XID 79: GPU has fallen off the bus',
    });
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
    h.local.emitHealth({ gpuId: h.device(failed), source: 'xid', code: 48, severity: 'critical', message: 'XID 48: double-bit ECC error' });
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
    h.local.emitHealth({ gpuId: 'sim-node-a-0', source: 'xid', code: 48, severity: 'critical', message: 'XID 48: double-bit ECC error' });
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
    h.local.emitHealth({
      gpuId: h.device(failed),
      source: 'xid',
      code: 79,
      severity: 'critical',
      message: 'XID 79: GPU has fallen off the bus',
    });
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
    h.local.emitHealth({ gpuId: h.device(first), source: 'xid', code: 63, severity: 'persistent', message: 'XID 63' });
    await h.clock.advanceBy(1);
    const second = gpuOf(h, handle.id);
    h.local.emitHealth({ gpuId: h.device(second), source: 'xid', code: 63, severity: 'persistent', message: 'XID 63' });
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
    h.local.emitHealth({ gpuId: 'sim-node-a-0', source: 'xid', code: 79, severity: 'critical', message: 'XID 79' });
    h.local.setSilent('sim-node-a-0', true);
    await h.clock.advanceBy(90_000);
    h.local.emitHealth({ gpuId: 'sim-node-a-0', source: 'xid', code: 13, severity: 'temporary', message: 'XID 13' });
    h.local.setSilent('sim-node-a-0', false);
    await h.clock.advanceBy(120_000);
    expect(h.scheduler.snapshot().gpus[0]?.health).toBe('error');
  });

  it('restoreGpu returns a GPU in error to service', async () => {
    const h = await use({ gpus: 1, offers: [] });
    h.local.emitHealth({ gpuId: 'sim-node-a-0', source: 'xid', code: 79, severity: 'critical', message: 'XID 79' });
    expect(h.scheduler.snapshot().gpus[0]?.health).toBe('error');
    expect(h.scheduler.restoreGpu(h.gpuIds[0] ?? '')).toBe(true);
    expect(h.scheduler.snapshot().gpus[0]?.health).toBe('healthy');
    expect(h.scheduler.restoreGpu('gpu_unknown')).toBe(false);
  });
});

describe('cloud failures', () => {
  it('an interrupted cloud instance: its job resumes from the checkpoint elsewhere, the instance is terminated, the offer blocked', async () => {
    const h = await use({ gpus: 0, offers: [offer('spot', 0.2), offer('other', 0.4)] });
    const handle = h.scheduler.submit(job());
    await h.clock.advanceBy(60_000 + 400_000);
    const placement = h.scheduler.get(handle.id)?.placement;
    if (placement?.kind !== 'cloud' || placement.instance === undefined) throw new Error('expected a cloud placement');
    expect(placement.offer.offerId).toBe('spot');
    h.cloud.interrupt(placement.instance.id, 'spot capacity reclaimed');
    await h.clock.advanceBy(30_000);
    expect(h.started).toMatchObject([
      {
        trigger: 'cloud-interruption',
        failureClass: 'persistent',
        from: { kind: 'cloud', offerId: 'spot' },
        message: expect.stringContaining('reclaimed'),
      },
    ]);
    await h.clock.advanceBy(600_000);
    expect(await handle.result).toMatchObject({ output: { resumedFrom: 0.5 } });
    expect(h.scheduler.get(handle.id)?.placement).toMatchObject({ kind: 'cloud', offer: { offerId: 'other' } });
    expect(h.cloud.liveInstances()).toEqual([]);
  });

  it('notices an interruption by polling when the provider does not push instance changes', async () => {
    const h = await use({ gpus: 0, offers: [offer('spot', 0.2), offer('other', 0.4)] });
    Reflect.deleteProperty(h.cloud, 'onInstanceChange');
    const handle = h.scheduler.submit(job());
    await h.clock.advanceBy(60_000 + 400_000);
    const placement = h.scheduler.get(handle.id)?.placement;
    if (placement?.kind !== 'cloud' || placement.instance === undefined) throw new Error('expected a cloud placement');
    h.cloud.interrupt(placement.instance.id, 'host lost');
    await h.clock.advanceBy(1_000);
    expect(h.started).toEqual([]);
    await h.clock.advanceBy(30_000);
    expect(h.started).toMatchObject([{ trigger: 'cloud-interruption', message: expect.stringContaining('host lost') }]);
    await h.clock.advanceBy(600_000);
    expect(await handle.result).toMatchObject({ output: { resumedFrom: 0.5 } });
    expect(h.cloud.liveInstances()).toEqual([]);
  });

  it('a failed launch blocks the offer and tries the next candidate', async () => {
    const h = await use({ gpus: 0, offers: [offer('broken', 0.1), offer('fine', 0.5)] });
    let launches = 0;
    const original = h.cloud.launch.bind(h.cloud);
    h.cloud.launch = async (request, signal) => {
      launches++;
      if (request.offerId === 'broken') throw new Error('no capacity');
      return original(request, signal);
    };
    const handle = h.scheduler.submit(job({ checkpointable: false }));
    await h.clock.advanceBy(2_000_000);
    await expect(handle.result).resolves.toBeDefined();
    expect(h.scheduler.get(handle.id)?.placement).toMatchObject({ offer: { offerId: 'fine' } });
    expect(launches).toBe(2);
  });
});

describe('job errors → seed 002 recovery, by class', () => {
  const failing = (message: string, failures: number) => {
    let seen = 0;
    return () => (seen++ < failures ? { failAt: { fraction: 0.1, message } } : {});
  };

  it('transient: retried with backoff 2, 4, 8 s, then as persistent (another resource), then failed', async () => {
    const h = await use({ gpus: 2, offers: [], behaviour: failing('connection reset by peer', 99) });
    const handle = h.scheduler.submit(job({ checkpointable: false }));
    await h.clock.advanceBy(3_600_000);
    await expect(handle.result).rejects.toThrow(/connection reset/);
    expect(h.started.map((event) => [event.errorClass, event.action, event.delaySeconds])).toEqual([
      ['transient', 'retry', 2],
      ['transient', 'retry', 4],
      ['transient', 'retry', 8],
      ['transient', 'alternative-resource', 0],
    ]);
    expect(h.scheduler.get(handle.id)?.attempt).toBe(5);
    expect(h.scheduler.errorStatistics()).toMatchObject([
      { key: ':connection reset by peer', occurrences: 5, errorClasses: { transient: 5 }, resolutions: { recovered: 0, failed: 1 } },
    ]);
  });

  it('transient: a job that recovers completes, and the statistics say so', async () => {
    const h = await use({ gpus: 1, offers: [], behaviour: failing('503 service unavailable', 1) });
    const handle = h.scheduler.submit(job({ checkpointable: false }));
    await h.clock.advanceBy(3_600_000);
    await expect(handle.result).resolves.toBeDefined();
    expect(h.scheduler.errorStatistics()[0]?.resolutions).toEqual({ recovered: 1, failed: 0 });
  });

  it('unknown: retried once, then treated as persistent', async () => {
    const h = await use({ gpus: 2, offers: [], behaviour: failing('decoder said no', 99) });
    const handle = h.scheduler.submit(job({ checkpointable: false }));
    await h.clock.advanceBy(3_600_000);
    await expect(handle.result).rejects.toThrow(/decoder said no/);
    expect(h.started.map((event) => [event.errorClass, event.action])).toEqual([
      ['unknown', 'retry'],
      ['unknown', 'alternative-resource'],
    ]);
  });

  it('persistent: another resource once, avoiding the GPU that failed; fails when there is none', async () => {
    const h = await use({ gpus: 1, offers: [], behaviour: failing('permission denied: /media/in.mp4', 99) });
    const handle = h.scheduler.submit(job({ checkpointable: false }));
    await h.clock.advanceBy(3_600_000);
    await expect(handle.result).rejects.toThrow(/permission denied/);
    expect(h.started.map((event) => event.action)).toEqual(['alternative-resource']);
    expect(h.scheduler.get(handle.id)?.attempt).toBe(2);
  });

  it('system: fails over to the cloud', async () => {
    const h = await use({ gpus: 1, offers: expensive, behaviour: failing('kernel panic on node-a', 1) });
    const handle = h.scheduler.submit(job({ checkpointable: false }));
    await h.clock.advanceBy(3_600_000);
    await expect(handle.result).resolves.toBeDefined();
    expect(h.started.map((event) => [event.errorClass, event.action])).toEqual([['system', 'cloud']]);
    expect(h.scheduler.get(handle.id)?.placement).toMatchObject({ kind: 'cloud' });
  });

  it('system, cloud-restricted (confidential): another local resource instead, never the cloud', async () => {
    const h = await use({ gpus: 2, offers: [offer('cheap', 0.01)], behaviour: failing('segmentation fault', 1) });
    const handle = h.scheduler.submit(job({ confidentiality: 'confidential', checkpointable: false }));
    await h.clock.advanceBy(3_600_000);
    await expect(handle.result).resolves.toBeDefined();
    expect(h.started.map((event) => event.action)).toEqual(['alternative-resource']);
    expect(h.scheduler.get(handle.id)?.placement).toMatchObject({ kind: 'local' });
    expect(h.cloud.liveInstances()).toEqual([]);
  });

  it('error patterns come from configuration', async () => {
    const h = await use({
      gpus: 1,
      offers: [],
      behaviour: failing('flaky frame', 1),
      config: { failover: { errorPatterns: { transient: ['flaky'], persistent: [], system: [] } } },
    });
    const handle = h.scheduler.submit(job({ checkpointable: false }));
    await h.clock.advanceBy(3_600_000);
    await expect(handle.result).resolves.toBeDefined();
    expect(h.started.map((event) => [event.errorClass, event.delaySeconds])).toEqual([['transient', 2]]);
  });
});
