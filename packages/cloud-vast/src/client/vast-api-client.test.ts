import { createSeededRandom, ProviderError } from '@aima/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memoryLogger, rejectionOf } from '../test-support/vast-test-setup.js';
import { type AutoAdvancingClock, createAutoAdvancingClock } from '../testing/auto-advancing-clock.js';
import { createFakeVastServer, type FakeVastServer } from '../testing/fake-vast-server.js';
import { createHttpTransport, type HttpTransportConfig } from './http-transport.js';
import { createVastApiClient, type VastApiClient, type VastOfferSearch } from './vast-api-client.js';
import { VastApiError } from './vast-api-error.js';

const rtx4090: VastOfferSearch = {
  filters: { gpu_name: { in: ['RTX 4090'] }, rentable: { eq: true }, rented: { eq: false } },
  type: 'on-demand',
  order: [['dph_total', 'asc']],
  limit: 10,
};
const createRequest = {
  image: 'ghcr.io/aima/worker:1',
  label: 'aima:job-1%231:11684738',
  diskGb: 20,
  env: { '-p 8000:8000': '1' },
  runtype: 'args',
};

describe('VastApiClient against the fake Vast API', () => {
  let fake: FakeVastServer;
  let clock: AutoAdvancingClock;
  let logger: ReturnType<typeof memoryLogger>;
  let client: VastApiClient;

  function clientWith(overrides: Partial<HttpTransportConfig> = {}): VastApiClient {
    return createVastApiClient(
      createHttpTransport({
        baseUrl: fake.baseUrl,
        apiKey: fake.apiKey,
        requestTimeoutMs: 5_000,
        retries: 3,
        backoff: { baseDelayMs: 100, maxDelayMs: 2_000, random: { next: () => 0.5 } },
        rateLimits: false,
        clock,
        logger,
        ...overrides,
      }),
    );
  }

  beforeEach(async () => {
    clock = createAutoAdvancingClock(Date.UTC(2026, 10, 22));
    logger = memoryLogger();
    fake = await createFakeVastServer({ clock, pageSize: 2 });
    client = clientWith();
  });
  afterEach(async () => {
    await client.close();
    await fake.close();
  });

  it('searches offers with operator filters and reads them', async () => {
    const { offers, skipped } = await client.searchOffers(rtx4090);
    expect(skipped).toEqual([]);
    expect(offers.map((offer) => offer.gpu_name)).toEqual(['RTX 4090', 'RTX 4090', 'RTX 4090', 'RTX 4090']);
    expect(offers.map((offer) => offer.dph_total)).toEqual([...offers.map((offer) => offer.dph_total)].sort((a, b) => a - b));
    expect(fake.requests[0]?.body).toMatchObject({ gpu_name: { in: ['RTX 4090'] }, type: 'on-demand', limit: 10 });
  });

  it('skips an offer that lacks a required field and says why', async () => {
    fake.addOffer({ id: 99, gpu_name: 'RTX 4090', num_gpus: 1, rentable: true, rented: false });
    const { offers, skipped } = await client.searchOffers(rtx4090);
    expect(offers.map((offer) => offer.id)).not.toContain(99);
    expect(skipped).toHaveLength(1);
    expect(skipped[0]?.problem).toMatch(/gpu_ram/);
  });

  it('rents an offer, reads the instance and destroys it; a second destroy is already-gone', async () => {
    const id = await client.createInstance(11_684_738, createRequest);
    expect(fake.requests.at(-1)?.body).toMatchObject({
      client_id: 'me',
      image: createRequest.image,
      cancel_unavail: true,
      target_state: 'running',
    });
    await clock.virtual.advanceBy(60_000);
    const instance = await client.getInstance(id);
    expect(instance).toMatchObject({ id, actual_status: 'running', label: createRequest.label });
    expect(instance?.ports?.['8000/tcp']?.[0]?.HostPort).toEqual(expect.any(Number));
    expect(await client.destroyInstance(id)).toBe('destroyed');
    expect(await client.getInstance(id)).toBeUndefined();
    expect(await client.destroyInstance(id)).toBe('already-gone');
  });

  it('treats not_found on destroy as already gone too', async () => {
    const other = await createFakeVastServer({ clock, destroyNotFoundError: 'not_found' });
    const otherClient = createVastApiClient(
      createHttpTransport({
        baseUrl: other.baseUrl,
        apiKey: other.apiKey,
        requestTimeoutMs: 5_000,
        retries: 0,
        backoff: { baseDelayMs: 1, maxDelayMs: 1, random: { next: () => 0 } },
        rateLimits: false,
        clock,
        logger,
      }),
    );
    expect(await otherClient.destroyInstance(123)).toBe('already-gone');
    await otherClient.close();
    await other.close();
  });

  it('sends a bid for an interruptible rental', async () => {
    const id = await client.createInstance(20_000_001, { ...createRequest, bidPricePerHourUsd: 0.3 });
    expect(fake.requests.at(-1)?.body).toMatchObject({ price: 0.3, cancel_unavail: false });
    expect(await client.getInstance(id)).toMatchObject({ is_bid: true, dph_total: 0.3 });
  });

  it('reports the instance Vast created although a bid was too low', async () => {
    const error = await rejectionOf(client.createInstance(20_000_001, { ...createRequest, bidPricePerHourUsd: 0.01 }));
    expect(VastApiError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ kind: 'capacity', vastError: 'insufficient_bid', createdInstanceId: expect.any(Number) });
  });

  it('classifies an offer that is gone as capacity (404, 410 and the observed 400)', async () => {
    for (const [offerId, status] of [
      [20_000_002, 404],
      [20_000_003, 410],
      [20_000_004, 400],
    ] as const) {
      fake.vanishOffer(offerId, { status });
      const error = await rejectionOf(client.createInstance(offerId, createRequest));
      expect(error).toMatchObject({ kind: 'capacity', status });
      expect((error as Error).message).toMatch(/no_such_ask/);
    }
  });

  it('lists every page of instances', async () => {
    const ids = [];
    for (const offerId of [11_684_738, 20_000_001, 20_000_002, 20_000_003, 20_000_004])
      ids.push(await client.createInstance(offerId, createRequest));
    const listed = await client.listInstances();
    expect(listed.map((instance) => instance.id)).toEqual(ids);
    expect(fake.requests.filter((request) => request.path === '/api/v1/instances/')).toHaveLength(3);
  });

  it('stops and starts an instance', async () => {
    const id = await client.createInstance(11_684_738, createRequest);
    await client.stopInstance(id);
    expect(await client.getInstance(id)).toMatchObject({ actual_status: 'stopped', intended_status: 'stopped' });
    await client.startInstance(id);
    await clock.virtual.advanceBy(60_000);
    expect(await client.getInstance(id)).toMatchObject({ actual_status: 'running' });
    expect(await rejectionOf(client.stopInstance(1))).toMatchObject({ kind: 'not-found', vastError: 'no_such_instance' });
  });

  it('reads the charges of a period', async () => {
    const start = clock.now();
    const id = await client.createInstance(20_000_001, createRequest);
    await clock.virtual.advanceBy(3_600_000);
    const charges = await client.listCharges({ fromSeconds: start / 1000, toSeconds: clock.now() / 1000 });
    expect(charges).toEqual([expect.objectContaining({ source: `instance-${id}`, amount: 0.4 })]);
  });

  it('retries a burst of plain-text 429s, then succeeds', async () => {
    fake.rateLimitBurst(2);
    const { offers } = await client.searchOffers(rtx4090);
    expect(offers.length).toBeGreaterThan(0);
    expect(fake.requests).toHaveLength(3);
    expect(clock.sleeps).toEqual([75, 150]);
    expect(logger.entries.filter((entry) => entry.level === 'warn')).toHaveLength(2);
  });

  it('waits at least as long as a Retry-After asks, and gives up when it asks for more than the longest backoff', async () => {
    fake.rateLimitBurst(1, { retryAfterSeconds: 1 });
    await client.searchOffers(rtx4090);
    expect(clock.sleeps).toEqual([1_000]);
    fake.rateLimitBurst(1, { retryAfterSeconds: 60, json: true });
    const error = await rejectionOf(client.searchOffers(rtx4090));
    expect(error).toMatchObject({ kind: 'rate-limit', status: 429, retryAfterMs: 60_000, retryable: true });
  });

  it('retries 5xx with exponential backoff and jitter on the injected clock', async () => {
    client = clientWith({ backoff: { baseDelayMs: 100, maxDelayMs: 250, random: createSeededRandom(7) } });
    fake.failNext(3, 503);
    await client.searchOffers(rtx4090);
    expect(clock.sleeps).toHaveLength(3);
    const [first = 0, second = 0, third = 0] = clock.sleeps;
    expect(first).toBeGreaterThanOrEqual(50);
    expect(first).toBeLessThanOrEqual(100);
    expect(second).toBeGreaterThanOrEqual(100);
    expect(second).toBeLessThanOrEqual(200);
    expect(third).toBeGreaterThanOrEqual(125);
    expect(third).toBeLessThanOrEqual(250);
  });

  it('gives up after the configured retries with a transient error that names the call', async () => {
    fake.failNext(10, 500);
    const error = await rejectionOf(client.getInstance(1));
    expect(error).toMatchObject({ kind: 'transient', status: 500, retryable: true });
    expect((error as Error).message).toMatch(/GET \/instances\/\{id\}\/ failed with HTTP 500/);
    expect(fake.requests).toHaveLength(4);
  });

  it('never retries a rent after a 5xx (it may have happened), only after a 429', async () => {
    fake.failNext(1, 502);
    expect(await rejectionOf(client.createInstance(11_684_738, createRequest))).toMatchObject({ kind: 'transient', status: 502 });
    expect(fake.requests).toHaveLength(1);
    fake.rateLimitBurst(1);
    expect(await client.createInstance(11_684_738, createRequest)).toEqual(expect.any(Number));
  });

  it('times out a slow answer on the injected clock and retries', async () => {
    client = clientWith({ retries: 1 });
    fake.slowResponses(10_000, 1);
    const pending = client.searchOffers(rtx4090);
    await until(() => fake.requests.length === 1);
    await clock.virtual.advanceBy(5_000);
    expect((await pending).offers.length).toBeGreaterThan(0);
    expect(fake.requests).toHaveLength(2);
    expect(logger.entries[0]?.fields?.failure).toMatch(/timed out after 5000 ms/);
  });

  it('fails with a transient timeout error once retries are spent', async () => {
    client = clientWith({ retries: 0 });
    fake.slowResponses(10_000, 1);
    const pending = rejectionOf(client.getInstance(1));
    await until(() => fake.requests.length === 1);
    await clock.virtual.advanceBy(5_000);
    const error = await pending;
    expect(error).toMatchObject({ kind: 'transient' });
    expect((error as Error).message).toMatch(/timed out after 5000 ms.*raise requestTimeoutMs/);
  });

  it('rejects with the abort reason: before sending and while waiting for the answer', async () => {
    const reason = new Error('stop');
    await expect(client.searchOffers(rtx4090, AbortSignal.abort(reason))).rejects.toBe(reason);
    expect(fake.requests).toHaveLength(0);
    fake.slowResponses(10_000, 1);
    const controller = new AbortController();
    const pending = rejectionOf(client.listInstances(controller.signal));
    await until(() => fake.requests.length === 1);
    controller.abort(reason);
    expect(await pending).toBe(reason);
  });

  it('reports a wrong key as auth, and an unexpected shape as a typed error naming the field', async () => {
    client = clientWith({ apiKey: 'wrong-key' });
    expect(await rejectionOf(client.getInstance(1))).toMatchObject({ kind: 'auth', status: 401, vastError: 'auth_error' });
    client = clientWith();
    fake.failNext(1, 200, { path: '/api/v0/instances/1/' });
    const error = await rejectionOf(client.getInstance(1));
    expect(error).toMatchObject({ kind: 'unknown', vastError: 'unexpected_response' });
    expect((error as Error).message).toMatch(/instances: .*expected object/i);
  });

  it('fails every call after close with an unavailable error', async () => {
    await client.close();
    const error = await rejectionOf(client.searchOffers(rtx4090));
    expect(ProviderError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ kind: 'unavailable' });
  });
});

async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 5) {
    if (waited > 5_000) throw new Error('condition not met in 5 s');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
