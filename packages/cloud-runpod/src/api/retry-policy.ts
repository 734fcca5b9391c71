import { z } from 'zod';
import type { TryOutcome } from './http-failure.js';

/** How a client retries rate limits and transient failures; every wait runs on the injected Clock. */
export const retryPolicySchema = z.strictObject({
  /** Tries per call, the first included. @default 4 */
  maxAttempts: z.number().int().min(1).max(20).default(4),
  /** Wait before the second try; doubles for each further try. @default 500 */
  initialBackoffMs: z.number().int().nonnegative().default(500),
  /** Cap on the doubling backoff. @default 8000 */
  maxBackoffMs: z.number().int().nonnegative().default(8_000),
  /** Cap on a server's `Retry-After`; a longer ask fails the call instead of stalling it. @default 60000 */
  maxRetryAfterMs: z.number().int().nonnegative().default(60_000),
});

export type RetryPolicyInput = z.input<typeof retryPolicySchema>;
export type RetryPolicy = z.output<typeof retryPolicySchema>;

/**
 * Milliseconds to wait before try `attempt + 1` after try `attempt` (1-based) failed; `undefined`
 * when the server asked for longer than `maxRetryAfterMs`.
 */
export function backoffMs(policy: RetryPolicy, attempt: number, retryAfterMs?: number): number | undefined {
  if (retryAfterMs !== undefined) return retryAfterMs > policy.maxRetryAfterMs ? undefined : retryAfterMs;
  return Math.min(policy.maxBackoffMs, policy.initialBackoffMs * 2 ** (attempt - 1));
}

/**
 * Whether an HTTP status is worth another try. A 429 was refused before any work was done, so it
 * is retried for every call; a 5xx may have done the work, so only idempotent calls retry it.
 */
export function isRetryableStatus(status: number, idempotent: boolean): boolean {
  return status === 429 || (idempotent && (status >= 500 || status === 408));
}

/**
 * Milliseconds to wait before trying again after try `attempt`, or undefined to stop. A call that
 * got no answer is retried when it is idempotent, or when the connection was refused (nothing
 * was sent).
 */
export function retryDelayFor(policy: RetryPolicy, outcome: TryOutcome, idempotent: boolean, attempt: number): number | undefined {
  if (attempt >= policy.maxAttempts) return undefined;
  if (outcome.kind === 'response') {
    if (!isRetryableStatus(outcome.response.status, idempotent)) return undefined;
    return backoffMs(policy, attempt, outcome.response.retryAfterMs);
  }
  return outcome.kind === 'refused' || idempotent ? backoffMs(policy, attempt) : undefined;
}
