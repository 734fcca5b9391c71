import { AimaError, ConfigError, ProviderError, ValidationError } from '@aima/core';
import { afterEach, describe, expect, it } from 'vitest';
import { runpodFaults } from '../fake/fake-faults.js';
import { graphqlMessages } from '../fake/fake-graphql.js';
import { everythingPrintable, rejectionOf, secretKey } from '../test-support/harness.js';
import {
  label,
  launchRequest,
  type ProviderHarness,
  rtx4090,
  rtx4090Spot,
  startProviderHarness,
} from '../test-support/provider-harness.js';
import { createRunpodProvider } from './runpod-provider.js';

let harness: ProviderHarness;
afterEach(async () => {
  await harness.close();
});

describe('RunPod provider: offers', () => {
  it('maps GPU types to offers per cloud and pricing, dropping no-stock and non-NVIDIA types', async () => {
    harness = await startProviderHarness();
    const offers = await harness.provider.listOffers({});
    const byId = new Map(offers.map((offer) => [offer.offerId, offer]));
    expect(byId.get(rtx4090)).toMatchObject({
      provider: 'runpod',
      gpuModel: 'NVIDIA GeForce RTX 4090',
      gpuCount: 1,
      vramGb: 24,
      pricePerHourUsd: 0.74,
      region: 'global',
      reliability: 0.99,
      uploadMbps: 1_000,
      interruptible: false,
      verified: true,
      tags: ['secure-cloud'],
    });
    expect(byId.get(rtx4090Spot)).toMatchObject({
      pricePerHourUsd: 0.2,
      interruptible: true,
      verified: false,
      reliability: 0.95,
      tags: ['community-cloud', 'spot'],
    });
    expect(byId.get('NVIDIA RTX 2000 Ada Generation|SECURE|ondemand|1')?.tags).toContain('low-stock');
    expect(offers.some((offer) => offer.gpuModel.includes('H100') || offer.gpuModel.includes('MI300X'))).toBe(false);
    expect(offers.some((offer) => offer.offerId.startsWith('NVIDIA A100 80GB PCIe|COMMUNITY'))).toBe(false);
    expect(offers.map((offer) => offer.pricePerHourUsd)).toEqual([...offers.map((offer) => offer.pricePerHourUsd)].sort((a, b) => a - b));
  });

  it('applies the query after RunPod answers, skips clouds below minReliability and prices whole offers', async () => {
    harness = await startProviderHarness({}, { minStockStatus: 'Medium' });
    const secureOnly = await harness.provider.listOffers({ minReliability: 0.98, interruptible: false, gpuCount: 2 });
    expect(secureOnly.length).toBeGreaterThan(0);
    expect(secureOnly.every((offer) => offer.verified && !offer.interruptible && offer.gpuCount === 2)).toBe(true);
    expect(secureOnly.find((offer) => offer.gpuModel === 'NVIDIA GeForce RTX 4090')?.pricePerHourUsd).toBe(1.48);
    expect(secureOnly.some((offer) => offer.tags.includes('low-stock'))).toBe(false);
    expect(harness.fake.requests.filter((request) => request.surface === 'graphql')).toHaveLength(1);
    expect(await harness.provider.listOffers({ gpuModels: ['A100 80GB'], minVramGb: 80 })).toHaveLength(2);
  });

  it('takes the region from the data center and leaves out spot when the query wants on-demand', async () => {
    harness = await startProviderHarness({}, { clouds: ['SECURE'], dataCenterId: 'EU-RO-1' });
    const offers = await harness.provider.listOffers({ regions: ['eu'], interruptible: false });
    expect(offers.length).toBeGreaterThan(0);
    expect(offers.every((offer) => offer.region === 'eu-ro-1' && !offer.interruptible)).toBe(true);
    expect(await harness.provider.listOffers({ regions: ['us'] })).toEqual([]);
    const body = harness.fake.requests[0]?.body as { query: string; variables: unknown };
    expect(body.query).not.toContain('SpotPrice');
    expect(body.variables).toEqual({ lowestPriceInput: { gpuCount: 1, secureCloud: true, dataCenterId: 'EU-RO-1' } });
  });
});

