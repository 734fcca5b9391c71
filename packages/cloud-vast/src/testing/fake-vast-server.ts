import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeFaults, type RateLimitBurstOptions, type RequestMatch } from './fake/fake-faults.js';
import { type FakeInstance, instanceView } from './fake/fake-instance.js';
import { FakeMarket, type VanishedStatus } from './fake/fake-market.js';
import { defaultFakeOffers, type FakeOffer } from './fake/fake-offers.js';
import { type FakeRequest, type FakeResponse, invalidJson, needsAuth, type RouteSettings, route } from './fake/fake-routes.js';

export interface FakeVastServerOptions {
  /** The key clients must send. @default 'fake-vast-api-key' */
  readonly apiKey?: string;
  /** Time for instance progress; share the provider's VirtualClock. @default Date.now */
  readonly clock?: { now(): number };
  /** @default defaultFakeOffers() */
  readonly offers?: readonly FakeOffer[];
  /** From creation to `running`. @default 30000 */
  readonly loadingMs?: number;
  /** Instances per page of `GET /api/v1/instances/`. @default 25 */
  readonly pageSize?: number;
  /** What `DELETE` of a missing instance says (the docs and dstack disagree, reference A9). @default 'no_such_instance' */
  readonly destroyNotFoundError?: 'no_such_instance' | 'not_found';
}

/** One request the fake received (without its headers). */
export interface FakeRequestRecord extends FakeRequest {
  /** Epoch ms on the fake's clock. */
  readonly at: number;
  readonly authorized: boolean;
}

/**
 * A fake Vast.ai API on loopback, following reference A12 and the recorded payloads, quirks
 * included (operator objects in search, `{"instances": {...}}`, string host ports, plain-text
 * 429s), with faults to inject. Point a provider at `baseUrl` with `apiKey`.
 */
export interface FakeVastServer {
  /** E.g. `http://127.0.0.1:41234/api/v0`. */
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly requests: readonly FakeRequestRecord[];
  /** The next `count` matching requests fail with `status` (5xx gateway errors as HTML; a 2xx answers a body of the wrong shape). */
  failNext(count: number, status?: number, match?: RequestMatch): void;
  /** The next `count` requests get a 429, plain text by default. */
  rateLimitBurst(count: number, options?: RateLimitBurstOptions): void;
  /** The next `count` matching answers (all by default) are held back `delayMs` real milliseconds; 0 ends it. */
  slowResponses(delayMs: number, count?: number, match?: RequestMatch): void;
  /** The offer disappears from searches; renting it answers `no_such_ask` (404 by default). */
  vanishOffer(offerId: number | string, options?: { readonly status?: VanishedStatus }): void;
  /** The instance (or every instance, also future ones) never leaves `loading`. */
  stickInLoading(instanceId: number | string | 'all'): void;
  /** The container cannot be created: `created` with an OCI runtime error. */
  failContainerStart(instanceId: number | string | 'all'): void;
  /** An interruptible instance loses its GPU to a higher bid. */
  outbid(instanceId: number | string): void;
  /** Destroyed as if from Vast's console. */
  destroyExternally(instanceId: number | string): void;
  addOffer(offer: FakeOffer): void;
  /** Live instances as `GET /instances/{id}/` shows them. */
  liveInstances(): Record<string, unknown>[];
  close(): Promise<void>;
}

/** Starts the fake on 127.0.0.1 and a random port. */
export async function createFakeVastServer(options: FakeVastServerOptions = {}): Promise<FakeVastServer> {
  const apiKey = options.apiKey ?? 'fake-vast-api-key';
  const clock = options.clock ?? { now: () => Date.now() };
  const market = new FakeMarket(options.offers ?? defaultFakeOffers(), () => clock.now());
  const settings: RouteSettings = {
    loadingMs: options.loadingMs ?? 30_000,
    pageSize: options.pageSize ?? 25,
    destroyNotFoundError: options.destroyNotFoundError ?? 'no_such_instance',
  };
  const faults = new FakeFaults();
  const requests: FakeRequestRecord[] = [];
  const timers = new Set<NodeJS.Timeout>();

  async function handle(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
    const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
    const query = Object.fromEntries(url.searchParams);
    const authorized = incoming.headers.authorization === `Bearer ${apiKey}` || query.api_key === apiKey;
    const request: FakeRequestRecord = {
      method: incoming.method ?? 'GET',
      path: url.pathname,
      query,
      body: await readJson(incoming),
      at: clock.now(),
      authorized,
    };
    requests.push(request);
    const unauthorized = needsAuth(request.path) && !authorized;
    const response =
      faults.take(request) ??
      (unauthorized
        ? { status: 401, json: { success: false, error: 'auth_error', msg: 'Invalid user key' } }
        : route(market, request, settings));
    const delayMs = faults.delay(request);
    if (delayMs > 0) await new Promise<void>((resolve) => hold(timers, delayMs, resolve));
    send(outgoing, response);
  }

  const server = createServer((incoming, outgoing) => {
    handle(incoming, outgoing).catch((error: unknown) => send(outgoing, { status: 500, text: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const each = (instanceId: number | string | 'all', apply: (instance: FakeInstance) => void) => {
    const chosen = instanceId === 'all' ? market.liveInstances() : [market.live(Number(instanceId))];
    for (const instance of chosen) if (instance !== undefined) apply(instance);
  };

  return {
    baseUrl: `http://127.0.0.1:${port}/api/v0`,
    apiKey,
    requests,
    failNext: (count, status = 500, match) => faults.failNext(count, status, match),
    rateLimitBurst: (count, burst) => faults.rateLimitBurst(count, burst),
    slowResponses: (delayMs, count, match) => faults.slowResponses(delayMs, count, match),
    vanishOffer: (offerId, vanish) => market.vanished.set(Number(offerId), vanish?.status ?? 404),
    stickInLoading(instanceId) {
      if (instanceId === 'all') market.stickAllInLoading = true;
      each(instanceId, (instance) => (instance.stuckInLoading = true));
    },
    failContainerStart(instanceId) {
      if (instanceId === 'all') market.failAllContainers = true;
      each(instanceId, (instance) => (instance.containerFails = true));
    },
    outbid: (instanceId) => each(instanceId, (instance) => (instance.outbid = true)),
    destroyExternally: (instanceId) => void market.destroy(Number(instanceId)),
    addOffer: (offer) => void market.offers.set(offer.id, { ...offer }),
    liveInstances: () => market.liveInstances().map((instance) => instanceView(instance, clock.now(), settings.loadingMs)),
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A real-time delay that `close()` can cancel. */
function hold(timers: Set<NodeJS.Timeout>, delayMs: number, done: () => void): void {
  const timer = setTimeout(() => {
    timers.delete(timer);
    done();
  }, delayMs);
  timer.unref();
  timers.add(timer);
}

async function readJson(incoming: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return invalidJson;
  }
}

function send(outgoing: ServerResponse, response: FakeResponse): void {
  if (outgoing.writableEnded || outgoing.destroyed) return;
  const body = response.json === undefined ? (response.text ?? '') : JSON.stringify(response.json);
  const contentType = response.json === undefined ? (response.contentType ?? 'text/plain') : 'application/json';
  outgoing.writeHead(response.status, { 'content-type': contentType, ...response.headers });
  outgoing.end(body);
}
