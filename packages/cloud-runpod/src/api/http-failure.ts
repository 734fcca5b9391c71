import { detailOfBody, nextStep, reasonOfHttpFailure } from './classify-failure.js';
import { redact, truncate } from './redact.js';
import { RunpodApiError } from './runpod-api-error.js';

/** An HTTP answer that ended a call. */
export interface HttpAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly retryAfterMs?: number | undefined;
}

/** How a try ended: an HTTP answer, or none (timeout, connection refused, connection dropped). */
export type TryOutcome =
  | { readonly kind: 'response'; readonly response: HttpAnswer }
  | { readonly kind: 'timeout' | 'refused' | 'dropped'; readonly code?: string | undefined };

/** A non-2xx answer as a {@link RunpodApiError}; vendor text is shortened and the secrets removed. */
export function responseFailure(providerId: string, operation: string, response: HttpAnswer, secrets: readonly string[]): RunpodApiError {
  const detail = detailOfBody(response.body);
  const reason = reasonOfHttpFailure(response.status, detail);
  const said = detail === undefined ? '' : `: ${redact(truncate(detail), secrets)}`;
  return new RunpodApiError(providerId, reason, `${operation} failed with HTTP ${response.status}${said}. ${nextStep[reason]}`, {
    operation,
    status: response.status,
    ...(response.retryAfterMs !== undefined && { retryAfterMs: response.retryAfterMs }),
  });
}

/** A try that got no HTTP answer, as a {@link RunpodApiError}. */
export function noAnswerFailure(
  providerId: string,
  operation: string,
  outcome: Exclude<TryOutcome, { kind: 'response' }>,
  timeoutMs: number,
): RunpodApiError {
  const reason = outcome.kind === 'timeout' ? 'timeout' : 'network';
  const what = outcome.kind === 'timeout' ? `no answer within ${timeoutMs} ms` : `connection failed (${outcome.code ?? 'unknown'})`;
  return new RunpodApiError(providerId, reason, `${operation} failed: ${what}. ${nextStep[reason]}`, { operation });
}
