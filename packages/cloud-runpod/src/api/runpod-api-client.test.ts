import { ConfigError, ProviderError, ValidationError } from '@aima/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runpodFaults } from '../fake/fake-faults.js';
import { clientFor, everythingPrintable, type Harness, rejectionOf, secretKey, startHarness } from '../test-support/harness.js';
import { restCreatePodBodySchema } from './rest-v2-schemas.js';
import { createRunpodApiClient, type RunpodApiClient } from './runpod-api-client.js';
import { RunpodApiError } from './runpod-api-error.js';

const pod = {
  name: 'aima:job-1#1',
  image: 'ghcr.io/aima/worker:1',
  gpuTypeId: 'NVIDIA GeForce RTX 4090',
  ports: ['22/tcp'],
  env: { A: '1' },
};

describe('RunpodApiClient against the fake RunPod', () => {
  let harness: Harness;
  let client: RunpodApiClient;
  beforeEach(async () => {
    harness = await startHarness();
    client = clientFor(harness);
  });
  afterEach(async () => {
    client.close();
    await harness.close();
  });

  it('lists GPU types with prices and stock over GraphQL, with the key as Bearer and a User-Agent', async () => {
    const types = await client.listGpuTypes({ cloud: 'SECURE', gpuCount: 1 });
    const rtx4090 = types.find((type) => type.id === 'NVIDIA GeForce RTX 4090');
    expect(rtx4090).toMatchObject({ memoryInGb: 24, securePrice: 0.74, lowestPrice: { uninterruptablePrice: 0.74, stockStatus: 'High' } });
    expect(types.find((type) => type.id === 'NVIDIA H100 NVL')?.lowestPrice?.stockStatus).toBeNull();
    const [request] = harness.fake.requests;
    expect(request).toMatchObject({ surface: 'graphql', operation: 'gpuTypes', authorized: true });
    expect(request?.userAgent).toMatch(/^aima-cloud-runpod\//);
    expect(request?.body).toMatchObject({ variables: { lowestPriceInput: { gpuCount: 1, secureCloud: true } } });
  });

  it('creates, reads, lists, stops, resumes and terminates an on-demand pod over REST v2', async () => {
    const created = await client.createPod(pod);
    expect(created).toMatchObject({ name: pod.name, status: 'PROVISIONING', runtime: null, gpu: { id: pod.gpuTypeId, count: 1 } });
    expect(restCreatePodBodySchema.safeParse(harness.fake.requests.at(-1)?.body).success).toBe(true);
    expect((await client.getPod(created.id))?.id).toBe(created.id);
    expect((await client.listPods()).map((listed) => listed.id)).toEqual([created.id]);
    expect((await client.stopPod(created.id)).status).toBe('EXITED');
    expect((await client.resumePod(created.id)).status).toBe('PROVISIONING');
    await client.terminatePod(created.id);
    expect(await client.getPod(created.id)).toBeUndefined();
    await client.terminatePod(created.id);
  });

  it('rents a spot pod over GraphQL, sending env as key/value pairs and ports as one string', async () => {
    const rented = await client.rentInterruptablePod({ ...pod, ports: ['22/tcp', '8000/tcp'], cloud: 'COMMUNITY', bidPerGpu: 0.2 });
    expect(rented.id).toMatch(/^[a-z0-9]{14}$/);
    const body = harness.fake.requests.at(-1)?.body as { variables: { input: Record<string, unknown> } };
    expect(body.variables.input).toMatchObject({
      ports: '22/tcp,8000/tcp',
      env: [{ key: 'A', value: '1' }],
      cloudType: 'COMMUNITY',
      bidPerGpu: 0.2,
    });
    expect((await client.getPod(rented.id))?.env).toMatchObject({ A: '1' });
  });

  it('recognises GraphQL errors inside HTTP 200: capacity, spot discontinued, anything else', async () => {
    const noStock = await rejectionOf(client.rentInterruptablePod({ ...pod, gpuTypeId: 'NVIDIA H100 NVL', bidPerGpu: 1 }));
    expect(noStock).toMatchObject({ kind: 'capacity', reason: 'no-capacity', status: 200 });
    expect(String(noStock)).toContain('There are no longer any instances available');
    harness.fake.spotOffered = false;
    const discontinued = await rejectionOf(client.rentInterruptablePod({ ...pod, bidPerGpu: 1 }));
    expect(discontinued).toMatchObject({ kind: 'capacity', reason: 'spot-discontinued' });
    harness.fake.faults.add(runpodFaults.graphqlError('gpuTypes', 'Something odd happened', 1, 'WEIRD'));
    const odd = await rejectionOf(client.listGpuTypes({ cloud: 'SECURE' }));
    expect(odd).toMatchObject({ kind: 'unknown', reason: 'graphql', status: 200 });
    expect(String(odd)).toContain('Something odd happened [WEIRD]');
    expect(ProviderError.isInstance(odd) && RunpodApiError.isInstance(odd)).toBe(true);
  });

  it('answers a REST v2 capacity 400 with a capacity error and creates nothing', async () => {
    harness.fake.faults.add(runpodFaults.restNoCapacity());
    const error = await rejectionOf(client.createPod(pod));
    expect(error).toMatchObject({ kind: 'capacity', reason: 'no-capacity', status: 400 });
    expect(harness.fake.pods.pods.size).toBe(0);
    const h100 = await rejectionOf(client.createPod({ ...pod, gpuTypeId: 'NVIDIA H100 NVL' }));
    expect(h100).toMatchObject({ reason: 'no-capacity' });
  });

  it('waits out a 429 for Retry-After on the clock, then succeeds', async () => {
    harness.fake.faults.add(runpodFaults.rateLimited({ surface: 'rest', path: '/v2/pods' }, 7));
    const started = harness.clock.now();
    const pods = await harness.settle(client.listPods());
    expect(pods).toEqual([]);
    expect(harness.clock.now() - started).toBeGreaterThanOrEqual(7_000);
    expect(harness.fake.requests.map((request) => request.path)).toEqual(['/v2/pods', '/v2/pods']);
  });

  it('retries a 429 even for a create (it was refused before any work)', async () => {
    harness.fake.faults.add(runpodFaults.rateLimited({ method: 'POST', path: '/v2/pods' }, 1));
    const created = await harness.settle(client.createPod(pod));
    expect(created.name).toBe(pod.name);
    expect(harness.fake.pods.pods.size).toBe(1);
  });

  it('retries 5xx with backoff for idempotent calls and fails with a transient error when they persist', async () => {
    harness.fake.faults.add(runpodFaults.serverError({ surface: 'graphql' }, 502, 2));
    expect((await harness.settle(client.listGpuTypes({ cloud: 'COMMUNITY' }))).length).toBeGreaterThan(0);
    expect(harness.fake.requests).toHaveLength(3);
    harness.fake.faults.add(runpodFaults.serverError({ path: '/v2/pods' }, 503, 10));
    const error = await rejectionOf(harness.settle(client.listPods()));
    expect(error).toMatchObject({ kind: 'transient', reason: 'server-error', status: 503, retryable: true });
    expect(harness.fake.requests).toHaveLength(3 + 4);
  });

  it('does not repeat a create after a 5xx (the pod may exist), so the caller can look it up first', async () => {
    harness.fake.faults.add(runpodFaults.serverError({ method: 'POST', path: '/v2/pods' }, 500, 5));
    const error = await rejectionOf(harness.settle(client.createPod(pod)));
    expect(error).toMatchObject({ kind: 'transient', status: 500 });
    expect(harness.fake.requests).toHaveLength(1);
  });

  it('retries a dropped connection for a read', async () => {
    harness.fake.faults.add(runpodFaults.reset({ path: '/v2/pods' }));
    expect(await harness.settle(client.listPods())).toEqual([]);
    expect(harness.fake.requests).toHaveLength(2);
  });

  it('rejects with the abort reason: before sending (nothing sent) and while waiting for an answer', async () => {
    const reason = new Error('stop now');
    await expect(client.listPods(AbortSignal.abort(reason))).rejects.toBe(reason);
    expect(harness.fake.requests).toHaveLength(0);
    harness.fake.faults.add(runpodFaults.hang({ path: '/v2/pods' }));
    const controller = new AbortController();
    const listing = client.listPods(controller.signal);
    await waitFor(() => harness.fake.requests.length === 1);
    controller.abort(reason);
    await expect(listing).rejects.toBe(reason);
  });

  it('aborts a retry backoff promptly with the abort reason', async () => {
    harness.fake.faults.add(runpodFaults.rateLimited({ path: '/v2/pods' }, 30));
    const controller = new AbortController();
    const listing = client.listPods(controller.signal);
    await waitFor(() => harness.fake.requests.length === 1);
    await harness.fake.waitForIdle();
    const reason = new Error('cancelled during backoff');
    controller.abort(reason);
    await expect(listing).rejects.toBe(reason);
  });

  it('times out a request that gets no answer (timeout measured on the clock) and retries reads', async () => {
    const impatient = clientFor(harness, { requestTimeoutMs: 5_000, retry: { maxAttempts: 1 } });
    harness.fake.faults.add(runpodFaults.hang({ path: '/v2/pods' }));
    const listing = rejectionOf(impatient.listPods());
    await waitFor(() => harness.fake.requests.length === 1);
    await harness.clock.advanceBy(5_000);
    expect(await listing).toMatchObject({ kind: 'transient', reason: 'timeout' });
    harness.fake.faults.add(runpodFaults.hang({ path: '/v2/pods' }));
    const patient = clientFor(harness, { requestTimeoutMs: 5_000 });
    const retried = patient.listPods();
    await waitFor(() => harness.fake.requests.length === 2);
    await harness.clock.advanceBy(5_000);
    expect(await harness.settle(retried)).toEqual([]);
    impatient.close();
    patient.close();
  });

  it('maps 401 to an auth error', async () => {
    const wrongKey = clientFor(harness, { apiKey: 'not-the-key' });
    expect(await rejectionOf(wrongKey.listPods())).toMatchObject({ kind: 'auth', reason: 'unauthorized', status: 401 });
    expect(await rejectionOf(wrongKey.listGpuTypes({ cloud: 'SECURE' }))).toMatchObject({ kind: 'auth', status: 401 });
    wrongKey.close();
  });

  it('refuses bad input with a ValidationError before any request', async () => {
    expect(await rejectionOf(client.createPod({ ...pod, ports: ['22'] }))).toBeInstanceOf(ValidationError);
    expect(await rejectionOf(client.createPod({ ...pod, gpuTypeId: '' }))).toBeInstanceOf(ValidationError);
    expect(await rejectionOf(client.getPod('../../v2/pods'))).toBeInstanceOf(ValidationError);
    expect(await rejectionOf(client.listGpuTypes({ cloud: 'SPOT' as 'SECURE' }))).toBeInstanceOf(ValidationError);
    expect(harness.fake.requests).toHaveLength(0);
  });

  it('never puts the API key in an error or a log line', async () => {
    harness.fake.faults.add(
      { match: { path: '/v2/pods', method: 'GET' }, respond: { status: 400, body: { detail: `bad token ${secretKey}` } } },
      runpodFaults.graphqlError('gpuTypes', `key ${secretKey} is not allowed`),
      runpodFaults.serverError({ method: 'POST' }, 500),
    );
    const errors = [
      await rejectionOf(client.listPods()),
      await rejectionOf(client.listGpuTypes({ cloud: 'SECURE' })),
      await rejectionOf(client.createPod(pod)),
      await rejectionOf(clientFor(harness, { apiKey: `${secretKey}x` }).listPods()),
      await rejectionOf(harness.settle(clientFor(harness, { restUrl: 'http://127.0.0.1:1' }).listPods())),
    ];
    for (const error of errors) expect(await everythingPrintable(error)).not.toContain(secretKey);
    expect(harness.logger.lines.length).toBeGreaterThan(0);
    expect(harness.logger.lines.join('\n')).not.toContain(secretKey);
  });
});

describe('createRunpodApiClient options', () => {
  it('refuses a missing or blank API key with a ConfigError', () => {
    expect(() => createRunpodApiClient({} as never)).toThrow(ConfigError);
    expect(() => createRunpodApiClient({ apiKey: '   ' })).toThrow(/RunPod API key/);
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let turn = 0; turn < 1_000 && !condition(); turn++) await new Promise((resolve) => setTimeout(resolve, 1));
  if (!condition()) throw new Error('condition never held');
}
