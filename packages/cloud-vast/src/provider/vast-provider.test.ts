import { offerMatchesQuery } from '@aima/core';
import { afterEach, describe, expect, it } from 'vitest';
import { startVast, type VastTestbed } from '../test-support/vast-test-setup.js';

const label = 'aima-test';
const image = 'ghcr.io/aima/worker:1';

describe('createVastProvider: offers', () => {
  let bed: VastTestbed;
  afterEach(() => bed.close());

  it('maps Vast offers, leaves out unverified, unreliable and port-less hosts, cheapest first', async () => {
    bed = await startVast();
    const offers = await bed.provider.listOffers({ interruptible: false });
    expect(offers.map((offer) => offer.offerId)).toEqual(['11684738', '20000001', '20000007', '20000002', '20000003', '20000004']);
    expect(offers[1]).toMatchObject({
      gpuModel: 'RTX 4090 24GB',
      region: 'us-tx',
      tags: ['datacenter'],
      verified: true,
      computeCapability: '8.9',
    });
    expect(offers.find((offer) => offer.offerId === '20000007')?.gpuModel).toBe('RTX 6000 Ada 48GB');
  });

  it('narrows on the server with operator filters and checks every offer against the query', async () => {
    bed = await startVast();
    const query = { gpuModels: ['RTX 4090'], regions: ['eu', 'us'], maxPricePerHourUsd: 0.8, minUploadMbps: 100, interruptible: false };
    const offers = await bed.provider.listOffers(query);
    expect(offers.map((offer) => [offer.offerId, offer.region])).toEqual([
      ['20000001', 'us-tx'],
      ['20000002', 'eu-de'],
    ]);
    for (const offer of offers) expect(offerMatchesQuery(offer, query)).toBe(true);
    expect(bed.fake.requests[0]?.body).toMatchObject({
      gpu_name: { in: ['RTX 4090'] },
      geolocation: { in: expect.arrayContaining(['DE', 'FR', 'US']) },
      dph_total: { lte: 0.8 },
      inet_up: { gte: 100 },
      verified: { eq: true },
      rentable: { eq: true },
      rented: { eq: false },
      reliability2: { gte: 0.9 },
      direct_port_count: { gte: 1 },
      type: 'on-demand',
      order: [['dph_total', 'asc']],
    });
  });

  it('offers both variants by default: on demand at dph_total and interruptible at min_bid, ids apart', async () => {
    bed = await startVast();
    const offers = await bed.provider.listOffers({ gpuModels: ['H100'] });
    expect(offers.map((offer) => [offer.offerId, offer.pricePerHourUsd, offer.interruptible])).toEqual([
      ['20000004-bid', 1.4, true],
      ['20000004', 2.2, false],
    ]);
    const bids = await bed.provider.listOffers({ gpuModels: ['H100'], interruptible: true });
    expect(bids.map((offer) => offer.offerId)).toEqual(['20000004-bid']);
    expect(bed.fake.requests[1]?.body).toMatchObject({ type: 'bid', order: [['min_bid', 'asc']] });
  });

  it('finds models by their words: A100 80GB, RTX 6000 Ada, 4090 with two GPUs', async () => {
    bed = await startVast();
    expect((await bed.provider.listOffers({ gpuModels: ['A100 80GB'], interruptible: false })).map((offer) => offer.gpuModel)).toEqual([
      'A100 SXM4 80GB',
    ]);
    expect((await bed.provider.listOffers({ gpuModels: ['RTX 6000 Ada'], interruptible: false })).map((offer) => offer.offerId)).toEqual([
      '20000007',
    ]);
    expect(
      (await bed.provider.listOffers({ gpuModels: ['4090'], gpuCount: 2, interruptible: false })).map((offer) => offer.offerId),
    ).toEqual(['20000002']);
  });

  it('applies the provider floors: datacenter only, a higher reliability, unverified allowed', async () => {
    bed = await startVast({ datacenterOnly: true, minReliability: 0.99 });
    expect((await bed.provider.listOffers({ interruptible: false })).map((offer) => offer.offerId)).toEqual([
      '20000001',
      '20000002',
      '20000003',
      '20000004',
    ]);
    await bed.close();
    bed = await startVast({ verifiedOnly: false, minReliability: 0 });
    expect((await bed.provider.listOffers({ gpuModels: ['RTX 3090'], interruptible: false })).map((offer) => offer.offerId)).toEqual([
      '20000005',
    ]);
  });

  it("narrows every search by the default query, the caller's fields winning", async () => {
    bed = await startVast({ defaultQuery: { minVramGb: 48, interruptible: false } });
    expect((await bed.provider.listOffers({})).map((offer) => offer.offerId)).toEqual(['20000007', '20000003', '20000004']);
    expect((await bed.provider.listOffers({ minVramGb: 70 })).map((offer) => offer.offerId)).toEqual(['20000003', '20000004']);
  });

  it('answers an empty list, not an error, when no offer fits', async () => {
    bed = await startVast();
    expect(await bed.provider.listOffers({ gpuModels: ['H200'] })).toEqual([]);
    expect(await bed.provider.listOffers({ minVramGb: 200 })).toEqual([]);
    expect(await bed.provider.listOffers({ regions: ['af'] })).toEqual([]);
  });
});

