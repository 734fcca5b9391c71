import { ConfigError, type GpuHealthEvent, ProviderError, VirtualClock } from '@aima/core';
import { createSimulatedLocalGpuProvider, type SimulatedLocalGpuProvider } from '@aima/core/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAgentGpuProvider } from './agent-gpu-provider.js';
import { type GpuAgent, startGpuAgent } from './gpu-agent.js';

const token = 'client-token-0123456789abcdef';
const cleanups: (() => Promise<void>)[] = [];

/** Polls an expectation for up to 5 s: event delivery crosses threads and sockets on a busy machine. */
const eventually = (check: () => void) => vi.waitFor(check, { timeout: 5000, interval: 20 });

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function agentWith(
  simulated?: SimulatedLocalGpuProvider,
  port = 0,
): Promise<{ agent: GpuAgent; simulated: SimulatedLocalGpuProvider }> {
  const provider =
    simulated ??
    createSimulatedLocalGpuProvider({ host: 'gpu-host-a', clock: new VirtualClock(5), gpus: [{ model: 'NVIDIA L40S', vramGb: 48 }] });
  const agent = await startGpuAgent({ provider, token, port });
  cleanups.push(async () => {
    await agent.close();
    await provider.close();
  });
  return { agent, simulated: provider };
}

function client(url: string, options: { token?: string; fetch?: typeof fetch } = {}) {
  const provider = createAgentGpuProvider({ url, token: options.token ?? token, reconnectDelayMs: 10, fetch: options.fetch });
  cleanups.push(() => provider.close());
  return provider;
}

describe('agent GPU provider', () => {
  it('relabels devices with its own provider id and keeps the GPU ids', async () => {
    const { agent } = await agentWith();
    const provider = client(`${agent.url}/`);
    expect(provider.id).toBe(`agent@${new URL(agent.url).host}`);
    expect(await provider.discover()).toEqual([
      expect.objectContaining({ id: 'sim-gpu-host-a-0', providerId: provider.id, model: 'NVIDIA L40S' }),
    ]);
    expect(await provider.sample()).toEqual([expect.objectContaining({ gpuId: 'sim-gpu-host-a-0', status: 'idle' })]);
  });

  it('reports a wrong token as an auth ProviderError that never contains a token', async () => {
    const { agent } = await agentWith();
    const provider = client(agent.url, { token: 'not-the-right-token-at-all' });
    const error = await provider.discover().catch((caught: unknown) => caught);
    expect(ProviderError.isInstance(error) && error.kind).toBe('auth');
    expect(String(error)).toMatch(/refused the token \(401\)/);
    expect(String(error)).not.toContain('not-the-right-token-at-all');
    expect(String(error)).not.toContain(token);
  });

  it('rejects an invalid agent response', async () => {
    const fake = vi.fn(async () => new Response(JSON.stringify({ devices: [{ id: '' }] }), { status: 200 }));
    const provider = client('http://agent.invalid:1/', { fetch: fake });
    await expect(provider.discover()).rejects.toThrow(/invalid response for v1\/devices \(providerId: /);
    expect(fake).toHaveBeenCalledWith(
      new URL('http://agent.invalid:1/v1/devices'),
      expect.objectContaining({ headers: expect.objectContaining({ authorization: `Bearer ${token}` }) }),
    );
  });

  it('passes the agent’s 400 reason on', async () => {
    const fake = vi.fn(async () => Response.json({ error: 'invalid-request', reason: 'query: bad' }, { status: 400 }));
    const provider = client('http://agent.invalid:1', { fetch: fake });
    await expect(provider.sample()).rejects.toThrow(/answered 400: query: bad/);
  });

  it('turns an unreachable agent into error samples and one heartbeat event per GPU', async () => {
    const { agent } = await agentWith();
    const provider = client(agent.url);
    await provider.discover();
    const events: GpuHealthEvent[] = [];
    provider.onHealth((event) => events.push(event));
    await eventually(() => expect(agent.openStreams).toBe(1));
    await agent.close();
    const samples = await provider.sample();
    expect(samples).toEqual([
      expect.objectContaining({ gpuId: 'sim-gpu-host-a-0', status: 'error', error: expect.stringContaining('cannot reach the GPU agent') }),
    ]);
    await eventually(() => expect(events.filter((event) => event.source === 'heartbeat')).toHaveLength(1));
    expect(events[0]).toMatchObject({ code: 'agent-unreachable', severity: 'temporary' });
  });

  it('streams health events while subscribed and closes the stream when the last listener leaves', async () => {
    const { agent, simulated } = await agentWith();
    const provider = client(agent.url);
    await provider.discover();
    const events: GpuHealthEvent[] = [];
    const unsubscribe = provider.onHealth((event) => events.push(event));
    await eventually(() => expect(agent.openStreams).toBe(1));
    simulated.emitHealth({ gpuId: 'sim-gpu-host-a-0', source: 'ecc', code: 'ecc-uncorrected', severity: 'critical', message: 'DBE' });
    await eventually(() => expect(events).toHaveLength(1));
    expect(events[0]).toMatchObject({ code: 'ecc-uncorrected', at: 5 });
    unsubscribe();
    await eventually(() => expect(agent.openStreams).toBe(0));
  });

  it('reconnects the stream after the agent comes back', async () => {
    const first = await agentWith();
    const port = Number(new URL(first.agent.url).port);
    const provider = client(first.agent.url);
    await provider.discover();
    const events: GpuHealthEvent[] = [];
    provider.onHealth((event) => events.push(event));
    await eventually(() => expect(first.agent.openStreams).toBe(1));
    await first.agent.close();
    const second = await agentWith(first.simulated, port);
    await eventually(() => expect(second.agent.openStreams).toBe(1));
    first.simulated.emitHealth({ gpuId: 'sim-gpu-host-a-0', source: 'xid', code: 13, severity: 'temporary', message: 'XID 13' });
    await eventually(() => expect(events.some((event) => event.source === 'xid')).toBe(true));
  });

  it('validates its options', () => {
    expect(() => createAgentGpuProvider({ url: 'ftp://host', token })).toThrow(ConfigError);
    expect(() => createAgentGpuProvider({ url: 'http://host:9470', token: '' })).toThrow(/token/);
  });
});
