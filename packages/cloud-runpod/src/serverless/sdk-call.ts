import type { Clock, Logger } from '@aima/core';
import type { z } from 'zod';
import { raceAbort } from '../api/abort.js';
import { parseRetryAfter } from '../api/classify-failure.js';
import { noAnswerFailure, responseFailure, type TryOutcome } from '../api/http-failure.js';
import { parseResponse } from '../api/parse-response.js';
import { type RetryPolicy, retryDelayFor } from '../api/retry-policy.js';

/** What calls through runpod-sdk share. */
export interface SdkCallSettings {
  readonly providerId: string;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly retry: RetryPolicy;
  readonly requestTimeoutMs: number;
  readonly secrets: readonly string[];
}

/** One call through runpod-sdk. */
export interface SdkCall<Schema extends z.ZodType> {
  readonly operation: string;
  /** Safe to repeat after a 5xx or a timeout (429s and refused connections are always retried). */
  readonly idempotent: boolean;
  readonly invoke: () => Promise<unknown>;
  readonly schema: Schema;
  readonly signal?: AbortSignal | undefined;
}

/**
 * How a runpod-sdk call failed. The SDK's HTTP library (xior) throws on any non-2xx with
 * `response: { status, data, headers }` (and the request config, Authorization header included,
 * which is why the error itself is never kept); a timeout says "timeout of N ms exceeded"; a
 * network failure is fetch's `TypeError` with the code in `cause`.
 */
export function classifySdkFailure(error: unknown, now: number): TryOutcome {
  const record = (typeof error === 'object' && error !== null ? error : {}) as { response?: unknown; message?: unknown; cause?: unknown };
  const response = (typeof record.response === 'object' && record.response !== null ? record.response : undefined) as
    | { status?: unknown; data?: unknown; headers?: { get?: (name: string) => string | null } }
    | undefined;
  if (typeof response?.status === 'number') {
    const retryAfter = typeof response.headers?.get === 'function' ? response.headers.get('retry-after') : undefined;
    return { kind: 'response', response: { status: response.status, body: response.data, retryAfterMs: parseRetryAfter(retryAfter, now) } };
  }
  if (typeof record.message === 'string' && /^timeout of \d+ms exceeded$/.test(record.message)) return { kind: 'timeout' };
  const code = (record.cause as { code?: unknown } | undefined)?.code;
  const codeText = typeof code === 'string' ? code : undefined;
  return { kind: codeText === 'ECONNREFUSED' || codeText === 'ENOTFOUND' ? 'refused' : 'dropped', code: codeText };
}

type Attempt = { readonly kind: 'ok'; readonly body: unknown } | TryOutcome;

/** Runs a runpod-sdk call with the abort signal, retries and backoff on the clock, and safe errors. */
export async function callSdk<Schema extends z.ZodType>(settings: SdkCallSettings, call: SdkCall<Schema>): Promise<z.output<Schema>> {
  for (let attempt = 1; ; attempt++) {
    call.signal?.throwIfAborted();
    const outcome: Attempt = await raceAbort(
      call.invoke().then(
        (body): Attempt => ({ kind: 'ok', body }),
        (error: unknown) => classifySdkFailure(error, settings.clock.now()),
      ),
      call.signal,
    );
    settings.logger.debug('runpod serverless request', {
      operation: call.operation,
      outcome: outcome.kind === 'response' ? outcome.response.status : outcome.kind,
      attempt,
    });
    if (outcome.kind === 'ok')
      return parseResponse(call.schema, outcome.body, { providerId: settings.providerId, operation: call.operation, status: 200 });
    const delay = retryDelayFor(settings.retry, outcome, call.idempotent, attempt);
    if (delay === undefined) {
      if (outcome.kind === 'response') throw responseFailure(settings.providerId, call.operation, outcome.response, settings.secrets);
      throw noAnswerFailure(settings.providerId, call.operation, outcome, settings.requestTimeoutMs);
    }
    await settings.clock.sleep(delay, call.signal);
  }
}
