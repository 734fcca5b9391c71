import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Clock, createSeededRandom, systemClock } from '@aima/core';
import { defaultFakeGpuTypes, type FakeGpuType } from './fake-catalog.js';
import { FakeFaultQueue, type FakeFaultResponse, type FakeRequestFacts, type FakeSurface } from './fake-faults.js';
import { answerGraphql, rootFieldsOf } from './fake-graphql.js';
import { isRefusedUserAgent, keyOf, readBody, send } from './fake-http.js';
import { defaultPodTimeline, type FakePodSpec, FakePodStore, type FakePodTimeline } from './fake-pods.js';
import { answerRest, type FakeAnswer, problem } from './fake-rest.js';
import { type FakeJobScript, FakeServerless } from './fake-serverless.js';

/** Options of {@link startFakeRunpodServer}. */
export interface FakeRunpodServerOptions {
  /** The one key the fake accepts. @default 'fake-runpod-key' */
  readonly apiKey?: string;
  /** Drives pod and job lifecycles; share a VirtualClock with the client under test. @default systemClock */
  readonly clock?: Clock;
  /** Seed of pod ids, job ids and port numbers. @default 1 */
  readonly seed?: number;
  /** @default defaultFakeGpuTypes */
  readonly gpuTypes?: readonly FakeGpuType[];
  /** How pods come up; a function picks per pod (e.g. by name). @default defaultPodTimeline */
  readonly podTimeline?: FakePodTimeline | ((spec: FakePodSpec) => FakePodTimeline);
  /** Whether `podRentInterruptable` works; false answers "Spot pods are no longer offered". @default true */
  readonly spotOffered?: boolean;
  /** Serverless endpoint ids that exist. @default ['aimafake01'] */
  readonly endpointIds?: readonly string[];
  /** How each submitted serverless job behaves. @default completes after 1 s queued and 3 s running */
  readonly jobScript?: (input: unknown, endpointId: string) => FakeJobScript;
}

/** One request the fake saw. */
export interface FakeRecordedRequest {
  readonly surface: FakeSurface | 'unknown';
  readonly method: string;
  readonly path: string;
  readonly operation?: string | undefined;
  readonly userAgent?: string | undefined;
  readonly authorized: boolean;
  /** The JSON body, when there was one. */
  readonly body?: unknown;
}

/**
 * A RunPod test double on loopback: GraphQL (`/graphql`), the REST v2 pod routes (`/v2/pods`)
 * and the serverless job routes (`/v2/{endpointId}/run|status|stream|cancel|health`), with
 * state on an injectable clock and fault injection. Behaviour follows the reference's checklist
 * (B10) and the recorded payloads.
 */
export interface FakeRunpodServer {
  readonly url: string;
  /** Point `graphqlUrl` options here. */
  readonly graphqlUrl: string;
  /** Point `restUrl` options here (paths start with `/v2/`). */
  readonly restUrl: string;
  /** Point serverless `baseUrl` options here. */
  readonly serverlessUrl: string;
  readonly apiKey: string;
  readonly pods: FakePodStore;
  readonly serverless: FakeServerless;
  readonly faults: FakeFaultQueue;
  /** Every request so far, oldest first. */
  readonly requests: FakeRecordedRequest[];
  gpuTypes: readonly FakeGpuType[];
  spotOffered: boolean;
  /** Requests being answered now, not counting hanging ones. */
  busy(): number;
  /** Resolves (in real time) once no request is being answered. */
  waitForIdle(): Promise<void>;
  close(): Promise<void>;
}

