import { afterEach, describe, expect, it } from 'vitest';
import { startVast, type VastTestbed } from '../test-support/vast-test-setup.js';
import { createVastProvider } from './vast-provider.js';

const image = 'ghcr.io/aima/worker:1';

describe('reconcile (C4: no orphans)', () => {
  let bed: VastTestbed;
  afterEach(() => bed.close());

  async function launchFleet() {
    const launch = (key: string, offerId: string, label = 'aima-prod') => bed.provider.launch({ key, offerId, image, label });
    const live = await launch('job-1#1', '11684738');
    const orphanA = await launch('job-2#1', '20000001');
    const orphanB = await launch('job-3#2', '20000002');
    const otherLabel = await launch('job-2#1', '20000003', 'aima-staging');
    return { live, orphanA, orphanB, otherLabel };
  }

  it('destroys ours without a live job and leaves live jobs, other labels and foreign instances alone', async () => {
    bed = await startVast();
    const fleet = await launchFleet();
    await fetch(`${bed.fake.baseUrl}/asks/20000004/`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${bed.fake.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: 'me', image: 'pytorch/pytorch', label: 'my-notebook' }),
    });
    const result = await bed.provider.reconcile(new Set(['job-1#1']), 'aima-prod');
    expect(result).toEqual({ destroyed: [fleet.orphanA.id, fleet.orphanB.id], kept: [fleet.live.id], failed: [] });
    const left = bed.fake.liveInstances().map((instance) => instance.label);
    expect(left).toEqual(['aima-prod:job-1%231:11684738', 'aima-staging:job-2%231:20000003', 'my-notebook']);
    expect(bed.logger.entries.filter((entry) => entry.message === 'vast: destroyed an orphaned instance')).toHaveLength(2);
  });

  it('reports what it could not destroy, and a second run finishes the job', async () => {
    bed = await startVast({ retries: 0 });
    const fleet = await launchFleet();
    bed.fake.failNext(1, 500, { method: 'DELETE' });
    const first = await bed.provider.reconcile(new Set(), 'aima-prod');
    expect(first.failed.map((failure) => failure.id)).toEqual([fleet.live.id]);
    expect(first.destroyed).toEqual([fleet.orphanA.id, fleet.orphanB.id]);
    const second = await bed.provider.reconcile(new Set(), 'aima-prod');
    expect(second).toEqual({ destroyed: [fleet.live.id], kept: [], failed: [] });
    expect(await bed.provider.listInstances('aima-prod')).toEqual([]);
  });

  it('after a restart, a new provider finds the instances by label alone and reports their cost so far', async () => {
    bed = await startVast();
    await launchFleet();
    await bed.clock.virtual.advanceBy(3_600_000);
    const restarted = createVastProvider({ apiKey: bed.fake.apiKey, baseUrl: bed.fake.baseUrl, clock: bed.clock, rateLimits: false });
    const found = await restarted.listInstances('aima-prod');
    await restarted.close();
    expect(found.map((instance) => [instance.key, instance.offerId])).toEqual([
      ['job-1#1', '11684738'],
      ['job-2#1', '20000001'],
      ['job-3#2', '20000002'],
    ]);
    expect(found.map((instance) => Math.round(instance.costSoFarUsd * 1000) / 1000)).toEqual([0.247, 0.4, 0.78]);
  });
});
