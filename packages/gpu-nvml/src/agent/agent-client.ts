import { ProviderError, type ProviderErrorKind } from '@aima/core';
import type { z } from 'zod';
import { errorResponseSchema } from './agent-protocol.js';

export type FetchFunction = typeof globalThis.fetch;

export interface AgentClientSettings {
  readonly providerId: string;
  readonly baseUrl: URL;
  readonly token: string;
  readonly fetch: FetchFunction;
  readonly requestTimeoutMs: number;
}

function kindOfStatus(status: number): ProviderErrorKind {
  if (status === 400) return 'invalid-request';
  if (status === 401 || status === 403) return 'auth';
  if (status === 404) return 'not-found';
  if (status === 429) return 'rate-limit';
  if (status === 502) return 'unavailable';
  return status >= 500 ? 'transient' : 'unknown';
}

/**
 * The HTTP side of the agent provider: authorised requests, timeouts, status → ProviderError.
 * The token goes only into the Authorization header; no message or log ever contains it.
 */
export class AgentClient {
  constructor(private readonly settings: AgentClientSettings) {}

  get origin(): string {
    return this.settings.baseUrl.origin;
  }

  /** Starts a request; `signal` aborts it (and, for a stream, its body). */
  async request(path: string, signal: AbortSignal, accept = 'application/json'): Promise<Response> {
    const { providerId, baseUrl, token } = this.settings;
    let response: Response;
    try {
      response = await this.settings.fetch(new URL(path, baseUrl), { headers: { authorization: `Bearer ${token}`, accept }, signal });
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      const detail = error instanceof Error ? error.message : String(error);
      throw new ProviderError(providerId, 'unavailable', `cannot reach the GPU agent at ${this.origin}: ${detail}`, { cause: error });
    }
    return response.ok ? response : this.raise(response);
  }

  /** GETs JSON and validates it; `signal` (plus the request timeout) aborts it. */
  async getJson<Schema extends z.ZodType>(path: string, schema: Schema, signal?: AbortSignal): Promise<z.output<Schema>> {
    const timeout = AbortSignal.timeout(this.settings.requestTimeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    const response = await this.request(path, combined);
    let body: unknown;
    try {
      body = await response.json();
    } catch (error) {
      if (combined.aborted) throw combined.reason;
      throw new ProviderError(this.settings.providerId, 'unknown', `the GPU agent sent a body that is not JSON for ${path}`, {
        cause: error,
      });
    }
    const parsed = schema.safeParse(body);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    const where = issue ? `${issue.path.join('.') || '(body)'}: ${issue.message}` : 'invalid';
    throw new ProviderError(this.settings.providerId, 'unknown', `the GPU agent sent an invalid response for ${path} (${where})`, {
      cause: parsed.error,
    });
  }

  private async raise(response: Response): Promise<never> {
    const { providerId } = this.settings;
    const body: unknown = await response.json().catch(() => undefined);
    if (response.status === 401) {
      throw new ProviderError(
        providerId,
        'auth',
        `the GPU agent at ${this.origin} refused the token (401); check the configured agent token`,
        {
          status: 401,
        },
      );
    }
    const parsed = errorResponseSchema.safeParse(body);
    const reason = parsed.success ? `: ${parsed.data.reason}` : '';
    throw new ProviderError(
      providerId,
      kindOfStatus(response.status),
      `the GPU agent at ${this.origin} answered ${response.status}${reason}`,
      {
        status: response.status,
      },
    );
  }
}
