import { describe, expect, it } from 'vitest';
import { detailOfBody, parseRetryAfter, reasonOfHttpFailure, reasonOfMessage } from './classify-failure.js';
import { backoffMs, retryDelayFor, retryPolicySchema } from './retry-policy.js';

describe('RunPod failure classification', () => {
  it.each([
    ['There are no longer any instances available with the requested specifications. Please refresh and try again.', 'no-capacity'],
    ['There are no longer any instances available with enough disk space.', 'no-capacity'],
    ['There are no longer any instances available with the request specifications. Please try again later.', 'no-capacity'],
    ['create pod: There are no instances currently available', 'no-capacity'],
    ['create pod: This machine does not have the resources to deploy your pod. Please try a different machine', 'no-capacity'],
    ['create pod: Spot pods are no longer offered', 'spot-discontinued'],
    ['create pod: Your account balance is too low to rent a pod. Please add funds to your account.', 'low-balance'],
    ['pod not found to terminate', 'not-found'],
    ['Something else entirely', undefined],
  ])('reads "%s" as %s', (message, reason) => {
    expect(reasonOfMessage(message)).toBe(reason);
  });

  it('prefers the words of the body to the status, then falls back to the status', () => {
    expect(reasonOfHttpFailure(500, 'create pod: There are no instances currently available')).toBe('no-capacity');
    expect(reasonOfHttpFailure(404, 'pod not found')).toBe('not-found');
    expect([401, 402, 403, 404, 409, 422, 429, 503].map((status) => reasonOfHttpFailure(status, undefined))).toEqual([
      'unauthorized',
      'low-balance',
      'forbidden',
      'not-found',
      'conflict',
      'invalid-request',
      'rate-limited',
      'server-error',
    ]);
  });

  it('finds the message of each surface: problem+json, v1, GraphQL, text', () => {
    expect(detailOfBody({ title: 'Unprocessable Entity', status: 422, detail: 'Request validation failed.', errors: ['$.a: bad'] })).toBe(
      'Request validation failed. $.a: bad',
    );
    expect(detailOfBody({ error: 'create pod: x', status: 500 })).toBe('create pod: x');
    expect(detailOfBody({ errors: [{ message: 'from graphql' }] })).toBe('from graphql');
    expect(detailOfBody('error code: 1010')).toBe('error code: 1010');
    expect(detailOfBody('')).toBeUndefined();
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('3', 0)).toBe(3_000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6_000);
    expect(parseRetryAfter('soon', 0)).toBeUndefined();
  });
});

describe('retry policy', () => {
  const policy = retryPolicySchema.parse({});

  it('doubles the backoff up to the cap and honours Retry-After up to its cap', () => {
    expect([1, 2, 3, 4, 5, 6].map((attempt) => backoffMs(policy, attempt))).toEqual([500, 1_000, 2_000, 4_000, 8_000, 8_000]);
    expect(backoffMs(policy, 1, 12_000)).toBe(12_000);
    expect(backoffMs(policy, 1, 120_000)).toBeUndefined();
  });

  it('retries 429 always, 5xx and lost answers only when idempotent, refused connections always', () => {
    const response = (status: number) => ({ kind: 'response' as const, response: { status, body: undefined } });
    expect(retryDelayFor(policy, response(429), false, 1)).toBe(500);
    expect(retryDelayFor(policy, response(503), false, 1)).toBeUndefined();
    expect(retryDelayFor(policy, response(503), true, 1)).toBe(500);
    expect(retryDelayFor(policy, response(400), true, 1)).toBeUndefined();
    expect(retryDelayFor(policy, { kind: 'timeout' }, false, 1)).toBeUndefined();
    expect(retryDelayFor(policy, { kind: 'refused' }, false, 1)).toBe(500);
    expect(retryDelayFor(policy, response(429), true, policy.maxAttempts)).toBeUndefined();
  });
});
