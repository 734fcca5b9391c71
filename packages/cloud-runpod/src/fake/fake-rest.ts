import type { FakeGpuType } from './fake-catalog.js';
import { restPodView } from './fake-pod-views.js';
import { capacityOf, type FakePod, type FakePodStore } from './fake-pods.js';

/** What the REST v2 pod routes read and change. */
export interface FakeRestContext {
  readonly store: FakePodStore;
  readonly gpuTypes: () => readonly FakeGpuType[];
}

export interface FakeAnswer {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  422: 'Unprocessable Entity',
  405: 'Method Not Allowed',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};

/** An RFC 9457 problem as REST v2 sends it (B4); `errors` only on 422. */
export function problem(status: number, detail: string, errors?: readonly string[]): FakeAnswer {
  return {
    status,
    body: { title: titles[status] ?? 'Error', status, detail, ...(errors !== undefined && { errors }) },
    headers: { 'content-type': 'application/problem+json' },
  };
}

/** The recorded capacity answer (`rest-v2-error-400-no-capacity.json`). */
export const restNoCapacityDetail =
  'There are no longer any instances available with the requested specifications. Please refresh and try again.';

const createKeys = new Set([
  'name',
  'image',
  'gpu',
  'cpu',
  'cloud',
  'dataCenterIds',
  'disk',
  'ports',
  'env',
  'args',
  'registry',
  'mounts',
  'startSsh',
  'startJupyter',
  'templateId',
  'globalNetworking',
]);
const gpuKeys = new Set(['id', 'count', 'allowedCudaVersions', 'minCudaVersion']);

/** Answers `/v2/pods...`; undefined for a path it does not serve. */
export function answerRest(context: FakeRestContext, method: string, segments: readonly string[], body: unknown): FakeAnswer | undefined {
  const [, resource, podId, action] = segments;
  if (resource !== 'pods') return undefined;
  if (podId === undefined) {
    if (method === 'GET')
      return { status: 200, body: { pods: [...context.store.pods.values()].map((pod) => restPodView(context.store, pod)) } };
    if (method === 'POST') return createPod(context, body);
    return problem(405, `method ${method} not allowed`);
  }
  const pod = context.store.pods.get(podId);
  if (pod === undefined) return problem(404, 'pod not found');
  if (action === 'action' && method === 'POST') return podAction(context.store, pod, body);
  if (action !== undefined) return problem(404, 'not found');
  if (method === 'GET') return { status: 200, body: restPodView(context.store, pod) };
  if (method === 'DELETE') {
    context.store.terminate(pod.id);
    return { status: 204 };
  }
  return problem(405, `method ${method} not allowed`);
}

function createPod(context: FakeRestContext, body: unknown): FakeAnswer {
  const errors = createErrors(body);
  if (errors.length > 0) return problem(422, 'Request validation failed.', errors);
  const request = body as Record<string, unknown>;
  const gpu = request.gpu as Record<string, unknown>;
  const cloud = request.cloud === 'COMMUNITY' ? 'COMMUNITY' : 'SECURE';
  const gpuCount = typeof gpu.count === 'number' ? gpu.count : 1;
  const dataCenterId = Array.isArray(request.dataCenterIds) ? (request.dataCenterIds[0] as string | undefined) : undefined;
  const capacity = capacityOf(context.gpuTypes(), { gpuTypeId: String(gpu.id), cloud, gpuCount, dataCenterId });
  if (!capacity.ok)
    return problem(400, capacity.problem === 'unknown-gpu' ? `gpu type "${String(gpu.id)}" does not exist` : restNoCapacityDetail);
  const price = cloud === 'SECURE' ? capacity.type.securePrice : capacity.type.communityPrice;
  if (price === null) return problem(400, restNoCapacityDetail);
  const pod = context.store.create({
    name: String(request.name),
    image: String(request.image),
    env: (request.env ?? {}) as Record<string, string>,
    ports: (request.ports ?? []) as string[],
    gpuTypeId: capacity.type.id,
    gpuCount,
    cloud,
    dataCenterId,
    interruptible: false,
    pricePerGpu: price,
    diskGb: typeof request.disk === 'number' ? request.disk : 50,
  });
  return { status: 201, body: restPodView(context.store, pod) };
}

/** Validation as the OpenAPI states it (`unevaluatedProperties: false`, required name and image). */
function createErrors(body: unknown): string[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return ['$: value must be an object'];
  const request = body as Record<string, unknown>;
  const errors = Object.keys(request)
    .filter((key) => !createKeys.has(key))
    .map((key) => `$: additional properties '${key}' not allowed`);
  if (typeof request.name !== 'string' || request.name === '') errors.push("$: missing property 'name'");
  if (typeof request.image !== 'string' && request.templateId === undefined) errors.push("$: missing property 'image'");
  if (request.cpu !== undefined) errors.push('$.cpu: CPU pods are not served by the fake');
  if (typeof request.gpu !== 'object' || request.gpu === null) return [...errors, "$: missing property 'gpu'"];
  const gpu = request.gpu as Record<string, unknown>;
  for (const key of Object.keys(gpu)) if (!gpuKeys.has(key)) errors.push(`$.gpu: additional properties '${key}' not allowed`);
  if (typeof gpu.id !== 'string') errors.push("$.gpu: missing property 'id'");
  if (request.cloud !== undefined && request.cloud !== 'SECURE' && request.cloud !== 'COMMUNITY')
    errors.push("$.cloud: value must be one of 'SECURE', 'COMMUNITY'");
  if (request.ports !== undefined && !(Array.isArray(request.ports) && request.ports.every((port) => typeof port === 'string')))
    errors.push('$.ports: must be an array of strings');
  return errors;
}

function podAction(store: FakePodStore, pod: FakePod, body: unknown): FakeAnswer {
  const action = (body as Record<string, unknown> | null)?.action;
  if (action !== 'start' && action !== 'stop' && action !== 'restart' && action !== 'terminate') {
    return problem(422, 'Request validation failed.', ["$.action: value must be one of 'start', 'stop', 'restart', 'terminate'"]);
  }
  const allowed = (restPodView(store, pod).actions as string[]).includes(action);
  if (!allowed) return problem(409, `action ${action} is not allowed while the pod is ${store.status(pod)}`);
  if (action === 'terminate') {
    store.terminate(pod.id);
    return { status: 204 };
  }
  if (action === 'stop') store.stop(pod);
  else store.start(pod);
  return { status: 200, body: restPodView(store, pod) };
}
