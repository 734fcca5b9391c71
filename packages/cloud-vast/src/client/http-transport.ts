import type { Clock, Logger } from '@aima/core';
import axios, { type AxiosInstance } from 'axios';
import type { RateLimit, VastEndpoint } from './endpoints.js';
import { createRateLimiter } from './rate-limiter.js';
import { createRedactor } from './redact.js';
import { type BackoffPolicy, backoffDelayMs, parseRetryAfterMs } from './retry.js';
import { VastApiError } from './vast-api-error.js';

/** Settings of the HTTP layer under the Vast client. */
export interface HttpTransportConfig {
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly requestTimeoutMs: number;
  readonly retries: number;
  readonly backoff: BackoffPolicy;
  readonly rateLimits: false | Partial<Record<VastEndpoint, RateLimit>>;
  readonly clock: Clock;
  readonly logger: Logger;
}

/** One call. `path` is relative to the v0 base (`bundles/`) or absolute from the host (`/api/v1/...`). */
export interface VastRequest {
  readonly endpoint: VastEndpoint;
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Route template for messages and logs, e.g. `PUT /asks/{id}/`. */
  readonly call: string;
  readonly path: string;
  readonly query?: Readonly<Record<string, string>>;
  readonly body?: unknown;
  /** `rate-limit-only` for calls that must not run twice (renting): only a 429 is retried. */
  readonly retry: 'all' | 'rate-limit-only';
}

/** The final answer after retries: any HTTP status; network failures and timeouts throw instead. */
export interface VastResponse {
  readonly status: number;
  readonly text: string;
  readonly retryAfterMs?: number;
}

export interface HttpTransport {
  send(request: VastRequest, signal?: AbortSignal): Promise<VastResponse>;
  /** Removes the API key (and any bearer token) from text. */
  redact(text: string): string;
  close(): void;
}

type Attempt = { readonly response: VastResponse } | { readonly failure: VastApiError };

/** HTTP with timeouts on the injected clock, retries with backoff and jitter, and per-endpoint rate limits. */
export function createHttpTransport(config: HttpTransportConfig): HttpTransport {
  const redact = createRedactor(config.apiKey);
  const limiter = createRateLimiter(config.rateLimits);
  const closing = new AbortController();
  const http = createAxios(config.apiKey);

  async function attemptOnce(request: VastRequest, signal: AbortSignal | undefined): Promise<Attempt> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = config.clock.setTimer(config.requestTimeoutMs, () => {
      timedOut = true;
      controller.abort();
    });
    const stop = forward([signal, closing.signal], controller);
    try {
      const response = await http.request({
        method: request.method,
        url: urlOf(config.baseUrl, request),
        data: request.body,
        signal: controller.signal,
      });
      const retryAfterMs = parseRetryAfterMs(response.headers['retry-after'], config.clock.now());
      return {
        response: {
          status: response.status,
          text: typeof response.data === 'string' ? redact(response.data) : '',
          ...(retryAfterMs !== undefined && { retryAfterMs }),
        },
      };
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (closing.signal.aborted) throw closing.signal.reason;
      return { failure: transportFailure(request, error, timedOut ? config.requestTimeoutMs : undefined, redact) };
    } finally {
      timer.cancel();
      stop();
    }
  }

  async function send(request: VastRequest, signal?: AbortSignal): Promise<VastResponse> {
    signal?.throwIfAborted();
    if (closing.signal.aborted) throw closing.signal.reason;
    for (let attempt = 0; ; attempt++) {
      const outcome = await limiter.run(request.endpoint, () => attemptOnce(request, signal), anySignal(signal, closing.signal));
      const retryAfterMs = 'response' in outcome ? outcome.response.retryAfterMs : undefined;
      const retryable = isRetryable(outcome, request.retry) && (retryAfterMs ?? 0) <= config.backoff.maxDelayMs;
      if (!retryable || attempt >= config.retries) {
        if ('failure' in outcome) throw outcome.failure;
        return outcome.response;
      }
      const delayMs = backoffDelayMs(attempt, config.backoff, retryAfterMs);
      config.logger.warn('vast: retrying a Vast.ai call', { call: request.call, attempt: attempt + 1, delayMs, ...describe(outcome) });
      await config.clock.sleep(delayMs, signal);
    }
  }

  return {
    send,
    redact,
    close() {
      closing.abort(new VastApiError('unavailable', 'the Vast.ai client is closed'));
      limiter.close();
    },
  };
}

function createAxios(apiKey: string): AxiosInstance {
  return axios.create({
    headers: { Authorization: `Bearer ${apiKey}`, Accept: 'application/json', 'User-Agent': 'aima-cloud-vast/0.1.0' },
    responseType: 'text',
    transformResponse: [(data: unknown) => data],
    validateStatus: () => true,
    // A redirect could carry the Authorization header elsewhere; report it instead (reference A1: 308 from vast.ai).
    maxRedirects: 0,
    timeout: 0,
  });
}

function urlOf(baseUrl: string, request: VastRequest): string {
  const origin = new URL(baseUrl).origin;
  const url = request.path.startsWith('/') ? `${origin}${request.path}` : `${baseUrl}/${request.path}`;
  const query = request.query === undefined ? '' : `?${new URLSearchParams(request.query).toString()}`;
  return url + query;
}

function isRetryable(outcome: Attempt, policy: VastRequest['retry']): boolean {
  if ('failure' in outcome) return policy === 'all';
  const { status } = outcome.response;
  return status === 429 || (policy === 'all' && status >= 500);
}

function describe(outcome: Attempt): Record<string, unknown> {
  return 'failure' in outcome ? { failure: outcome.failure.message } : { status: outcome.response.status };
}

/** A network error or timeout as a `VastApiError` whose cause holds no request config or headers. */
function transportFailure(
  request: VastRequest,
  error: unknown,
  timeoutMs: number | undefined,
  redact: (text: string) => string,
): VastApiError {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : 'ERROR';
  const detail = redact(error instanceof Error ? error.message : String(error));
  const cause = new Error(`${code}: ${detail}`);
  cause.name = 'VastTransportError';
  if (timeoutMs !== undefined) {
    return new VastApiError(
      'transient',
      `${request.call} timed out after ${timeoutMs} ms. Vast.ai is slow; try again later or raise requestTimeoutMs.`,
      { cause },
    );
  }
  return new VastApiError('transient', `${request.call} could not reach Vast.ai (${code}). Check the network and the baseUrl option.`, {
    cause,
  });
}

/** Aborts `target` when any source aborts; returns a function that stops listening. */
function forward(sources: readonly (AbortSignal | undefined)[], target: AbortController): () => void {
  const abort = () => target.abort();
  for (const source of sources) {
    if (source?.aborted) target.abort();
    source?.addEventListener('abort', abort, { once: true });
  }
  return () => {
    for (const source of sources) source?.removeEventListener('abort', abort);
  };
}

/** The first of two signals to abort, with its reason. */
function anySignal(first: AbortSignal | undefined, second: AbortSignal): AbortSignal {
  return first === undefined ? second : AbortSignal.any([first, second]);
}
