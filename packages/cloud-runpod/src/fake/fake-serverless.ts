import type { Clock, RandomSource } from '@aima/core';
import type { FakeAnswer } from './fake-rest.js';

/** How a fake serverless job behaves, on the fake's clock from submission. */
export interface FakeJobScript {
  /** `IN_QUEUE` for this long. @default 1000 */
  readonly queueMs?: number;
  /** Then `IN_PROGRESS` for this long. @default 3000 */
  readonly runMs?: number;
  /** How it ends; `RUNS_FOREVER` stays `IN_PROGRESS` until cancelled or past `policy.executionTimeout`. @default 'COMPLETED' */
  readonly outcome?: 'COMPLETED' | 'FAILED' | 'TIMED_OUT' | 'RUNS_FOREVER';
  /** Output on success. @default { echo: <the job input> } */
  readonly output?: unknown;
  /** `error` on failure, as a Python worker sends it: a JSON string with `error_message`. */
  readonly error?: string;
  /** Outputs a streaming handler yields, released evenly while it runs. @default [] */
  readonly stream?: readonly unknown[];
}

export type FakeJobStatus = 'IN_QUEUE' | 'IN_PROGRESS' | 'COMPLETED' | 'FAILED' | 'CANCELLED' | 'TIMED_OUT';

/** A job held by the fake. */
export interface FakeJob {
  readonly id: string;
  readonly endpointId: string;
  readonly input: unknown;
  readonly executionTimeoutMs?: number;
  readonly submittedAt: number;
  readonly script: Required<Omit<FakeJobScript, 'error'>> & { readonly error?: string };
  cancelledAt?: number;
  streamed: number;
  /** Whether a terminal status has been sent to a client (for test drivers). */
  reportedTerminal: boolean;
}

const terminal = new Set<FakeJobStatus>(['COMPLETED', 'FAILED', 'CANCELLED', 'TIMED_OUT']);

/** The serverless endpoints of the fake and their jobs (reference B9). */
export class FakeServerless {
  readonly jobs = new Map<string, FakeJob>();

  constructor(
    private readonly clock: Clock,
    private readonly random: RandomSource,
    readonly endpointIds: ReadonlySet<string>,
    private readonly scriptFor: (input: unknown, endpointId: string) => FakeJobScript,
  ) {}

  /** True once at least one job exists and every job's final status has been sent to a client. */
  settled(): boolean {
    return this.jobs.size > 0 && [...this.jobs.values()].every((job) => job.reportedTerminal);
  }

  status(job: FakeJob): FakeJobStatus {
    if (job.cancelledAt !== undefined) return 'CANCELLED';
    const elapsed = this.clock.now() - job.submittedAt;
    const { queueMs, runMs, outcome } = job.script;
    if (elapsed < queueMs) return 'IN_QUEUE';
    const running = elapsed - queueMs;
    const limit = job.executionTimeoutMs ?? Number.POSITIVE_INFINITY;
    if (outcome === 'RUNS_FOREVER') return running >= limit ? 'TIMED_OUT' : 'IN_PROGRESS';
    const end = Math.min(runMs, limit);
    if (running < end) return 'IN_PROGRESS';
    return runMs > limit ? 'TIMED_OUT' : outcome;
  }

  /** Answers `/v2/{endpointId}/{operation}[/{jobId}]`. */
  answer(method: string, endpointId: string, operation: string | undefined, jobId: string | undefined, body: unknown): FakeAnswer {
    if (!this.endpointIds.has(endpointId)) return { status: 404, body: { error: `endpoint ${endpointId} not found` } };
    if (operation === 'run' && method === 'POST') return this.submit(endpointId, body);
    if (operation === 'health' && method === 'GET') return { status: 200, body: this.health(endpointId) };
    const job = jobId === undefined ? undefined : this.jobs.get(jobId);
    if (operation === undefined || !['status', 'stream', 'cancel'].includes(operation))
      return { status: 404, body: { error: 'not found' } };
    if (job === undefined || job.endpointId !== endpointId) return { status: 404, body: { error: 'job not found' } };
    if (operation === 'status' && method === 'GET') return { status: 200, body: this.report(job, this.statusView(job)) };
    if (operation === 'stream' && method === 'GET') return { status: 200, body: this.report(job, this.streamView(job)) };
    if (operation === 'cancel' && method === 'POST') return { status: 200, body: this.report(job, this.cancel(job)) };
    return { status: 405, body: { error: `method ${method} not allowed` } };
  }

