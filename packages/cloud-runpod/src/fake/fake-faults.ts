/** Which API a request went to. */
export type FakeSurface = 'graphql' | 'rest' | 'serverless';

/** What the fake knows about a request when it looks for a fault. */
export interface FakeRequestFacts {
  readonly surface: FakeSurface;
  readonly method: string;
  readonly path: string;
  /** GraphQL root fields (comma-separated) or the serverless operation (`run`, `status`, ...). */
  readonly operation?: string | undefined;
}

/** Which requests a fault hits; every given field must match. */
export interface FakeFaultMatch {
  readonly surface?: FakeSurface;
  readonly method?: string;
  /** Exact path or a pattern, e.g. `/v2/pods` or `/\/v2\/pods\/\w+$/`. */
  readonly path?: string | RegExp;
  /** GraphQL root field (e.g. `gpuTypes`) or serverless operation (e.g. `status`). */
  readonly operation?: string;
}

/** What the fake does instead of answering normally. */
export type FakeFaultResponse =
  | { readonly status: number; readonly body?: unknown; readonly headers?: Readonly<Record<string, string>> }
  /** Never answers (until the client gives up or the fake closes): exercises timeouts and aborts. */
  | { readonly hang: true }
  /** Drops the connection without an answer. */
  | { readonly reset: true }
  /** Does the work (a pod is created, a job submitted) but the answer never arrives: a lost response. */
  | { readonly lost: true }
  /** Does the work, then answers with this instead (a gateway error after success, a body the client cannot read). */
  | { readonly replaced: { readonly status: number; readonly body?: unknown } };

export interface FakeFault {
  readonly match: FakeFaultMatch;
  /** How many matching requests it hits. @default 1 */
  readonly times?: number;
  readonly respond: FakeFaultResponse;
}

interface Armed {
  readonly fault: FakeFault;
  remaining: number;
}

/** Faults waiting for their requests, matched in the order they were added. */
export class FakeFaultQueue {
  private readonly armed: Armed[] = [];

  add(...faults: readonly FakeFault[]): void {
    for (const fault of faults) this.armed.push({ fault, remaining: fault.times ?? 1 });
  }

  /** The response of the first fault matching the request, using one of its hits. */
  take(facts: FakeRequestFacts): FakeFaultResponse | undefined {
    const hit = this.armed.find((armed) => armed.remaining > 0 && matches(armed.fault.match, facts));
    if (hit === undefined) return undefined;
    hit.remaining--;
    return hit.fault.respond;
  }

  /** Hits still armed. */
  get pending(): number {
    return this.armed.reduce((sum, armed) => sum + armed.remaining, 0);
  }

  clear(): void {
    this.armed.length = 0;
  }
}

function matches(match: FakeFaultMatch, facts: FakeRequestFacts): boolean {
  const pathOk = match.path === undefined || (typeof match.path === 'string' ? match.path === facts.path : match.path.test(facts.path));
  const operationOk = match.operation === undefined || (facts.operation ?? '').split(',').includes(match.operation);
  return (
    (match.surface === undefined || match.surface === facts.surface) &&
    (match.method === undefined || match.method.toUpperCase() === facts.method) &&
    pathOk &&
    operationOk
  );
}

const capacityDetail = 'There are no longer any instances available with the requested specifications. Please refresh and try again.';

/** Ready-made faults in the shapes RunPod documents (reference B3, B4). */
export const runpodFaults = {
  /** 429 with `Retry-After` (seconds) and the REST v2 problem body. */
  rateLimited(match: FakeFaultMatch, retryAfterSeconds = 1, times = 1): FakeFault {
    return {
      match,
      times,
      respond: {
        status: 429,
        body: { title: 'Too Many Requests', status: 429, detail: 'rate limit exceeded for the minute window' },
        headers: { 'retry-after': String(retryAfterSeconds), 'content-type': 'application/problem+json' },
      },
    };
  },
  /** A 5xx. */
  serverError(match: FakeFaultMatch, status = 500, times = 1): FakeFault {
    return { match, times, respond: { status, body: { title: 'Internal Server Error', status, detail: 'internal error' } } };
  },
  /** No answer until the client gives up. */
  hang(match: FakeFaultMatch, times = 1): FakeFault {
    return { match, times, respond: { hang: true } };
  },
  /** The request takes effect but its answer is lost (the client sees a hang). */
  lost(match: FakeFaultMatch, times = 1): FakeFault {
    return { match, times, respond: { lost: true } };
  },
  /** The request takes effect, but the client gets this answer instead. */
  replaced(match: FakeFaultMatch, status: number, body?: unknown, times = 1): FakeFault {
    return { match, times, respond: { replaced: { status, ...(body !== undefined && { body }) } } };
  },
  /** The connection drops. */
  reset(match: FakeFaultMatch, times = 1): FakeFault {
    return { match, times, respond: { reset: true } };
  },
  /** GraphQL errors in HTTP 200, as RunPod sends client errors (B4). */
  graphqlError(operation: string, message: string, times = 1, code?: string): FakeFault {
    const error = { message, path: [operation], ...(code !== undefined && { extensions: { code } }) };
    return {
      match: { surface: 'graphql', operation },
      times,
      respond: { status: 200, body: { errors: [error], data: { [operation]: null } } },
    };
  },
  /** The recorded REST v2 capacity answer to `POST /v2/pods` (`rest-v2-error-400-no-capacity.json`). */
  restNoCapacity(times = 1): FakeFault {
    return {
      match: { surface: 'rest', method: 'POST', path: '/v2/pods' },
      times,
      respond: { status: 400, body: { detail: capacityDetail, status: 400, title: 'Bad Request' } },
    };
  },
};