describe('RunPod provider: launch', () => {
  it('launches an on-demand pod named <label>:<key> with our env and TCP ports, once per key', async () => {
    harness = await startProviderHarness();
    const [first, second] = await Promise.all([
      harness.provider.launch(launchRequest('job-7#1')),
      harness.provider.launch(launchRequest('job-7#1')),
    ]);
    expect(second?.id).toBe(first?.id);
    expect(harness.fake.pods.pods.size).toBe(1);
    const pod = harness.fake.pods.pods.get(first?.id ?? '');
    expect(pod).toMatchObject({
      name: `${label}:job-7#1`,
      ports: ['22/tcp', '8000/tcp'],
      cloud: 'SECURE',
      gpuTypeId: 'NVIDIA GeForce RTX 4090',
    });
    expect(pod?.env).toMatchObject({ MODEL: 'whisper', AIMA_LABEL: label, AIMA_KEY: 'job-7#1', AIMA_OFFER_ID: rtx4090 });
    expect(first).toMatchObject({
      providerId: 'runpod',
      offerId: rtx4090,
      key: 'job-7#1',
      label,
      status: 'provisioning',
      pricePerHourUsd: 0.74,
    });
  });

  it('launches a spot pod over GraphQL with the listed spot price as the bid', async () => {
    harness = await startProviderHarness();
    await harness.provider.listOffers({});
    const instance = await harness.provider.launch(launchRequest('job-8#1', rtx4090Spot));
    expect(instance).toMatchObject({ offerId: rtx4090Spot, pricePerHourUsd: 0.2, status: 'provisioning' });
    const rent = harness.fake.requests.find((request) => request.operation === 'podRentInterruptable');
    expect(rent?.body).toMatchObject({ variables: { input: { bidPerGpu: 0.2, cloudType: 'COMMUNITY', ports: '22/tcp,8000/tcp' } } });
  });

  it('turns the documented capacity answers into capacity errors and leaves nothing running', async () => {
    harness = await startProviderHarness();
    await harness.provider.listOffers({});
    harness.fake.faults.add(
      runpodFaults.restNoCapacity(),
      runpodFaults.graphqlError('podRentInterruptable', graphqlMessages.spotNoCapacity),
    );
    const onDemand = await rejectionOf(harness.provider.launch(launchRequest('job-9#1')));
    expect(onDemand).toMatchObject({ kind: 'capacity', reason: 'no-capacity', status: 400 });
    expect(String(onDemand)).toMatch(/no longer any instances available.*try another offer/);
    const spot = await rejectionOf(harness.provider.launch(launchRequest('job-9#2', rtx4090Spot)));
    expect(spot).toMatchObject({ kind: 'capacity', reason: 'no-capacity', status: 200 });
    expect(await harness.provider.listInstances(label)).toEqual([]);
    expect(harness.fake.pods.pods.size).toBe(0);
  });

  it('handles "spot no longer offered": a clear capacity error, then no spot offers and no spot requests', async () => {
    harness = await startProviderHarness({ spotOffered: false });
    expect((await harness.provider.listOffers({})).some((offer) => offer.interruptible)).toBe(true);
    const error = await rejectionOf(harness.provider.launch(launchRequest('job-10#1', rtx4090Spot)));
    expect(error).toMatchObject({ kind: 'capacity', reason: 'spot-discontinued' });
    expect(String(error)).toContain('launch an on-demand offer instead');
    expect(harness.provider.spotAvailable).toBe(false);
    const offers = await harness.provider.listOffers({});
    expect(offers.length).toBeGreaterThan(0);
    expect(offers.some((offer) => offer.interruptible)).toBe(false);
    expect(await harness.provider.listOffers({ interruptible: true })).toEqual([]);
    const before = harness.fake.requests.length;
    expect(await rejectionOf(harness.provider.launch(launchRequest('job-10#2', rtx4090Spot)))).toMatchObject({
      reason: 'spot-discontinued',
    });
    expect(harness.fake.requests.length).toBe(before);
  });

  it('finds the pod a lost create answer made instead of creating another', async () => {
    harness = await startProviderHarness({}, { requestTimeoutMs: 10_000 });
    await harness.provider.listOffers({});
    harness.fake.faults.add(runpodFaults.lost({ method: 'POST', path: '/v2/pods' }));
    const instance = await harness.settle(harness.provider.launch(launchRequest('job-11#1')));
    expect(instance.key).toBe('job-11#1');
    expect(harness.fake.pods.pods.size).toBe(1);
  });

  it('returns the pod a create made although RunPod answered 500', async () => {
    harness = await startProviderHarness();
    await harness.provider.listOffers({});
    harness.fake.faults.add(runpodFaults.replaced({ method: 'POST', path: '/v2/pods' }, 502, { detail: 'bad gateway' }));
    const instance = await harness.settle(harness.provider.launch(launchRequest('job-11#2')));
    expect(instance.key).toBe('job-11#2');
    expect(harness.fake.requests.filter((request) => request.method === 'POST' && request.path === '/v2/pods')).toHaveLength(1);
    expect(harness.fake.pods.pods.size).toBe(1);
  });

  it('terminates the pod of a create whose answer it cannot read, and fails', async () => {
    harness = await startProviderHarness();
    await harness.provider.listOffers({});
    harness.fake.faults.add(runpodFaults.replaced({ method: 'POST', path: '/v2/pods' }, 201, { podz: [] }));
    expect(await rejectionOf(harness.provider.launch(launchRequest('job-11#3')))).toMatchObject({ reason: 'unexpected-response' });
    expect(harness.fake.pods.pods.size).toBe(0);
    expect(harness.fake.pods.terminatedIds).toHaveLength(1);
  });

  it('terminates the pod of a launch aborted after RunPod created it', async () => {
    harness = await startProviderHarness();
    await harness.provider.listOffers({});
    harness.fake.faults.add(runpodFaults.lost({ method: 'POST', path: '/v2/pods' }));
    const controller = new AbortController();
    const launching = harness.provider.launch(launchRequest('job-12#1'), controller.signal);
    await waitFor(() => harness.fake.pods.pods.size === 1);
    const reason = new Error('scheduler gave up');
    controller.abort(reason);
    await expect(launching).rejects.toBe(reason);
    await waitFor(() => harness.fake.pods.pods.size === 0);
    expect(harness.fake.pods.terminatedIds).toHaveLength(1);
  });
});

