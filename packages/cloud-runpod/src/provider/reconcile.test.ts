import { afterEach, describe, expect, it } from 'vitest';
import { runpodFaults } from '../fake/fake-faults.js';
import { label, launchRequest, type ProviderHarness, startProviderHarness } from '../test-support/provider-harness.js';

let harness: ProviderHarness;
afterEach(async () => {
  await harness.close();
});

function foreignPod(name: string, env: Record<string, string>) {
  return harness.fake.pods.create({
    name,
    image: 'someone/else',
    env,
    ports: [],
    gpuTypeId: 'NVIDIA GeForce RTX 4090',
    gpuCount: 1,
    cloud: 'SECURE',
    interruptible: false,
    pricePerGpu: 0.74,
    diskGb: 20,
  });
}

describe('RunPod provider: reconcile (C4) and spend', () => {
  it('destroys our pods without a live job, stopped ones too, and keeps the rest', async () => {
    harness = await startProviderHarness();
    const [finished, live, crashed] = await Promise.all(
      ['job-1#1', 'job-2#1', 'job-3#1'].map((key) => harness.provider.launch(launchRequest(key))),
    );
    const stopped = harness.fake.pods.pods.get(crashed?.id ?? '');
    if (stopped) harness.fake.pods.stop(stopped);
    const otherLabel = foreignPod('other:job-1#1', { AIMA_LABEL: 'other', AIMA_KEY: 'job-1#1' });
    const notOurs = foreignPod('my notebook', {});
    const keyless = foreignPod(`${label}:?`, { AIMA_LABEL: label });
    const result = await harness.provider.reconcile(new Set(['job-2#1']), label);
    expect(result.kept.map((instance) => instance.id)).toEqual([live?.id]);
    expect(result.destroyed.map((instance) => instance.id).sort()).toEqual([finished?.id, crashed?.id, keyless.id].sort());
    expect(result.failed).toEqual([]);
    expect([...harness.fake.pods.pods.keys()].sort()).toEqual([live?.id, otherLabel.id, notOurs.id].sort());
  });

  it('reports a pod it could not terminate and carries on', async () => {
    harness = await startProviderHarness();
    const [first, second] = await Promise.all(['job-1#1', 'job-2#1'].map((key) => harness.provider.launch(launchRequest(key))));
    harness.fake.faults.add({
      match: { method: 'DELETE', path: `/v2/pods/${first?.id}` },
      times: 10,
      respond: { status: 403, body: { detail: 'pool not accessible' } },
    });
    const result = await harness.settle(harness.provider.reconcile(new Set(), label));
    expect(result.failed.map((failure) => failure.instance.id)).toEqual([first?.id]);
    expect(result.destroyed.map((instance) => instance.id)).toEqual([second?.id]);
  });

  it('estimates spend per pod from price × running time and keeps it after termination', async () => {
    harness = await startProviderHarness();
    const launched = await harness.provider.launch(launchRequest('job-1#1'));
    await harness.clock.advanceBy(3_600_000);
    const running = await harness.provider.getInstance(launched.id);
    expect(running?.costSoFarUsd).toBeCloseTo(0.74, 6);
    await harness.clock.advanceBy(1_800_000);
    await harness.provider.terminate(launched.id);
    expect(harness.provider.spend()).toEqual([
      { podId: launched.id, label, key: 'job-1#1', pricePerHourUsd: 0.74, costSoFarUsd: expect.closeTo(1.11, 6) },
    ]);
    expect(harness.provider.totalSpendUsd()).toBeCloseTo(1.11, 6);
    harness.fake.faults.add(runpodFaults.serverError({ method: 'GET' }, 500, 1));
    await harness.settle(harness.provider.terminate(launched.id));
  });
});
