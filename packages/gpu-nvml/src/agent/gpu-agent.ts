import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type LocalGpuProvider, systemClock } from '@aima/core';
import { z } from 'zod';
import { clockSchema, loggerSchema, parseOptions } from '../provider/provider-options.js';
import { failureStatus, queryOf, RequestError, sendJson } from './agent-http.js';
import { agentRoutes, devicesQuerySchema, healthStreamQuerySchema, samplesQuerySchema } from './agent-protocol.js';
import { createTokenCheck } from './bearer-token.js';
import { HealthStreamHub } from './health-stream-hub.js';

const providerSchema = z.custom<LocalGpuProvider>(
  (value) => typeof value === 'object' && value !== null && 'discover' in value && 'sample' in value && 'onHealth' in value,
  'must be a LocalGpuProvider',
);

/** Options of `startGpuAgent`. */
export const gpuAgentOptionsSchema = z.strictObject({
  /** The GPUs to expose; the agent does not close it. */
  provider: providerSchema,
  /** The bearer token clients must send: at least 16 printable ASCII characters, no spaces. */
  token: z.string().regex(/^[\x21-\x7e]{16,}$/, 'must be at least 16 printable ASCII characters without spaces'),
  /** Address to listen on; use 0.0.0.0 only behind a firewall or TLS proxy. @default '127.0.0.1' */
  host: z.string().min(1).default('127.0.0.1'),
  /** TCP port; 0 picks a free one. @default 9470 */
  port: z.number().int().min(0).max(65_535).default(9470),
  /** Heartbeat interval of health streams unless the client asks for another. @default 15 */
  heartbeatSeconds: z.number().int().min(1).max(300).default(15),
  /** @default systemClock */
  clock: clockSchema.default(() => systemClock),
  /** @default silentLogger */
  logger: loggerSchema.optional(),
});

export type GpuAgentOptions = z.input<typeof gpuAgentOptionsSchema>;

/** A running host agent. */
export interface GpuAgent {
  /** E.g. `http://127.0.0.1:9470`. */
  readonly url: string;
  readonly port: number;
  /** Number of open health streams. */
  readonly openStreams: number;
  /** Ends open streams, stops listening and drops connections. Idempotent. */
  close(): Promise<void>;
}

class Agent implements GpuAgent {
  readonly server: Server;
  private readonly hub: HealthStreamHub;
  private readonly isAuthorised: (authorization: string | undefined) => boolean;
  private readonly unsubscribe: () => void;
  private closing: Promise<void> | undefined;
  url = '';
  port = 0;

  constructor(private readonly options: z.output<typeof gpuAgentOptionsSchema>) {
    this.isAuthorised = createTokenCheck(options.token);
    this.hub = new HealthStreamHub(options.clock, options.provider.id);
    this.unsubscribe = options.provider.onHealth((event) => this.hub.publish(event));
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => this.fail(response, error));
    });
  }

  get openStreams(): number {
    return this.hub.size;
  }

  listen(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port, this.options.host, () => {
        this.server.off('error', reject);
        const address = this.server.address();
        if (address === null || typeof address === 'string') return reject(new Error('the agent is not listening on TCP'));
        this.port = address.port;
        const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
        this.url = `http://${host}:${address.port}`;
        resolve();
      });
    });
  }

  close(): Promise<void> {
    this.closing ??= new Promise((resolve) => {
      this.unsubscribe();
      this.hub.closeAll();
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
    return this.closing;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // The token comes first: without it a client learns nothing, not even which paths exist.
    if (!this.isAuthorised(request.headers.authorization)) {
      response.writeHead(401, { 'www-authenticate': 'Bearer realm="aima-gpu-agent"', 'content-length': 0 });
      response.end();
      return;
    }
    const url = new URL(request.url ?? '/', 'http://agent.invalid');
    const route = Object.values(agentRoutes).find((path) => path === url.pathname);
    if (!route) throw new RequestError(404, `no such route: ${url.pathname}`);
    if (request.method !== 'GET') {
      sendJson(response, 405, { error: 'method-not-allowed', reason: `${request.method ?? ''} is not allowed; use GET` }, { allow: 'GET' });
      return;
    }
    if (Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding']) {
      throw new RequestError(400, 'GET requests take no body');
    }
    await this.route(route, url, response);
  }

  private async route(route: string, url: URL, response: ServerResponse): Promise<void> {
    const { provider } = this.options;
    if (route === agentRoutes.devices) {
      queryOf(url, devicesQuerySchema);
      sendJson(response, 200, { providerId: provider.id, devices: await provider.discover() });
    } else if (route === agentRoutes.samples) {
      const { gpu } = queryOf(url, samplesQuerySchema);
      const samples = await provider.sample();
      sendJson(response, 200, { samples: gpu ? samples.filter((sample) => gpu.includes(sample.gpuId)) : samples });
    } else {
      const { heartbeatSeconds } = queryOf(url, healthStreamQuerySchema);
      this.hub.open(response, heartbeatSeconds ?? this.options.heartbeatSeconds);
    }
  }

  private fail(response: ServerResponse, error: unknown): void {
    const status = error instanceof RequestError ? error.status : failureStatus(error);
    const reason = error instanceof Error ? error.message : String(error);
    if (!(error instanceof RequestError)) this.options.logger?.warn('GPU agent request failed', { status, error: reason });
    if (response.headersSent) response.destroy();
    else
      sendJson(response, status, { error: status === 400 ? 'invalid-request' : status === 404 ? 'not-found' : 'provider-error', reason });
  }
}

/**
 * Starts the host agent (P2, seed 000 §2.3 `GPUAgent`): an HTTP server that exposes this host's
 * GPUs (discovery, samples, health events as a stream) to schedulers on other hosts, behind a
 * bearer token. It subscribes to the provider's health events for its whole life, which keeps the
 * provider's monitoring running.
 */
export async function startGpuAgent(options: GpuAgentOptions): Promise<GpuAgent> {
  const resolved = parseOptions(gpuAgentOptionsSchema, options, 'GPU agent options');
  const agent = new Agent(resolved);
  try {
    await agent.listen();
  } catch (error) {
    await agent.close();
    throw error;
  }
  return agent;
}
