import type EventEmitter from 'eventemitter3';
import type { GpuRegistrationInput, RegisteredGpu } from '../config/gpu-registration.js';
import { type JobSpecInput, parseJobSpec } from '../config/job-spec.js';
import { parseSchedulerConfig } from '../config/scheduler-config.js';
import { createDecisionEngine } from '../engine/decision-engine.js';
import { vramNeededGb } from '../engine/prepared-job.js';
import { ConfigError } from '../errors/config-error.js';
import { JobCancelledError } from '../errors/job-cancelled-error.js';
import { QueueFullError } from '../errors/queue-full-error.js';
import { SchedulerClosedError } from '../errors/scheduler-closed-error.js';
import { ValidationError } from '../errors/validation-error.js';
import type { ErrorPatternStatistics } from '../failover/error-statistics.js';
import { createSeededRandom } from '../random/random-source.js';
import { type JobResult, silentLogger } from '../spec/job-runner.js';
import { systemClock } from '../time/clock.js';
import { Dispatcher } from './dispatcher.js';
import type { SchedulerEvents } from './events/scheduler-events.js';
import type { JobRecord, JobState, JobView } from './job-record.js';
import { isFinished, viewOf } from './job-record.js';
import { JobStorage } from './job-storage.js';
import { ProviderSync } from './provider-sync.js';
import { GpuRegistry } from './registry/gpu-registry.js';
import { SchedulerCore } from './scheduler-core.js';
import type { SchedulerOptions } from './scheduler-options.js';
import { estimateJobSize } from './sizing/job-size.js';
import { buildSnapshot, type SchedulerSnapshot } from './snapshot.js';

/** What `submit` returns. */
export interface JobHandle {
  readonly id: string;
  /** Settles when the job ends: resolves with the runner's result, rejects with a typed AIMA error. */
  readonly result: Promise<JobResult>;
}

/** Filters of `list`. */
export interface JobFilter {
  readonly state?: JobState | readonly JobState[];
  readonly priority?: JobView['spec']['priority'];
  readonly tenant?: string;
  /** At most this many, oldest first. */
  readonly limit?: number;
}

/** The in-process scheduler: from submission to completion, for every job. */
export interface Scheduler {
  /** Discovers local GPUs, reads cloud offers, starts the timers; then dispatches. */
  start(signal?: AbortSignal): Promise<void>;
  /** @throws ValidationError for a bad spec, QueueFullError under backpressure, SchedulerClosedError after close. */
  submit(spec: JobSpecInput): JobHandle;
  /** Cancels a queued or running job; false when it is unknown or already finished. */
  cancel(jobId: string): boolean;
  get(jobId: string): JobView | undefined;
  list(filter?: JobFilter): JobView[];
  snapshot(): SchedulerSnapshot;
  /** Registers a GPU by hand (P1). @throws ValidationError */
  registerGpu(input: GpuRegistrationInput): RegisteredGpu;
  /** Returns a GPU to service after a persistent or critical fault was repaired (a reset, a reboot); false for an unknown GPU. */
  restoreGpu(gpuId: string): boolean;
  /** Error-pattern statistics of failed runs, most frequent first (F4). */
  errorStatistics(): ErrorPatternStatistics[];
  /** Subscribes to a typed event; returns the unsubscribe function. */
  on<Name extends keyof SchedulerEvents>(event: Name, listener: EventEmitter.EventListener<SchedulerEvents, Name>): () => void;
  /** Resolves once no job is queued, starting or running. */
  idle(): Promise<void>;
  /** Stops timers and dispatch, ends unfinished jobs with SchedulerClosedError, waits for cleanups (instances terminated). */
  close(): Promise<void>;
}

/**
 * Creates a scheduler. Nothing runs until `start()`.
 * @throws ConfigError for bad configuration (including cloud providers without a `cloudImage`).
 */