describe('RunPod provider: bad input, typed errors before any request', () => {
  it('refuses a missing API key with a ConfigError', () => {
    harness = { close: async () => undefined } as ProviderHarness;
    expect(() => createRunpodProvider({})).toThrow(ConfigError);
    expect(() => createRunpodProvider({ apiKey: '' })).toThrow(/RunPod API key/);
  });

  it('refuses an unknown GPU type (checked against the GPU types RunPod listed) with a ValidationError', async () => {
    harness = await startProviderHarness();
    await harness.provider.listOffers({});
    const before = harness.fake.requests.length;
    const error = await rejectionOf(harness.provider.launch(launchRequest('job-13#1', 'NVIDIA GeForce RTX 9999|SECURE|ondemand|1')));
    expect(error).toBeInstanceOf(ValidationError);
    expect(String(error)).toContain('RTX 9999');
    expect(harness.fake.requests.length).toBe(before);
  });

  it('refuses a malformed offer id or launch request before any request', async () => {
    harness = await startProviderHarness();
    expect(await rejectionOf(harness.provider.launch(launchRequest('job-14#1', 'vast-12345')))).toMatchObject({ kind: 'not-found' });
    expect(await rejectionOf(harness.provider.launch({ ...launchRequest('job-14#1'), image: '' }))).toBeInstanceOf(ValidationError);
    expect(await rejectionOf(harness.provider.listOffers({ minVramGb: -1 }))).toBeInstanceOf(ValidationError);
    expect(harness.fake.requests).toHaveLength(0);
  });

  it('keeps the key out of every error and log line, and refuses calls once closed', async () => {
    harness = await startProviderHarness();
    const wrongKey = createRunpodProvider({
      apiKey: `${secretKey}-wrong`,
      graphqlUrl: harness.fake.graphqlUrl,
      restUrl: harness.fake.restUrl,
    });
    const errors = [await rejectionOf(wrongKey.listOffers({})), await rejectionOf(wrongKey.listInstances(label))];
    await harness.provider.listOffers({});
    harness.fake.faults.add(runpodFaults.serverError({ method: 'POST' }, 500));
    errors.push(await rejectionOf(harness.settle(harness.provider.launch(launchRequest('job-15#1')))));
    for (const error of errors) {
      expect(AimaError.isInstance(error)).toBe(true);
      expect(await everythingPrintable(error)).not.toContain(secretKey);
    }
    expect(harness.logger.lines.join('\n')).not.toContain(secretKey);
    await harness.provider.close();
    expect(await rejectionOf(harness.provider.listOffers({}))).toMatchObject({ kind: 'unavailable' });
    expect(ProviderError.isInstance(await rejectionOf(harness.provider.listInstances(label)))).toBe(true);
    await wrongKey.close();
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let turn = 0; turn < 2_000 && !condition(); turn++) await new Promise((resolve) => setTimeout(resolve, 1));
  if (!condition()) throw new Error('condition never held');
}
