import type { FakeRequest, FakeResponse } from './fake-routes.js';

/** Which requests an injected failure applies to; absent fields match any. */
export interface RequestMatch {
  readonly method?: string;
  /** A path such as `/api/v0/instances/36717044/`, or a pattern. */
  readonly path?: string | RegExp;
}

export interface RateLimitBurstOptions {
  /** Send a Retry-After header (Vast sends none, reference A2). */
  readonly retryAfterSeconds?: number;
  /** Answer `{"detail": ...}` JSON instead of Vast's usual plain text. */
  readonly json?: boolean;
}

interface Failure {
  remaining: number;
  readonly status: number;
  readonly match: RequestMatch | undefined;
}

/** Faults waiting for the next requests: 429 bursts, failures with a status, slow answers. */
export class FakeFaults {
  private readonly failures: Failure[] = [];
  private rateLimited = 0;
  private rateLimitOptions: RateLimitBurstOptions = {};
  private slowMs = 0;
  private slowRemaining = 0;
  private slowMatch: RequestMatch | undefined;

  failNext(count: number, status: number, match?: RequestMatch): void {
    this.failures.push({ remaining: count, status, match });
  }

  rateLimitBurst(count: number, options: RateLimitBurstOptions = {}): void {
    this.rateLimited = count;
    this.rateLimitOptions = options;
  }

  slowResponses(delayMs: number, count = Number.POSITIVE_INFINITY, match?: RequestMatch): void {
    this.slowMs = delayMs;
    this.slowRemaining = count;
    this.slowMatch = match;
  }

  /** The injected answer for this request, if a fault claims it. */
  take(request: FakeRequest): FakeResponse | undefined {
    if (this.rateLimited > 0) {
      this.rateLimited--;
      return rateLimitResponse(this.rateLimitOptions);
    }
    const failure = this.failures.find((candidate) => candidate.remaining > 0 && matches(candidate.match, request));
    if (failure === undefined) return undefined;
    failure.remaining--;
    return failureResponse(failure.status);
  }

  /** Milliseconds to hold this answer back. */
  delay(request: FakeRequest): number {
    if (this.slowRemaining <= 0 || !matches(this.slowMatch, request)) return 0;
    this.slowRemaining--;
    return this.slowMs;
  }
}

function matches(match: RequestMatch | undefined, request: FakeRequest): boolean {
  if (match === undefined) return true;
  if (match.method !== undefined && match.method.toUpperCase() !== request.method) return false;
  if (match.path === undefined) return true;
  return typeof match.path === 'string' ? match.path === request.path : match.path.test(request.path);
}

/** Vast's 429: usually plain text, no Retry-After (reference A2). */
function rateLimitResponse(options: RateLimitBurstOptions): FakeResponse {
  const headers: Record<string, string> =
    options.retryAfterSeconds === undefined ? {} : { 'retry-after': String(options.retryAfterSeconds) };
  if (options.json) return { status: 429, json: { detail: 'API requests too frequent endpoint threshold=4.5' }, headers };
  return { status: 429, text: 'API requests too frequent endpoint threshold=2.0', contentType: 'text/plain', headers };
}

/** Gateway errors come as nginx HTML pages; others as Vast's JSON envelope; a 2xx as an answer missing every expected field. */
function failureResponse(status: number): FakeResponse {
  if (status < 300) return { status, json: { success: true } };
  if (status === 502 || status === 503 || status === 504) {
    const title = `${status} ${status === 502 ? 'Bad Gateway' : status === 503 ? 'Service Temporarily Unavailable' : 'Gateway Time-out'}`;
    return {
      status,
      text: `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n</body>\r\n</html>\r\n`,
      contentType: 'text/html',
    };
  }
  if (status >= 500) return { status, json: { success: false, error: 'server_error', msg: 'Internal Server Error' } };
  return { status, json: { success: false, error: 'invalid_args', msg: `injected failure with HTTP ${status}` } };
}