describe('createVastProvider: launch, wait, terminate', () => {
  let bed: VastTestbed;
  afterEach(() => bed.close());

  it('launches from an image with env, ports, disk and our label, then runs with an endpoint', async () => {
    bed = await startVast();
    const instance = await bed.provider.launch({
      key: 'job-7#1',
      offerId: '20000001',
      image,
      env: { MODEL: 'whisper' },
      ports: [8000],
      diskGb: 40,
      label,
    });
    expect(instance).toMatchObject({
      providerId: 'vast',
      offerId: '20000001',
      key: 'job-7#1',
      label,
      status: 'provisioning',
      pricePerHourUsd: 0.4,
    });
    expect(bed.fake.requests.at(-2)?.body).toMatchObject({
      image,
      disk: 40,
      label: 'aima-test:job-7%231:20000001',
      env: { MODEL: 'whisper', '-p 8000:8000': '1' },
      runtype: 'args',
      cancel_unavail: true,
    });
    const running = await bed.provider.waitUntilRunning(instance.id, { pollIntervalMs: 5_000 });
    expect(running.status).toBe('running');
    expect(running.endpoint).toEqual({ host: '203.0.113.1', ports: { '8000': expect.any(Number) } });
    await bed.clock.virtual.advanceBy(3_600_000);
    const later = await bed.provider.getInstance(instance.id);
    expect(later?.costSoFarUsd).toBeCloseTo((0.4 * (3_600_000 + 30_000)) / 3_600_000, 3);
    await bed.provider.terminate(instance.id);
    expect(await bed.provider.getInstance(instance.id)).toBeUndefined();
    expect(bed.fake.liveInstances()).toEqual([]);
  });

  it('gives SSH access through Vast when the runtype is ssh', async () => {
    bed = await startVast({ runtype: 'ssh' });
    const instance = await bed.provider.launch({ key: 'job-8#1', offerId: '20000001', image, label });
    const running = await bed.provider.waitUntilRunning(instance.id);
    expect(running.ssh).toEqual({ host: '203.0.113.1', port: expect.any(Number) });
    expect(running.endpoint?.ports['22']).toBe(running.ssh?.port);
  });

  it('rents once per key, also when launches of one key race', async () => {
    bed = await startVast();
    const [first, second] = await Promise.all([
      bed.provider.launch({ key: 'job-9#1', offerId: '20000001', image, label }),
      bed.provider.launch({ key: 'job-9#1', offerId: '20000001', image, label }),
    ]);
    const third = await bed.provider.launch({ key: 'job-9#1', offerId: '20000002', image, label });
    expect(new Set([first.id, second.id, third.id]).size).toBe(1);
    expect(bed.fake.requests.filter((request) => request.method === 'PUT')).toHaveLength(1);
  });

  it('bids the minimum bid it saw for an interruptible offer, or looks it up', async () => {
    bed = await startVast();
    await bed.provider.listOffers({ gpuModels: ['RTX 4090'], interruptible: true });
    const seen = await bed.provider.launch({ key: 'job-10#1', offerId: '20000001-bid', image, label });
    expect(seen).toMatchObject({ pricePerHourUsd: 0.25, vast: { interruptible: true } });
    const looked = await bed.provider.launch({ key: 'job-11#1', offerId: '20000003-bid', image, label });
    expect(looked.pricePerHourUsd).toBe(0.7);
    const chosen = await bed.provider.launch({ key: 'job-12#1', offerId: '20000004', image, label, bidPricePerHourUsd: 1.5 });
    expect(chosen).toMatchObject({ pricePerHourUsd: 1.5, vast: { interruptible: true } });
  });

  it('lists our instances for a label only, and reports what Vast billed', async () => {
    bed = await startVast();
    const start = bed.clock.now();
    const ours = await bed.provider.launch({ key: 'job-13#1', offerId: '20000001', image, label });
    await bed.provider.launch({ key: 'job-14#1', offerId: '20000002', image, label: 'someone-else' });
    expect((await bed.provider.listInstances(label)).map((instance) => instance.id)).toEqual([ours.id]);
    await bed.clock.virtual.advanceBy(7_200_000);
    const spend = await bed.provider.accountSpend({ fromMs: start, toMs: bed.clock.now() });
    expect(spend.byInstanceId[ours.id]).toBe(0.8);
    expect(spend.totalUsd).toBeCloseTo(0.8 + 1.56, 6);
  });

  it('rejects every call once closed', async () => {
    bed = await startVast();
    await bed.provider.close();
    await expect(bed.provider.listOffers({})).rejects.toMatchObject({ kind: 'unavailable' });
  });
});