export function createScheduler(options: SchedulerOptions): Scheduler {
  const config = parseSchedulerConfig(options.config);
  const clock = options.clock ?? systemClock;
  const cloudProviders = new Map((options.cloudProviders ?? []).map((provider) => [provider.id, provider]));
  if (cloudProviders.size > 0 && (options.cloudImage === undefined || options.cloudImage === '')) {
    throw new ConfigError('cloudProviders are set but cloudImage is not: give the container image cloud instances should run.');
  }
  if (cloudProviders.size !== (options.cloudProviders ?? []).length)
    throw new ConfigError('Two cloud providers have the same id; each id must be unique.');
  const engine = createDecisionEngine({
    config: options.config ?? {},
    ...(options.policy !== undefined && { policy: options.policy }),
    ...(options.plugins !== undefined && { plugins: options.plugins }),
    ...(options.pluginRegistry !== undefined && { registry: options.pluginRegistry }),
    // Jobs with identical requirements share the engine's work; decisions stay exactly a fresh decide's.
    cache: true,
  });
  const registry = new GpuRegistry(config, options.random ?? createSeededRandom(clock.now()));
  let dispatcher: Dispatcher | undefined;
  let tickPending = false;
  const core = new SchedulerCore(
    config,
    clock,
    engine,
    registry,
    options.runner,
    cloudProviders,
    options.cloudImage,
    options.logger ?? silentLogger,
    () => {
      if (tickPending) return;
      tickPending = true;
      queueMicrotask(() => {
        tickPending = false;
        dispatcher?.round();
      });
    },
  );
  if (options.storage !== undefined) core.storage = new JobStorage(options.storage, config, clock, core.logger);
  dispatcher = new Dispatcher(core);
  for (const gpu of options.gpus ?? []) registerGpu(core, gpu);
  const sync = new ProviderSync(core, options.localProviders ?? []);
  return new SchedulerApi(core, sync);
}

function registerGpu(core: SchedulerCore, input: GpuRegistrationInput): RegisteredGpu {
  const now = core.clock.now();
  const record = core.registry.register(input, now);
  core.events.emit('gpu-registered', { gpuId: record.gpu.id, at: now, model: record.gpu.model });
  core.scheduleTick();
  return record.gpu;
}

/**
 * A job's result promise, made on first request: a host that never reads `handle.result` (a
 * batch of a million fire-and-forget jobs) pays nothing for it. It is marked handled, so a failure
 * nobody awaits cannot crash the host.
 */
function resultOf(record: JobRecord): Promise<JobResult> {
  if (record.result === undefined) {
    const outcome = record.outcome;
    record.result =
      outcome === undefined
        ? new Promise<JobResult>((resolve, reject) => {
            record.waiters = { resolve, reject };
          })
        : 'result' in outcome
          ? Promise.resolve(outcome.result)
          : Promise.reject(outcome.error);
    record.result.catch(() => undefined);
  }
  return record.result;
}

class SchedulerApi implements Scheduler {
  private sequence = 0;

  constructor(
    private readonly core: SchedulerCore,
    private readonly sync: ProviderSync,
  ) {}

  async start(signal?: AbortSignal): Promise<void> {
    const core = this.core;
    if (core.closed) throw new SchedulerClosedError();
    if (core.started) return;
    await this.sync.start(signal);
    core.started = true;
    core.scheduleTick();
  }

  submit(input: JobSpecInput): JobHandle {
    const core = this.core;
    if (core.closed) throw new SchedulerClosedError();
    const spec = parseJobSpec(input, { now: core.clock.now() });
    if (core.queue.size >= core.config.scheduler.maxQueuedJobs) throw new QueueFullError(core.config.scheduler.maxQueuedJobs);
    const id = spec.id ?? `job_${(++this.sequence).toString().padStart(8, '0')}`;
    if (core.jobs.has(id)) throw new ValidationError('job spec', [{ path: 'id', message: `a job with id ${id} exists already` }]);
    const size = estimateJobSize(spec, core.config);
    const estimatedDurationSeconds = size.durationSeconds ?? core.config.defaultJobDurationSeconds;
    // Object.assign keeps the copy compact: at a million queued jobs every byte counts.
    const recorded = Object.assign({}, spec, { estimatedDurationSeconds });
    const record: JobRecord = {
      id,
      spec: recorded,
      // Worked out now, while the spec is fresh in memory, instead of at every decision.
      decisionMemo: core.engine.memoFor(recorded),
      submittedAt: core.clock.now(),
      estimatedDurationSeconds,
      vramGb: vramNeededGb(recorded, core.config),
      state: 'queued',
      attempt: 1,
      progress: 0,
      costUsd: 0,
    };
    core.jobs.set(id, record);
    core.counts.queued++;
    core.enqueue(record);
    return {
      id,
      get result() {
        return resultOf(record);
      },
    };
  }

