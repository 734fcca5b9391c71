import type { RunpodErrorReason } from './runpod-api-error.js';

/**
 * The failure messages RunPod is known to send (reference B4), matched case-insensitively. The
 * same words come back from GraphQL (errors in HTTP 200), REST v2 (400 problem+json) and REST v1
 * (500 `{"error":"create pod: …"}`), so matching text is the only way to tell capacity apart.
 */
const messagePatterns: readonly (readonly [RegExp, RunpodErrorReason])[] = [
  [/spot pods are no longer offered/i, 'spot-discontinued'],
  [/no longer any instances available/i, 'no-capacity'],
  [/no instances currently available/i, 'no-capacity'],
  [/does not have the resources to deploy/i, 'no-capacity'],
  [/balance is too low/i, 'low-balance'],
  [/not found/i, 'not-found'],
];

/** The reason a known RunPod message stands for, if it is one. */
export function reasonOfMessage(message: string): RunpodErrorReason | undefined {
  return messagePatterns.find(([pattern]) => pattern.test(message))?.[1];
}

/** The reason for a non-2xx HTTP answer: the body's words first, then the status. */
export function reasonOfHttpFailure(status: number, detail: string | undefined): RunpodErrorReason {
  const fromMessage = detail === undefined ? undefined : reasonOfMessage(detail);
  if (fromMessage !== undefined && fromMessage !== 'not-found') return fromMessage;
  if (status === 401) return 'unauthorized';
  if (status === 402) return 'low-balance';
  if (status === 403) return 'forbidden';
  if (status === 404 || status === 410) return 'not-found';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate-limited';
  if (status >= 500) return 'server-error';
  return 'invalid-request';
}

/**
 * The human-readable part of a RunPod error body, whatever its surface: REST v2 problem+json
 * (`detail`, plus `errors` on 422), REST v1 (`error` or `message`), GraphQL (`errors[0].message`).
 */
export function detailOfBody(body: unknown): string | undefined {
  if (typeof body === 'string') return body.trim() === '' ? undefined : body;
  if (typeof body !== 'object' || body === null) return undefined;
  const record = body as Record<string, unknown>;
  const graphqlMessage = firstGraphqlMessage(record.errors);
  if (graphqlMessage !== undefined) return graphqlMessage;
  const text = [record.detail, record.error, record.message, record.title].find((value) => typeof value === 'string');
  const details = Array.isArray(record.errors) ? record.errors.filter((value) => typeof value === 'string') : [];
  if (typeof text !== 'string') return undefined;
  return details.length > 0 ? `${text} ${details.join('; ')}` : text;
}

function firstGraphqlMessage(errors: unknown): string | undefined {
  if (!Array.isArray(errors)) return undefined;
  const first: unknown = errors[0];
  if (typeof first !== 'object' || first === null) return undefined;
  const message = (first as Record<string, unknown>).message;
  return typeof message === 'string' ? message : undefined;
}

/** `Retry-After` in milliseconds: delta-seconds or an HTTP date, relative to `now`. */
export function parseRetryAfter(value: unknown, now: number): number | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(String(value));
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** What to do next, per reason; appended to every error message. */
export const nextStep: Record<RunpodErrorReason, string> = {
  'no-capacity': 'RunPod has no machine for this request right now; try another offer or later.',
  'spot-discontinued': 'RunPod no longer offers spot pods; launch an on-demand offer instead.',
  'low-balance': 'Add funds to the RunPod account.',
  unauthorized: 'Check the RunPod API key.',
  forbidden: 'The API key lacks access to this call; use a key with read/write scope.',
  'not-found': 'It does not exist (any more).',
  conflict: 'The pod is not in a state that allows this action.',
  'invalid-request': 'RunPod rejected the request as invalid; check the options and inputs.',
  'rate-limited': 'RunPod is rate limiting us; retry later.',
  'server-error': 'RunPod had a server error; retry later.',
  timeout: 'RunPod did not answer in time; retry later.',
  network: 'RunPod could not be reached; check the network and the base URL.',
  'not-reachable': 'The pod was terminated so it bills no more; try another offer.',
  graphql: 'RunPod rejected the GraphQL request.',
  'unexpected-response': 'RunPod answered in a shape this client does not know; the API may have changed.',
};
