import { ProviderError } from '@aima/core';
import { afterEach, describe, expect, it } from 'vitest';
import { VastApiError } from '../client/vast-api-error.js';
import { rejectionOf, startVast, type VastTestbed } from '../test-support/vast-test-setup.js';

const label = 'aima-failures';
const image = 'ghcr.io/aima/worker:1';
const launchOf = (key: string, offerId: string, extra: Record<string, unknown> = {}) => ({ key, offerId, image, label, ...extra });

async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 5) {
    if (waited > 5_000) throw new Error('condition not met in 5 s');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('Vast failure handling (reference A6, A7, C)', () => {
  let bed: VastTestbed;
  afterEach(() => bed.close());

  it('no offers: an empty list, and the caller picks another provider', async () => {
    bed = await startVast();
    expect(await bed.provider.listOffers({ gpuModels: ['H100'], maxPricePerHourUsd: 0.5 })).toEqual([]);
  });

  it('offer already taken: a capacity error, nothing rented, and the next offer works', async () => {
    bed = await startVast();
    const [first, second] = await bed.provider.listOffers({ gpuModels: ['RTX 4090'], interruptible: false });
    bed.fake.vanishOffer(first?.offerId ?? '', { status: 410 });
    const error = await rejectionOf(bed.provider.launch(launchOf('job-1#1', first?.offerId ?? '')));
    expect(ProviderError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ kind: 'capacity', status: 410, vastError: 'no_such_ask' });
    expect((error as Error).message).toMatch(/no longer available.*pick another offer/);
    expect(bed.fake.liveInstances()).toEqual([]);
    const next = await bed.provider.launch(launchOf('job-1#1', second?.offerId ?? ''));
    expect(next.offerId).toBe(second?.offerId);
  });

  it('offer rented by another launch in the meantime: capacity', async () => {
    bed = await startVast();
    await bed.provider.launch(launchOf('job-2#1', '20000001'));
    expect(await rejectionOf(bed.provider.launch(launchOf('job-3#1', '20000001')))).toMatchObject({ kind: 'capacity', status: 410 });
    expect(bed.fake.liveInstances()).toHaveLength(1);
  });

  it('stuck in loading past the deadline: destroyed, and a capacity error that says so', async () => {
    bed = await startVast();
    bed.fake.stickInLoading('all');
    const instance = await bed.provider.launch(launchOf('job-4#1', '20000001'));
    const error = await rejectionOf(bed.provider.waitUntilRunning(instance.id, { timeoutMs: 120_000 }));
    expect(error).toMatchObject({ kind: 'capacity' });
    expect((error as Error).message).toMatch(
      /not running after 120000 ms \(still loading: Pulling ghcr.io\/aima\/worker:1\); destroyed it/,
    );
    expect(bed.fake.liveInstances()).toEqual([]);
    expect(bed.clock.sleeps.reduce((sum, ms) => sum + ms, 0)).toBe(120_000);
  });

  it('container cannot be created (created + OCI runtime error): failed at once and destroyed', async () => {
    bed = await startVast();
    const instance = await bed.provider.launch(launchOf('job-5#1', '20000001'));
    bed.fake.failContainerStart(instance.id);
    await bed.clock.virtual.advanceBy(5_000);
    const current = await bed.provider.getInstance(instance.id);
    expect(current).toMatchObject({ status: 'failed', statusMessage: expect.stringMatching(/OCI runtime create failed/) });
    expect(await rejectionOf(bed.provider.waitUntilRunning(instance.id))).toMatchObject({ kind: 'capacity' });
    expect(bed.fake.liveInstances()).toEqual([]);
  });

  it('outbid interruptible instance: reported stopped with the reason; waiting for it destroys it', async () => {
    bed = await startVast();
    const instance = await bed.provider.launch(launchOf('job-6#1', '20000001-bid', { bidPricePerHourUsd: 0.3 }));
    await bed.provider.waitUntilRunning(instance.id);
    bed.fake.outbid(instance.id);
    const outbid = await bed.provider.getInstance(instance.id);
    expect(outbid).toMatchObject({
      status: 'stopped',
      statusMessage: expect.stringMatching(/^outbid: a higher bid took the GPU/),
      vast: { outbid: true },
    });
    expect((await bed.provider.listInstances(label)).map((listed) => listed.status)).toEqual(['stopped']);
    const error = await rejectionOf(bed.provider.waitUntilRunning(instance.id));
    expect(error).toMatchObject({ kind: 'capacity' });
    expect((error as Error).message).toMatch(/outbid/);
    expect(bed.fake.liveInstances()).toEqual([]);
  });

  it('bid below the minimum: Vast creates a stopped instance anyway; the launch destroys it', async () => {
    bed = await startVast();
    const error = await rejectionOf(bed.provider.launch(launchOf('job-7#1', '20000001-bid', { bidPricePerHourUsd: 0.01 })));
    expect(error).toMatchObject({ kind: 'capacity', createdInstanceId: expect.any(Number) });
    expect(bed.fake.liveInstances()).toEqual([]);
    expect(bed.fake.requests.filter((request) => request.method === 'DELETE')).toHaveLength(1);
  });

  it('destroyed outside AIMA: getInstance is undefined, the list drops it, terminate and wait say so', async () => {
    bed = await startVast();
    const instance = await bed.provider.launch(launchOf('job-8#1', '20000001'));
    bed.fake.destroyExternally(instance.id);
    expect(await bed.provider.getInstance(instance.id)).toBeUndefined();
    expect(await bed.provider.listInstances(label)).toEqual([]);
    await bed.provider.terminate(instance.id);
    expect(await rejectionOf(bed.provider.waitUntilRunning(instance.id))).toMatchObject({ kind: 'not-found' });
  });

  it('half-failed launch (the read after renting fails): what was rented is destroyed', async () => {
    bed = await startVast({ retries: 1 });
    bed.fake.failNext(2, 500, { method: 'GET', path: /^\/api\/v0\/instances\/\d+\/$/ });
    const error = await rejectionOf(bed.provider.launch(launchOf('job-9#1', '20000001')));
    expect(error).toMatchObject({ kind: 'transient', status: 500 });
    expect(bed.fake.liveInstances()).toEqual([]);
    expect(bed.logger.entries.some((entry) => entry.message.includes('destroyed an instance'))).toBe(true);
  });

  it('rent answer lost (timeout): the instance is found by its key and returned, not rented twice', async () => {
    bed = await startVast({ requestTimeoutMs: 10_000 });
    bed.fake.slowResponses(30_000, 1, { method: 'PUT' });
    const pending = bed.provider.launch(launchOf('job-10#1', '20000001'));
    await until(() => bed.fake.requests.some((request) => request.method === 'PUT'));
    await bed.clock.virtual.advanceBy(10_000);
    const instance = await pending;
    expect(instance).toMatchObject({ key: 'job-10#1', offerId: '20000001' });
    expect(bed.fake.liveInstances()).toHaveLength(1);
  });

  it('launch aborted while renting: rejects with the reason, and the instance is destroyed behind it', async () => {
    bed = await startVast();
    bed.fake.slowResponses(30_000, 1, { method: 'PUT' });
    const controller = new AbortController();
    const reason = new Error('job cancelled');
    const pending = rejectionOf(bed.provider.launch(launchOf('job-11#1', '20000001'), controller.signal));
    await until(() => bed.fake.requests.some((request) => request.method === 'PUT'));
    controller.abort(reason);
    expect(await pending).toBe(reason);
    await bed.provider.close();
    expect(bed.fake.liveInstances()).toEqual([]);
  });

  it('a 429 while polling skips that poll instead of failing the wait', async () => {
    bed = await startVast({ retries: 0 });
    const instance = await bed.provider.launch(launchOf('job-12#1', '20000001'));
    bed.fake.rateLimitBurst(2);
    const running = await bed.provider.waitUntilRunning(instance.id);
    expect(running.status).toBe('running');
  });

  it('an unknown offer id fails as not-found before any request', async () => {
    bed = await startVast();
    const error = await rejectionOf(bed.provider.launch(launchOf('job-13#1', 'runpod-offer-1')));
    expect(VastApiError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ kind: 'not-found' });
    expect(bed.fake.requests).toHaveLength(0);
  });
});
