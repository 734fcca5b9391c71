import { request } from 'node:http';
import { ConfigError, type LocalGpuProvider, type Logger, VirtualClock } from '@aima/core';
import { createSimulatedLocalGpuProvider, type SimulatedLocalGpuProvider } from '@aima/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type GpuAgent, startGpuAgent } from './gpu-agent.js';
import { readLines } from './ndjson-lines.js';

const token = 'test-token-0123456789abcdef';
const started: { agent: GpuAgent; provider: LocalGpuProvider }[] = [];

function capturingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const log = (message: string, fields?: Readonly<Record<string, unknown>>) => lines.push(`${message} ${JSON.stringify(fields ?? {})}`);
  return { lines, debug: log, info: log, warn: log, error: log };
}

async function start(options: { clock?: VirtualClock; logger?: Logger; provider?: SimulatedLocalGpuProvider } = {}) {
  const clock = options.clock ?? new VirtualClock(1_000);
  const provider =
    options.provider ??
    createSimulatedLocalGpuProvider({
      host: 'gpu-host-a',
      clock,
      gpus: [
        { model: 'NVIDIA L40S', vramGb: 48 },
        { model: 'NVIDIA L4', vramGb: 24 },
      ],
    });
  const agent = await startGpuAgent({ provider, token, port: 0, clock, logger: options.logger });
  started.push({ agent, provider });
  return { agent, provider, clock };
}

function get(
  agent: GpuAgent,
  path: string,
  headers: Record<string, string> = { authorization: `Bearer ${token}` },
  init: RequestInit = {},
) {
  return fetch(`${agent.url}${path}`, { headers, ...init });
}

/** A GET with a body, which fetch() refuses to send. */
function getWithBody(url: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const headers = { authorization: `Bearer ${token}`, 'content-length': Buffer.byteLength(body) };
    const outgoing = request(url, { method: 'GET', headers }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        text += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

afterEach(async () => {
  for (const { agent, provider } of started.splice(0)) {
    await agent.close();
    await provider.close();
  }
});

describe('GPU agent', () => {
  it('listens on 127.0.0.1 by default and serves devices and samples', async () => {
    const { agent } = await start();
    expect(agent.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const devices = await get(agent, '/v1/devices');
    expect(devices.status).toBe(200);
    expect(await devices.json()).toMatchObject({
      providerId: 'simulated@gpu-host-a',
      devices: [{ model: 'NVIDIA L40S' }, { model: 'NVIDIA L4' }],
    });
    const samples = await get(agent, '/v1/samples?gpu=sim-gpu-host-a-1');
    expect(await samples.json()).toMatchObject({ samples: [{ gpuId: 'sim-gpu-host-a-1', status: 'idle' }] });
  });

  it.each([
    ['no Authorization header', {}],
    ['a wrong token', { authorization: 'Bearer wrong-token-0123456789abcdef' }],
    ['a prefix of the token', { authorization: `Bearer ${token.slice(0, -1)}` }],
    ['another scheme', { authorization: `Basic ${token}` }],
    ['an empty bearer', { authorization: 'Bearer ' }],
  ])('answers 401 and nothing else for %s', async (_, headers: Record<string, string>) => {
    const { agent } = await start();
    for (const path of ['/v1/devices', '/v1/health/stream', '/v1/unknown', '/v1/samples?bad=1']) {
      const response = await get(agent, path, headers);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer realm="aima-gpu-agent"');
      expect(await response.text()).toBe('');
    }
  });

  it.each([
    ['/v1/samples?colour=red', 'query: Unrecognized key: "colour"'],
    ['/v1/samples?gpu=bad%20id', 'query parameter "gpu": must be GPU ids'],
    ['/v1/samples?gpu=a&gpu=b', 'query parameter "gpu" is given twice'],
    ['/v1/health/stream?heartbeatSeconds=0', 'query parameter "heartbeatSeconds": Too small'],
    ['/v1/health/stream?heartbeatSeconds=soon', 'query parameter "heartbeatSeconds": must be a whole number of seconds'],
    ['/v1/devices?x=1', 'query: Unrecognized key: "x"'],
  ])('answers 400 with a reason for %s', async (path, reason) => {
    const { agent } = await start();
    const response = await get(agent, path);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string; reason: string };
    expect(body.error).toBe('invalid-request');
    expect(body.reason).toContain(reason);
  });

  it('answers 400 for a GET with a body, 404 for unknown routes and 405 for other methods', async () => {
    const { agent } = await start();
    const withBody = await getWithBody(`${agent.url}/v1/devices`, '{}');
    expect(withBody).toEqual({ status: 400, text: JSON.stringify({ error: 'invalid-request', reason: 'GET requests take no body' }) });
    const unknown = await get(agent, '/v2/devices');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: 'not-found', reason: 'no such route: /v2/devices' });
    const post = await get(agent, '/v1/devices', { authorization: `Bearer ${token}` }, { method: 'POST', body: '{}' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET');
  });

  it('streams health events as NDJSON, with heartbeats, and ends open streams on close()', async () => {
    const { agent, provider, clock } = await start();
    const response = await get(agent, '/v1/health/stream?heartbeatSeconds=5');
    expect(response.headers.get('content-type')).toBe('application/x-ndjson');
    const body = response.body;
    if (!body) throw new Error('no body');
    const lines = readLines(body);
    expect(JSON.parse((await lines.next()).value ?? '')).toMatchObject({
      type: 'hello',
      providerId: 'simulated@gpu-host-a',
      heartbeatSeconds: 5,
    });
    provider.emitHealth({ gpuId: 'sim-gpu-host-a-0', source: 'xid', code: 79, severity: 'critical', message: 'XID 79' });
    expect(JSON.parse((await lines.next()).value ?? '')).toEqual({
      type: 'health',
      event: { gpuId: 'sim-gpu-host-a-0', at: 1_000, source: 'xid', code: 79, severity: 'critical', message: 'XID 79' },
    });
    await clock.advanceBy(5_000);
    expect(JSON.parse((await lines.next()).value ?? '')).toEqual({ type: 'heartbeat', at: 6_000 });
    expect(agent.openStreams).toBe(1);
    await agent.close();
    expect(await lines.next()).toEqual({ done: true, value: undefined });
    expect(agent.openStreams).toBe(0);
    expect(clock.pendingTimers).toBe(0);
    await expect(get(agent, '/v1/devices')).rejects.toThrow();
  });

  it('answers 503 when the provider cannot be read, without the token in any log', async () => {
    const logger = capturingLogger();
    const { agent, provider } = await start({ logger });
    await provider.close();
    const response = await get(agent, '/v1/samples');
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ error: 'provider-error', reason: expect.stringContaining('closed') });
    expect(logger.lines.length).toBeGreaterThan(0);
    expect(logger.lines.join('\n')).not.toContain(token);
  });

  it('refuses a short token and bad options with a ConfigError that does not echo the token', async () => {
    const provider = createSimulatedLocalGpuProvider({ host: 'h', clock: new VirtualClock(), gpus: [] });
    const attempt = startGpuAgent({ provider, token: 'short secret' });
    await expect(attempt).rejects.toThrow(ConfigError);
    await expect(attempt).rejects.not.toThrow(/short secret/);
  });
});
