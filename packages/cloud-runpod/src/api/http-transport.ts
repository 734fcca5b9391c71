import type { Clock, Logger } from '@aima/core';
import axios, { type AxiosInstance, isAxiosError } from 'axios';
import PQueue from 'p-queue';
import { linkedController, raceAbort } from './abort.js';
import { parseRetryAfter } from './classify-failure.js';
import { type HttpAnswer, noAnswerFailure, responseFailure, type TryOutcome } from './http-failure.js';
import { type RetryPolicy, retryDelayFor } from './retry-policy.js';
import type { RunpodApiError } from './runpod-api-error.js';

/** Settings of an {@link HttpTransport}; validated by the factories that build one. */
export interface HttpTransportOptions {
  readonly providerId: string;
  readonly apiKey: string;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Per try, measured on the clock. */
  readonly requestTimeoutMs: number;
  readonly retry: RetryPolicy;
  /** Requests in flight at once. */
  readonly concurrency: number;
  readonly userAgent: string;
}

/** One call to RunPod. */
export interface TransportRequest {
  /** What the call does, for messages and logs, e.g. `"list pods"`. */
  readonly operation: string;
  readonly method: 'GET' | 'POST' | 'DELETE';
  readonly url: string;
  readonly body?: unknown;
  /** Safe to send again after a 5xx, a timeout or a dropped connection (429s are always retried). */
  readonly idempotent: boolean;
  readonly signal?: AbortSignal | undefined;
}

/** The HTTP answer that ended the retries, whatever its status. */
export type TransportResponse = HttpAnswer;

/** Sends requests with the key, a User-Agent, a timeout, bounded concurrency and retries. */
export interface HttpTransport {
  send(request: TransportRequest): Promise<TransportResponse>;
  /** Turns a non-2xx answer into a {@link RunpodApiError} with a safe message. */
  failure(operation: string, response: TransportResponse): RunpodApiError;
  close(): void;
}

type Outcome = TryOutcome;

export function createHttpTransport(options: HttpTransportOptions): HttpTransport {
  const http: AxiosInstance = axios.create({
    validateStatus: () => true,
    headers: { Accept: 'application/json', 'User-Agent': options.userAgent },
  });
  const queue = new PQueue({ concurrency: options.concurrency });
  const secrets = [options.apiKey];

  async function once(request: TransportRequest): Promise<Outcome> {
    const { controller, dispose } = linkedController(request.signal);
    let timedOut = false;
    const timer = options.clock.setTimer(options.requestTimeoutMs, () => {
      timedOut = true;
      controller.abort(new Error('request timed out'));
    });
    try {
      const response = await http.request({
        method: request.method,
        url: request.url,
        data: request.body,
        signal: controller.signal,
        headers: { Authorization: `Bearer ${options.apiKey}` },
      });
      const retryAfterMs = parseRetryAfter(response.headers['retry-after'], options.clock.now());
      return { kind: 'response', response: { status: response.status, body: response.data, retryAfterMs } };
    } catch (error) {
      if (request.signal?.aborted) throw request.signal.reason;
      if (timedOut) return { kind: 'timeout' };
      const code = isAxiosError(error) ? error.code : undefined;
      return { kind: code === 'ECONNREFUSED' || code === 'ENOTFOUND' ? 'refused' : 'dropped', ...(code !== undefined && { code }) };
    } finally {
      timer.cancel();
      dispose();
    }
  }

  function log(request: TransportRequest, outcome: Outcome, attempt: number, startedAt: number): void {
    options.logger.debug('runpod request', {
      operation: request.operation,
      method: request.method,
      path: new URL(request.url).pathname,
      outcome: outcome.kind === 'response' ? outcome.response.status : outcome.kind,
      attempt,
      durationMs: options.clock.now() - startedAt,
    });
  }

  return {
    async send(request) {
      for (let attempt = 1; ; attempt++) {
        request.signal?.throwIfAborted();
        const startedAt = options.clock.now();
        const outcome = await raceAbort(
          queue.add(() => once(request), { throwOnTimeout: true }),
          request.signal,
        );
        log(request, outcome, attempt, startedAt);
        const delay = retryDelayFor(options.retry, outcome, request.idempotent, attempt);
        if (delay === undefined) {
          if (outcome.kind === 'response') return outcome.response;
          throw noAnswerFailure(options.providerId, request.operation, outcome, options.requestTimeoutMs);
        }
        await options.clock.sleep(delay, request.signal);
      }
    },
    failure: (operation, response) => responseFailure(options.providerId, operation, response, secrets),
    close() {
      queue.clear();
    },
  };
}
