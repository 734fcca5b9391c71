import type { RandomSource } from '@aima/core';

/** How long to wait between attempts. */
export interface BackoffPolicy {
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly random: RandomSource;
}

/**
 * Delay before retry number `attempt` (0 for the first retry): `base × 2^attempt`, capped, then
 * jittered to between half and all of it so that clients do not retry in step. A Retry-After
 * the server sent is a floor.
 */
export function backoffDelayMs(attempt: number, policy: BackoffPolicy, retryAfterMs?: number): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  const jittered = Math.round(exponential * (0.5 + 0.5 * policy.random.next()));
  return retryAfterMs === undefined ? jittered : Math.max(retryAfterMs, jittered);
}

/** Reads a Retry-After header (seconds or an HTTP date). Vast normally sends none (reference A2). */
export function parseRetryAfterMs(header: unknown, nowMs: number): number | undefined {
  if (typeof header !== 'string' || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.round(seconds * 1000));
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}
