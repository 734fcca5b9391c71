import { afterEach, describe, expect, it } from 'vitest';
import { defaultPodTimeline } from '../fake/fake-pods.js';
import { rejectionOf } from '../test-support/harness.js';
import { label, launchRequest, type ProviderHarness, startProviderHarness } from '../test-support/provider-harness.js';

let harness: ProviderHarness;
afterEach(async () => {
  await harness.close();
});

describe('RunPod provider: waiting until a pod is really reachable', () => {
  it('reports RUNNING-without-ports as provisioning, then running with the published endpoint', async () => {
    harness = await startProviderHarness({ podTimeline: { ...defaultPodTimeline, endpointDelayMs: 60_000 } });
    const launched = await harness.provider.launch(launchRequest('job-1#1'));
    await harness.clock.advanceBy(15_000);
    expect(harness.fake.pods.status(harness.fake.pods.pods.get(launched.id) ?? harness.fake.pods.create({} as never))).toBe('RUNNING');
    const early = await harness.provider.getInstance(launched.id);
    expect(early).toMatchObject({ status: 'provisioning', statusMessage: expect.stringContaining('not published') });
    expect(early?.endpoint).toBeUndefined();
    const ready = await harness.settle(harness.provider.waitUntilReachable(launched.id));
    expect(ready.status).toBe('running');
    expect(ready.endpoint?.host).toMatch(/^203\.0\.113\.\d+$/);
    expect(Object.keys(ready.endpoint?.ports ?? {}).sort()).toEqual(['22', '8000']);
  });

  it('terminates a pod stuck before its endpoint exists and fails clearly at the deadline', async () => {
    harness = await startProviderHarness({ podTimeline: { ...defaultPodTimeline, endpointDelayMs: Number.POSITIVE_INFINITY } });
    const launched = await harness.provider.launch(launchRequest('job-2#1'));
    const error = await rejectionOf(
      harness.settle(harness.provider.waitUntilReachable(launched.id, { timeoutMs: 120_000, pollIntervalMs: 10_000 })),
    );
    expect(error).toMatchObject({ kind: 'capacity', reason: 'not-reachable' });
    expect(String(error)).toMatch(/not reachable within 120 s \(RUNNING, but its ports were never published\); it was terminated/);
    expect(harness.fake.pods.terminatedIds).toEqual([launched.id]);
    expect(await harness.provider.listInstances(label)).toEqual([]);
  });

  it('terminates a pod that fails while starting', async () => {
    harness = await startProviderHarness({ podTimeline: { ...defaultPodTimeline, errorAtMs: 8_000 } });
    const launched = await harness.provider.launch(launchRequest('job-3#1'));
    const error = await rejectionOf(harness.settle(harness.provider.waitUntilReachable(launched.id)));
    expect(String(error)).toContain('stopped with status ERROR before it became reachable');
    expect(harness.fake.pods.pods.size).toBe(0);
  });

  it('stops waiting with the abort reason and leaves the pod to the caller', async () => {
    harness = await startProviderHarness();
    const launched = await harness.provider.launch(launchRequest('job-4#1'));
    const controller = new AbortController();
    const waiting = harness.provider.waitUntilReachable(launched.id, { signal: controller.signal });
    const reason = new Error('job cancelled');
    controller.abort(reason);
    await expect(waiting).rejects.toBe(reason);
    expect(harness.fake.pods.pods.size).toBe(1);
  });
});