  cancel(jobId: string): boolean {
    const core = this.core;
    const record = core.jobs.get(jobId);
    if (record === undefined || isFinished(record.state)) return false;
    if (record.controller !== undefined) {
      if (record.controller.signal.aborted) return false;
      record.controller.abort(new JobCancelledError(jobId));
      return true;
    }
    core.finish(record, { error: new JobCancelledError(jobId), state: 'cancelled' });
    return true;
  }

  get(jobId: string): JobView | undefined {
    const record = this.core.jobs.get(jobId);
    return record && viewOf(record);
  }

  list(filter: JobFilter = {}): JobView[] {
    const states = filter.state === undefined ? undefined : new Set(typeof filter.state === 'string' ? [filter.state] : filter.state);
    const result: JobView[] = [];
    for (const record of this.core.jobs.values()) {
      if (states && !states.has(record.state)) continue;
      if (filter.priority && record.spec.priority !== filter.priority) continue;
      if (filter.tenant && record.spec.tenant !== filter.tenant) continue;
      result.push(viewOf(record));
      if (filter.limit !== undefined && result.length >= filter.limit) break;
    }
    return result;
  }

  snapshot(): SchedulerSnapshot {
    return buildSnapshot(this.core);
  }

  registerGpu(input: GpuRegistrationInput): RegisteredGpu {
    return registerGpu(this.core, input);
  }

  restoreGpu(gpuId: string): boolean {
    const restored = this.core.health.restore(gpuId);
    if (restored) this.core.scheduleTick();
    return restored;
  }

  errorStatistics(): ErrorPatternStatistics[] {
    return this.core.failover.statistics.list();
  }

  on<Name extends keyof SchedulerEvents>(event: Name, listener: EventEmitter.EventListener<SchedulerEvents, Name>): () => void {
    const events = this.core.events;
    events.on(event, listener);
    return () => {
      events.off(event, listener);
    };
  }

  async idle(): Promise<void> {
    const core = this.core;
    while (!core.closed && core.counts.queued + core.counts.starting + core.counts.running > 0) {
      await new Promise<void>((resolve) => {
        const done = () => {
          core.events.off('job-completed', done);
          core.events.off('job-failed', done);
          core.events.off('job-cancelled', done);
          resolve();
        };
        core.events.on('job-completed', done);
        core.events.on('job-failed', done);
        core.events.on('job-cancelled', done);
      });
    }
  }

  async close(): Promise<void> {
    const core = this.core;
    if (core.closed) return;
    core.closed = true;
    core.stopInterval();
    core.cancelBlockTimers();
    this.sync.stop();
    for (const record of core.jobs.values()) {
      if (isFinished(record.state)) continue;
      if (record.controller !== undefined) record.controller.abort(new SchedulerClosedError(record.id));
      else core.finish(record, { error: new SchedulerClosedError(record.id), state: 'failed' });
    }
    while (core.inFlight.size > 0) await Promise.allSettled([...core.inFlight]);
    for (const [instanceId, { provider }] of core.pendingTerminations) {
      await provider.terminate(instanceId).then(
        () => core.pendingTerminations.delete(instanceId),
        (error: unknown) =>
          core.logger.error('an instance could not be terminated at close; it may still bill', {
            provider: provider.id,
            instanceId,
            error: String(error),
          }),
      );
    }
  }
}