export async function startFakeRunpodServer(options: FakeRunpodServerOptions = {}): Promise<FakeRunpodServer> {
  const clock = options.clock ?? systemClock;
  const random = createSeededRandom(options.seed ?? 1);
  const timeline = options.podTimeline ?? defaultPodTimeline;
  const pods = new FakePodStore(clock, random, typeof timeline === 'function' ? timeline : () => timeline);
  const serverless = new FakeServerless(clock, random, new Set(options.endpointIds ?? ['aimafake01']), options.jobScript ?? (() => ({})));
  let busy = 0;
  const state = {
    apiKey: options.apiKey ?? 'fake-runpod-key',
    pods,
    serverless,
    faults: new FakeFaultQueue(),
    requests: [] as FakeRecordedRequest[],
    gpuTypes: options.gpuTypes ?? defaultFakeGpuTypes,
    spotOffered: options.spotOffered ?? true,
  };
  const server = createServer((request, response) => {
    busy++;
    let counted = true;
    const done = () => {
      if (counted) busy--;
      counted = false;
    };
    response.on('close', done);
    handle(state, request, response, done).catch((error: unknown) => {
      if (!response.headersSent) send(response, 500, { error: `fake failure: ${String(error)}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(state, {
    url,
    graphqlUrl: `${url}/graphql`,
    restUrl: url,
    serverlessUrl: `${url}/v2`,
    busy: () => busy,
    async waitForIdle() {
      while (busy > 0) await new Promise((resolve) => setImmediate(resolve));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

type State = Pick<FakeRunpodServer, 'apiKey' | 'pods' | 'serverless' | 'faults' | 'requests' | 'gpuTypes' | 'spotOffered'>;

async function handle(state: State, request: IncomingMessage, response: ServerResponse, unbusy: () => void): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://fake.invalid');
  const method = (request.method ?? 'GET').toUpperCase();
  const segments = url.pathname.split('/').filter((segment) => segment !== '');
  const surface = surfaceOf(segments);
  const { body, length, malformed } = await readBody(request);
  const operation = surface === 'graphql' ? rootFieldsOf(body) : surface === 'serverless' ? segments[2] : undefined;
  const userAgent = request.headers['user-agent'];
  const authorized = keyOf(request, url) === state.apiKey;
  state.requests.push({ surface, method, path: url.pathname, operation, userAgent, authorized, ...(body !== undefined && { body }) });
  if (surface === 'unknown') {
    send(response, 404, { error: 'not found' });
    return;
  }
  const fault = state.faults.take({ surface, method, path: url.pathname, operation } satisfies FakeRequestFacts);
  const takesEffect = fault !== undefined && ('lost' in fault || 'replaced' in fault);
  if (fault !== undefined && !takesEffect) {
    applyFault(fault, request, response, unbusy);
    return;
  }
  if (!authorized) {
    unauthorized(response, surface);
    return;
  }
  if (surface === 'rest' && isRefusedUserAgent(userAgent)) {
    send(response, 403, 'error code: 1010');
    return;
  }
  if (malformed) {
    send(response, 400, { error: 'body is not JSON' });
    return;
  }
  const answer = route(state, surface, method, segments, body, length);
  if (fault !== undefined && 'replaced' in fault) {
    send(response, fault.replaced.status, fault.replaced.body);
    return;
  }
  if (fault !== undefined) {
    unbusy();
    return;
  }
  const headers = surface === 'rest' ? { 'ratelimit-policy': '"minute";q=60;w=60', ...answer.headers } : answer.headers;
  send(response, answer.status, answer.body, headers);
}

function surfaceOf(segments: readonly string[]): FakeSurface | 'unknown' {
  if (segments[0] === 'graphql' && segments.length === 1) return 'graphql';
  if (segments[0] !== 'v2' || segments[1] === undefined) return 'unknown';
  return segments[1] === 'pods' ? 'rest' : 'serverless';
}

function route(state: State, surface: FakeSurface, method: string, segments: readonly string[], body: unknown, length: number): FakeAnswer {
  if (surface === 'graphql') {
    if (method !== 'POST') return { status: 405, body: { errors: [{ message: 'GraphQL only supports POST here.' }] } };
    return answerGraphql({ store: state.pods, gpuTypes: () => state.gpuTypes, spotOffered: () => state.spotOffered }, body);
  }
  if (surface === 'rest')
    return answerRest({ store: state.pods, gpuTypes: () => state.gpuTypes }, method, segments, body) ?? problem(404, 'not found');
  if (length > 10 * 1024 * 1024) return { status: 400, body: { error: 'payload exceeds 10 MB' } };
  return state.serverless.answer(method, segments[1] ?? '', segments[2], segments[3], body);
}

function unauthorized(response: ServerResponse, surface: FakeSurface): void {
  if (surface === 'rest') {
    const answer = problem(401, 'invalid or missing API key');
    send(response, answer.status, answer.body, answer.headers);
    return;
  }
  send(response, 401, surface === 'graphql' ? { errors: [{ message: 'Unauthorized' }] } : { error: 'Unauthorized' });
}

function applyFault(fault: FakeFaultResponse, request: IncomingMessage, response: ServerResponse, unbusy: () => void): void {
  if (!('status' in fault)) {
    unbusy();
    return;
  }
  if ('reset' in fault) {
    request.socket.destroy();
    return;
  }
  send(response, fault.status, fault.body, fault.headers);
}
