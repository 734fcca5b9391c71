import { showCharges } from './fake-charges.js';
import { instanceView } from './fake-instance.js';
import type { FakeMarket } from './fake-market.js';
import { readSearchBody, runSearch } from './fake-search.js';

/** A request as the fake's routes see it. */
export interface FakeRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** Parsed JSON body; `undefined` when empty; {@link invalidJson} when not JSON. */
  readonly body: unknown;
}

/** What a route answers. */
export interface FakeResponse {
  readonly status: number;
  readonly json?: unknown;
  readonly text?: string;
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export const invalidJson = Symbol('invalid JSON');

/** Settings the routes read. */
export interface RouteSettings {
  readonly loadingMs: number;
  readonly pageSize: number;
  readonly destroyNotFoundError: 'no_such_instance' | 'not_found';
}

export const json = (status: number, body: unknown): FakeResponse => ({ status, json: body });
const fail = (status: number, error: string, msg: string, extra: Record<string, unknown> = {}) =>
  json(status, { success: false, error, msg, ...extra });

type Route = (market: FakeMarket, request: FakeRequest, settings: RouteSettings, id: string) => FakeResponse;

const routes: readonly { readonly method: string; readonly pattern: RegExp; readonly handle: Route }[] = [
  { method: 'POST', pattern: /^\/api\/v0\/bundles\/?$/, handle: search },
  { method: 'PUT', pattern: /^\/api\/v0\/asks\/([^/]+)\/?$/, handle: createInstance },
  { method: 'GET', pattern: /^\/api\/v0\/instances\/([^/]+)\/?$/, handle: showInstance },
  { method: 'PUT', pattern: /^\/api\/v0\/instances\/([^/]+)\/?$/, handle: manageInstance },
  { method: 'DELETE', pattern: /^\/api\/v0\/instances\/([^/]+)\/?$/, handle: destroyInstance },
  { method: 'GET', pattern: /^\/api\/v1\/instances\/?$/, handle: listInstances },
  { method: 'GET', pattern: /^\/api\/v0\/instances\/?$/, handle: legacyListInstances },
  { method: 'GET', pattern: /^\/api\/v0\/charges\/?$/, handle: (market, request) => showCharges(market, request) },
];

/** Whether a path needs the API key: everything but the offer search (reference A1). */
export function needsAuth(path: string): boolean {
  return !/^\/api\/v0\/bundles\/?$/.test(path);
}

/** Finds and runs the route for a request. */
export function route(market: FakeMarket, request: FakeRequest, settings: RouteSettings): FakeResponse {
  if (request.body === invalidJson) return fail(400, 'invalid_args', 'Request body is not valid JSON');
  for (const candidate of routes) {
    const match = candidate.method === request.method ? candidate.pattern.exec(request.path) : null;
    if (match) return candidate.handle(market, request, settings, match[1] ?? '');
  }
  return fail(404, 'not_found', `No route for ${request.method} ${request.path}`);
}

function search(market: FakeMarket, request: FakeRequest): FakeResponse {
  const read = readSearchBody(request.body);
  if ('error' in read) return fail(400, 'bad_request', read.error);
  return json(200, { offers: runSearch(market.searchable(), read.search) });
}

function createInstance(market: FakeMarket, request: FakeRequest, _settings: RouteSettings, id: string): FakeResponse {
  const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<string, unknown>;
  if (!/^\d+$/.test(id)) return fail(400, 'invalid_args', "error 400/3467: Invalid args: 'id' is required and must be a valid offer ID");
  const problem = createProblem(body);
  if (problem !== undefined) return fail(400, problem.error, problem.msg, { ask_id: Number(id) });
  const offer = market.offers.get(Number(id));
  const vanished = market.vanished.get(Number(id));
  if (offer === undefined || vanished === 404) {
    return fail(404, 'invalid_args', `error 404/3603: no_such_ask Instance type by id ${id} is not available.`, { ask_id: Number(id) });
  }
  if (vanished === 400) return fail(400, 'no_such_ask', `no_such_ask: ask ${id} is not available.`, { ask_id: Number(id) });
  if (vanished === 410 || offer.rented) {
    return fail(410, 'no_such_ask', `error 410/3907: no_such_ask Instance type ${id} is no longer available.`, { ask_id: Number(id) });
  }
  const instance = market.rent(offer, body);
  if (instance.stopped) {
    const msg = `Your bid of $${body.price}/hr is below the minimum of $${offer.min_bid}/hr; the instance was created stopped.`;
    return json(200, { success: false, error: 'insufficient_bid', msg, new_contract: instance.id });
  }
  return json(200, { success: true, new_contract: instance.id, instance_api_key: `fake-instance-key-${instance.id}` });
}

function createProblem(body: Readonly<Record<string, unknown>>): { error: string; msg: string } | undefined {
  if (typeof body.image !== 'string' || body.image === '') return { error: 'invalid_args', msg: 'image is required' };
  if (body.env !== undefined && (typeof body.env !== 'object' || body.env === null || Array.isArray(body.env))) {
    return { error: 'invalid_args', msg: 'env must be a dict' };
  }
  if (typeof body.label === 'string' && body.label.length > 256)
    return { error: 'label_too_long', msg: 'label must be at most 256 characters' };
  const price = body.price;
  if (price !== undefined && (typeof price !== 'number' || price < 0.001 || price > 128)) {
    return { error: 'invalid_price', msg: 'Please set a bid price >= 0.001.' };
  }
  return undefined;
}

function showInstance(market: FakeMarket, _request: FakeRequest, settings: RouteSettings, id: string): FakeResponse {
  if (!/^\d+$/.test(id)) return fail(400, 'invalid_args', 'invalid instance_id');
  const instance = market.live(Number(id));
  // Plural key even for one instance; null once destroyed (reference A7).
  return json(200, { instances: instance === undefined ? null : instanceView(instance, market.now(), settings.loadingMs) });
}

function manageInstance(market: FakeMarket, request: FakeRequest, _settings: RouteSettings, id: string): FakeResponse {
  const instance = market.live(Number(id));
  if (instance === undefined) return fail(404, 'no_such_instance', `Instance ${id} not found.`);
  const body = (request.body ?? {}) as Record<string, unknown>;
  if (body.state === 'stopped') instance.stopped = true;
  if (body.state === 'running') instance.stopped = false;
  if (typeof body.label === 'string') {
    if (body.label.length > 256) return fail(400, 'label_too_long', 'label must be at most 256 characters');
    instance.label = body.label;
  }
  return json(200, { success: true });
}

function destroyInstance(market: FakeMarket, _request: FakeRequest, settings: RouteSettings, id: string): FakeResponse {
  if (!/^\d+$/.test(id)) return fail(400, 'invalid_args', 'invalid instance_id');
  if (!market.destroy(Number(id))) return fail(404, settings.destroyNotFoundError, 'Instance not found');
  return json(200, { success: true });
}

function listInstances(market: FakeMarket, request: FakeRequest, settings: RouteSettings): FakeResponse {
  const limit = Math.min(settings.pageSize, Number(request.query.limit ?? settings.pageSize) || settings.pageSize);
  const after = request.query.after_token === undefined ? 0 : decodeToken(request.query.after_token);
  if (after === undefined) return fail(400, 'invalid_token', 'Invalid after_token');
  const live = market.liveInstances();
  const page = live.filter((instance) => instance.id > after).slice(0, limit);
  const last = page.at(-1);
  const more = last !== undefined && live.some((instance) => instance.id > last.id);
  const labelCounts: Record<string, number> = {};
  for (const instance of live) labelCounts[instance.label ?? ''] = (labelCounts[instance.label ?? ''] ?? 0) + 1;
  return json(200, {
    success: true,
    instances_found: page.length,
    total_instances: live.length,
    label_counts: labelCounts,
    next_token: more ? Buffer.from(JSON.stringify({ values: { id: last.id } })).toString('base64') : null,
    instances: page.map((instance) => instanceView(instance, market.now(), settings.loadingMs)),
  });
}

function legacyListInstances(market: FakeMarket, _request: FakeRequest, settings: RouteSettings): FakeResponse {
  const live = market.liveInstances();
  return json(200, {
    instances_found: live.length,
    instances: live.map((instance) => instanceView(instance, market.now(), settings.loadingMs)),
  });
}

function decodeToken(token: string): number | undefined {
  try {
    const id = (JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { values?: { id?: unknown } }).values?.id;
    return typeof id === 'number' ? id : undefined;
  } catch {
    return undefined;
  }
}
