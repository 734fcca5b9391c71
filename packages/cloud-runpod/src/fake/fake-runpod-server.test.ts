import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gpuTypesDocument } from '../api/graphql-documents.js';
import { type FakeRunpodServer, startFakeRunpodServer } from './fake-runpod-server.js';
import { parseOperation } from './graphql-selection.js';

describe('fake RunPod server', () => {
  let fake: FakeRunpodServer;
  beforeEach(async () => {
    fake = await startFakeRunpodServer({ apiKey: 'k-123' });
  });
  afterEach(async () => {
    await fake.close();
  });

  const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer k-123', 'user-agent': 'test/1', ...headers },
      body: JSON.stringify(body),
    });

  it('accepts the key as Bearer, as a raw header and as ?api_key= (B2), and answers 401 otherwise', async () => {
    const query = { query: 'query { gpuTypes { id } }' };
    expect((await post(fake.graphqlUrl, query)).status).toBe(200);
    expect((await post(fake.graphqlUrl, query, { authorization: 'k-123' })).status).toBe(200);
    expect((await post(`${fake.graphqlUrl}?api_key=k-123`, query, { authorization: '' })).status).toBe(200);
    expect((await post(fake.graphqlUrl, query, { authorization: 'Bearer wrong' })).status).toBe(401);
  });

  it('refuses REST v2 calls with a default library User-Agent, as Cloudflare did (Error 1010)', async () => {
    const headers = { authorization: 'Bearer k-123' };
    expect((await fetch(`${fake.restUrl}/v2/pods`, { headers: { ...headers, 'user-agent': 'Python-urllib/3.12' } })).status).toBe(403);
    expect((await fetch(`${fake.restUrl}/v2/pods`, { headers: { ...headers, 'user-agent': 'aima/1' } })).status).toBe(200);
  });

  it('fails GraphQL validation with HTTP 400 on an unknown field, as RunPod does for the whole query', async () => {
    const response = await post(fake.graphqlUrl, { query: 'query { gpuTypes { id priceOnMars } }' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errors: [{ message: 'Cannot query field "priceOnMars" on type "GpuType".' }] });
  });

  it('rejects unknown create fields with 422 (unevaluatedProperties: false) and a bad action with the recorded 422', async () => {
    const created = await post(`${fake.restUrl}/v2/pods`, {
      name: 'p',
      image: 'i',
      gpu: { id: 'NVIDIA GeForce RTX 4090' },
      supportPublicIp: true,
    });
    expect(created.status).toBe(422);
    expect(await created.json()).toMatchObject({ errors: ["$: additional properties 'supportPublicIp' not allowed"] });
    const pod = (await (
      await post(`${fake.restUrl}/v2/pods`, { name: 'p', image: 'i', gpu: { id: 'NVIDIA GeForce RTX 4090' } })
    ).json()) as { id: string };
    const action = await post(`${fake.restUrl}/v2/pods/${pod.id}/action`, { action: 'reset' });
    expect(await action.json()).toEqual({
      detail: 'Request validation failed.',
      errors: ["$.action: value must be one of 'start', 'stop', 'restart', 'terminate'"],
      status: 422,
      title: 'Unprocessable Entity',
    });
    expect((await post(`${fake.restUrl}/v2/pods/${pod.id}/action`, { action: 'start' })).status).toBe(409);
  });

  it('answers podTerminate on an unknown pod with "pod not found to terminate" in HTTP 200', async () => {
    const response = await post(fake.graphqlUrl, {
      query: 'mutation T($input: PodTerminateInput!) { podTerminate(input: $input) }',
      variables: { input: { podId: 'nope' } },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ errors: [{ message: 'pod not found to terminate' }] });
  });

  it('answers 404 for an unknown serverless endpoint or job', async () => {
    expect((await post(`${fake.serverlessUrl}/nosuchendpoint/run`, { input: {} })).status).toBe(404);
    expect((await fetch(`${fake.serverlessUrl}/aimafake01/status/nope`, { headers: { authorization: 'k-123' } })).status).toBe(404);
  });
});

describe('GraphQL selection parser', () => {
  it('reads the documents this client sends: variables, nested selections with arguments', () => {
    const operation = parseOperation(gpuTypesDocument(true), { lowestPriceInput: { gpuCount: 2 } });
    const [gpuTypes] = operation.selection;
    expect(operation.kind).toBe('query');
    expect(gpuTypes?.name).toBe('gpuTypes');
    const lowestPrice = gpuTypes?.selection?.find((field) => field.name === 'lowestPrice');
    expect(lowestPrice?.args).toEqual({ input: { gpuCount: 2 } });
    expect(lowestPrice?.selection?.map((field) => field.name)).toEqual(['uninterruptablePrice', 'stockStatus', 'availableGpuCounts']);
  });

  it('keeps aliases and scalar literals', () => {
    const operation = parseOperation('mutation { gone: podTerminate(input: "x") }', {});
    expect(operation.selection[0]).toMatchObject({ name: 'podTerminate', responseKey: 'gone', args: { input: 'x' } });
  });
});
