import { describe, expect, it } from 'vitest';
import { offer } from '../scheduler-test-fixtures.js';
import { expensiveOffers, failoverJob as job, useFailoverHarnesses } from './failover-test-fixtures.js';

const use = useFailoverHarnesses();
const expensive = expensiveOffers;

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
