import { type GpuDevice, type GpuHealthEvent, type LocalGpuProvider, ProviderError, silentLogger, systemClock } from '@aima/core';
import { z } from 'zod';
import { ListenerSet } from '../provider/listener-set.js';
import { clockSchema, loggerSchema, parseOptions } from '../provider/provider-options.js';
import type { NvmlGpuSample } from '../sample/nvml-gpu-sample.js';
import { AgentClient, type FetchFunction } from './agent-client.js';
import { type AgentStreamLine, agentRoutes, devicesResponseSchema, samplesResponseSchema } from './agent-protocol.js';
import { HealthStreamClient } from './health-stream-client.js';

/** Options of `createAgentGpuProvider`. */
export const agentGpuProviderOptionsSchema = z.strictObject({
  /** The agent's base URL, e.g. `http://gpu-host-a:9470/`. */
  url: z.url({ protocol: /^https?$/ }),
  /** The agent's bearer token. */
  token: z.string().min(1),
  /** @default "agent@<host:port>" */
  id: z.string().min(1).optional(),
  /** @default globalThis.fetch */
  fetch: z.custom<FetchFunction>((value) => typeof value === 'function', 'must be a fetch function').optional(),
  /** @default 10000 */
  requestTimeoutMs: z.number().int().positive().default(10_000),
  /** Wait before reconnecting a broken health stream. @default 1000 */
  reconnectDelayMs: z.number().int().nonnegative().default(1000),
  /** @default systemClock */
  clock: clockSchema.default(() => systemClock),
  /** @default silentLogger */
  logger: loggerSchema.default(() => silentLogger),
});

export type AgentGpuProviderOptions = z.input<typeof agentGpuProviderOptionsSchema>;
type Resolved = z.output<typeof agentGpuProviderOptionsSchema>;

function isOutage(error: unknown): boolean {
  return ProviderError.isInstance(error) && (error.kind === 'unavailable' || error.kind === 'transient');
}

class AgentProvider implements LocalGpuProvider {
  readonly id: string;
  private devices: GpuDevice[] | undefined;
  private closed = false;
  private reachable = true;
  private readonly client: AgentClient;
  private readonly stream: HealthStreamClient;
  private readonly health: ListenerSet<GpuHealthEvent>;

  constructor(private readonly options: Resolved) {
    const baseUrl = new URL(options.url.endsWith('/') ? options.url : `${options.url}/`);
    this.id = options.id ?? `agent@${baseUrl.host}`;
    const fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.client = new AgentClient({
      providerId: this.id,
      baseUrl,
      token: options.token,
      fetch,
      requestTimeoutMs: options.requestTimeoutMs,
    });
    this.health = new ListenerSet(options.logger, () => this.listenersChanged());
    this.stream = new HealthStreamClient({
      client: this.client,
      clock: options.clock,
      logger: options.logger,
      reconnectDelayMs: options.reconnectDelayMs,
      onLine: (line) => this.received(line),
      onDown: (reason) => this.unreachable(reason),
    });
  }

  async discover(signal?: AbortSignal): Promise<GpuDevice[]> {
    this.check(signal);
    const body = await this.client.getJson(agentRoutes.devices.slice(1), devicesResponseSchema, signal);
    this.check(signal);
    this.reachable = true;
    this.devices = body.devices.map((device) => ({ ...device, providerId: this.id }));
    return this.devices.map((device) => ({ ...device }));
  }

  async sample(signal?: AbortSignal): Promise<NvmlGpuSample[]> {
    this.check(signal);
    try {
      const body = await this.client.getJson(agentRoutes.samples.slice(1), samplesResponseSchema, signal);
      this.check(signal);
      this.reachable = true;
      return body.samples;
    } catch (error) {
      const devices = this.devices;
      if (signal?.aborted || this.closed || !isOutage(error) || !devices) throw error;
      const message = error instanceof Error ? error.message : String(error);
      this.unreachable(message);
      const at = this.options.clock.now();
      return devices.map((device) => ({
        gpuId: device.id,
        at,
        memoryTotalMb: Math.round(device.vramGb * 1024),
        memoryUsedMb: 0,
        processes: [],
        status: 'error',
        error: message,
      }));
    }
  }

  onHealth(listener: (event: GpuHealthEvent) => void): () => void {
    return this.health.add(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.health.clear();
    await this.stream.stop();
  }

  private check(signal: AbortSignal | undefined): void {
    signal?.throwIfAborted();
    if (this.closed) throw new ProviderError(this.id, 'unavailable', 'the provider is closed; create a new one');
  }

  private listenersChanged(): void {
    if (this.health.size > 0 && !this.closed) this.stream.start();
    else void this.stream.stop();
  }

  private received(line: AgentStreamLine): void {
    if (line.type === 'hello') this.reachable = true;
    if (line.type === 'health') this.health.emit(line.event);
  }

  /** Reports an outage once, as a heartbeat event for every GPU the agent serves. */
  private unreachable(reason: string): void {
    if (!this.reachable) return;
    this.reachable = false;
    const at = this.options.clock.now();
    for (const device of this.devices ?? []) {
      this.health.emit({
        gpuId: device.id,
        at,
        source: 'heartbeat',
        code: 'agent-unreachable',
        severity: 'temporary',
        message: `the GPU agent is unreachable: ${reason}`,
      });
    }
  }
}

/**
 * A LocalGpuProvider for GPUs on another host, through that host's agent (`aima-gpu-agent`).
 * Health events arrive over a long-lived stream while listeners exist; an unreachable agent
 * becomes `error` samples and one `heartbeat` health event per GPU.
 */
export function createAgentGpuProvider(options: AgentGpuProviderOptions): LocalGpuProvider {
  return new AgentProvider(parseOptions(agentGpuProviderOptionsSchema, options, 'agent GPU provider options'));
}