  private submit(endpointId: string, body: unknown): FakeAnswer {
    const request = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    if (typeof request.input !== 'object' || request.input === null)
      return { status: 400, body: { error: 'input is required and must be an object' } };
    const policy = (request.policy ?? {}) as Record<string, unknown>;
    const script = this.scriptFor(request.input, endpointId);
    const job: FakeJob = {
      id: `${this.hex(8)}-${this.hex(4)}-${this.hex(4)}-${this.hex(4)}-${this.hex(12)}-u1`,
      endpointId,
      input: request.input,
      ...(typeof policy.executionTimeout === 'number' && { executionTimeoutMs: policy.executionTimeout }),
      submittedAt: this.clock.now(),
      script: {
        queueMs: script.queueMs ?? 1_000,
        runMs: script.runMs ?? 3_000,
        outcome: script.outcome ?? 'COMPLETED',
        output: script.output ?? { echo: request.input },
        stream: script.stream ?? [],
        ...(script.error !== undefined && { error: script.error }),
      },
      streamed: 0,
      reportedTerminal: false,
    };
    this.jobs.set(job.id, job);
    return { status: 200, body: { id: job.id, status: 'IN_QUEUE' } };
  }

  private statusView(job: FakeJob): Record<string, unknown> {
    const status = this.status(job);
    const elapsed = this.clock.now() - job.submittedAt;
    const started = elapsed >= job.script.queueMs;
    return {
      id: job.id,
      status,
      ...(started && { delayTime: job.script.queueMs, executionTime: elapsed - job.script.queueMs }),
      ...(status === 'COMPLETED' && { output: job.script.output }),
      ...(status === 'FAILED' && { error: job.script.error ?? workerError('the handler raised an exception') }),
    };
  }

  private streamView(job: FakeJob): Record<string, unknown> {
    const status = this.status(job);
    const chunks = job.script.stream;
    const running = this.clock.now() - job.submittedAt - job.script.queueMs;
    const released =
      status === 'COMPLETED'
        ? chunks.length
        : Math.max(0, Math.min(chunks.length, Math.floor((running * (chunks.length + 1)) / job.script.runMs)));
    const fresh = chunks.slice(job.streamed, Math.max(job.streamed, released));
    job.streamed = Math.max(job.streamed, released);
    return { status, stream: fresh.map((output) => ({ output })) };
  }

  private cancel(job: FakeJob): Record<string, unknown> {
    if (!terminal.has(this.status(job))) job.cancelledAt = this.clock.now();
    return { id: job.id, status: this.status(job) };
  }

  private report(job: FakeJob, view: Record<string, unknown>): Record<string, unknown> {
    if (terminal.has(view.status as FakeJobStatus)) job.reportedTerminal = true;
    return view;
  }

  private health(endpointId: string): Record<string, unknown> {
    const statuses = [...this.jobs.values()].filter((job) => job.endpointId === endpointId).map((job) => this.status(job));
    const count = (status: FakeJobStatus) => statuses.filter((candidate) => candidate === status).length;
    return {
      jobs: {
        completed: count('COMPLETED'),
        failed: count('FAILED'),
        inProgress: count('IN_PROGRESS'),
        inQueue: count('IN_QUEUE'),
        retried: 0,
      },
      workers: { idle: 1, initializing: 0, ready: 1, running: count('IN_PROGRESS'), throttled: 0 },
    };
  }

  private hex(length: number): string {
    return Array.from({ length }, () => Math.floor(this.random.next() * 16).toString(16)).join('');
  }
}

/** The `error` a Python worker reports when its handler raises (rp-py `rp_job.py`): a JSON string. */
export function workerError(message: string, type = "<class 'RuntimeError'>"): string {
  return JSON.stringify({
    error_type: type,
    error_message: message,
    error_traceback: `Traceback (most recent call last):\n  File "handler.py", line 1, in handler\n${type}: ${message}`,
    hostname: 'fake-worker',
    worker_id: 'fakeworker01',
    runpod_version: '1.7.0',
  });
}
