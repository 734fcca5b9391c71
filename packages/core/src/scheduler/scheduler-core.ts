import EventEmitter from 'eventemitter3';
import PQueue from 'p-queue';
import type { CloudOffer } from '../config/cloud-offer.js';
import type { SchedulerConfig } from '../config/scheduler-config.js';
import type { DecisionEngine } from '../engine/decision-engine.js';
import { createOfferBook, type OfferBook } from '../engine/fleet/offer-book.js';
import { AimaError } from '../errors/aima-error.js';
import type { HybridThresholds } from '../policies/hybrid-threshold/adaptive-thresholds.js';
import type { CloudGpuProvider } from '../spec/cloud-gpu-provider.js';
import type { CloudInstance } from '../spec/cloud-instance.js';
import type { JobResult, JobRunner, Logger, Placement } from '../spec/job-runner.js';
import type { Clock } from '../time/clock.js';
import { AllocationLedger } from './allocation/allocation-ledger.js';
import { CostTracker } from './cost-tracker.js';
import type { SchedulerEvents } from './events/scheduler-events.js';
import { FailoverHandler } from './failover/failover-handler.js';
import { HealthMonitor } from './failover/health-monitor.js';
import { isFinished, type JobRecord, type JobState, type QueuedJob } from './job-record.js';
import { JobStorage } from './job-storage.js';
import { JobPriorityQueue } from './queue/job-priority-queue.js';
import type { GpuRegistry } from './registry/gpu-registry.js';

/** State every part of the scheduler shares, and the transitions that keep it consistent. */
export class SchedulerCore {
  readonly events = new EventEmitter<SchedulerEvents>();
  readonly ledger = new AllocationLedger();
  readonly costs = new CostTracker();
  readonly jobs = new Map<string, JobRecord>();
  readonly failover: FailoverHandler = new FailoverHandler(this);
  readonly health: HealthMonitor = new HealthMonitor(this);
  /** Checkpoints and input staging; replaced by `createScheduler` when stores are given. */
  storage: JobStorage;
  readonly queue: JobPriorityQueue<QueuedJob>;
  /** Bounds cloud launches in flight (Q7); jobs waiting here count as starting. */
  readonly launches: PQueue;
  readonly counts: Record<JobState, number> = { queued: 0, starting: 0, running: 0, completed: 0, failed: 0, cancelled: 0 };
  /** Offers per provider, as last read; `offerBook` is built from them minus blocked offers. */
  readonly offersByProvider = new Map<string, readonly CloudOffer[]>();
  /** Offers that failed to launch, blocked until the time given (SkyPilot-style). */
  readonly blockedOffers = new Map<string, number>();
  offerBook: OfferBook = createOfferBook([]);
  hybridThresholds: HybridThresholds | undefined;
  /** Instances whose termination failed, retried until it succeeds (C4). */
  readonly pendingTerminations = new Map<string, { provider: CloudGpuProvider; instance: CloudInstance }>();
  /** Asks for a fresh offer search for a VRAM need, so a job is not rejected on stale offers. */
  requestOffers: (minVramGb: number) => Promise<void> = async () => undefined;
  /** Settles of running executions, awaited by `close()`. */
  readonly inFlight = new Set<Promise<void>>();
  started = false;
  closed = false;
  private intervalTimer: { cancel(): void } | undefined;
  private readonly blockTimers = new Set<{ cancel(): void }>();

  constructor(
    readonly config: SchedulerConfig,
    readonly clock: Clock,
    readonly engine: DecisionEngine,
    readonly registry: GpuRegistry,
    readonly runner: JobRunner,
    readonly cloudProviders: ReadonlyMap<string, CloudGpuProvider>,
    readonly cloudImage: string | undefined,
    readonly logger: Logger,
    private readonly onTick: () => void,
  ) {
    this.queue = new JobPriorityQueue(config.queue);
    this.launches = new PQueue({ concurrency: config.scheduler.maxConcurrentLaunches });
    this.storage = new JobStorage({}, config, clock, logger);
  }

  /** Asks for a dispatch round soon (coalesced). */
  scheduleTick(): void {
    this.onTick();
  }

  setState(record: JobRecord, state: JobState): void {
    this.counts[record.state]--;
    record.state = state;
    this.counts[state]++;
  }

  /** Puts a job (back) in the queue; aging counts from when it first queued. */
  enqueue(record: JobRecord): void {
    if (record.state !== 'queued') this.setState(record, 'queued');
    record.queuedAt ??= this.clock.now();
    this.requeue({ id: record.id, priority: record.spec.priority, queuedAt: record.queuedAt, deadline: record.spec.deadline, record });
    this.events.emit('job-queued', {
      jobId: record.id,
      at: this.clock.now(),
      priority: record.spec.priority,
      queueLength: this.queue.size,
    });
    this.scheduleTick();
  }

  /** Puts a queue entry (back) in the queue, e.g. a picked job that must wait; no event. */
  requeue(entry: QueuedJob): void {
    entry.record.queueTicket = this.queue.push(entry);
  }

  /** Ends a job exactly once: resolves or rejects its result and emits the matching event. */
  finish(
    record: JobRecord,
    outcome: { result: JobResult } | { error: Error; state: 'failed' | 'cancelled' },
    gpuIds: readonly string[] = [],
  ): void {
    if (isFinished(record.state)) return;
    if (record.queueTicket !== undefined) this.queue.remove(record.queueTicket);
    record.queueTicket = undefined;
    record.retryTimer?.cancel();
    delete record.retryTimer;
    delete record.route;
    record.finishedAt = this.clock.now();
    const at = record.finishedAt;
    this.completeFailover(record, 'result' in outcome ? 'resumed' : outcome.state, gpuIds);
    // A closed scheduler keeps its jobs' checkpoints; every other end deletes them (S4).
    if (!this.closed) this.track(this.storage.forget(record));
    if (record.errorKeys !== undefined) this.failover.statistics.resolve(record.errorKeys, 'result' in outcome ? 'recovered' : 'failed');
    if ('result' in outcome) {
      this.setState(record, 'completed');
      record.progress = 1;
      const durationSeconds = record.startedAt === undefined ? 0 : (at - record.startedAt) / 1000;
      this.events.emit('job-completed', { jobId: record.id, at, durationSeconds, costUsd: record.costUsd, gpuIds });
      record.outcome = { result: outcome.result };
      record.waiters?.resolve(outcome.result);
      delete record.waiters;
      return;
    }
    this.setState(record, outcome.state);
    const code = AimaError.isInstance(outcome.error) ? outcome.error.code : 'AIMA_JOB_FAILED';
    record.error = { code, message: outcome.error.message };
    if (outcome.state === 'cancelled') this.events.emit('job-cancelled', { jobId: record.id, at, gpuIds });
    else this.events.emit('job-failed', { jobId: record.id, at, code, message: outcome.error.message, gpuIds });
    record.outcome = { error: outcome.error };
    record.waiters?.reject(outcome.error);
    delete record.waiters;
  }

  /** Ends the job's move in progress, if any: it runs again (`resumed`) or it ended. */
  completeFailover(record: JobRecord, outcome: 'resumed' | 'failed' | 'cancelled', gpuIds: readonly string[], placement?: Placement): void {
    const pending = record.pendingFailover;
    if (pending === undefined) return;
    delete record.pendingFailover;
    const at = this.clock.now();
    pending.outcome = outcome;
    pending.completedAt = at;
    this.events.emit('failover-completed', {
      jobId: record.id,
      at,
      outcome,
      action: pending.action,
      gpuIds,
      ...(placement !== undefined && { placement }),
    });
  }

  /** Blocks an offer that failed to launch until `until`, and lifts the block then (SkyPilot-style). */
  blockOffer(provider: string, offerId: string, until: number): void {
    this.blockedOffers.set(offerKey(provider, offerId), until);
    this.rebuildOfferBook();
    const timer = this.clock.setTimer(until - this.clock.now(), () => {
      this.blockTimers.delete(timer);
      if (this.closed) return;
      this.rebuildOfferBook();
      this.scheduleTick();
    });
    this.blockTimers.add(timer);
  }

  /** Cancels the timers that lift offer blocks (at close). */
  cancelBlockTimers(): void {
    for (const timer of this.blockTimers) timer.cancel();
    this.blockTimers.clear();
  }

  /** Rebuilds the offer book from the last offers read, leaving out blocked offers. */
  rebuildOfferBook(): void {
    const now = this.clock.now();
    for (const [key, until] of this.blockedOffers) if (until <= now) this.blockedOffers.delete(key);
    const offers = [...this.offersByProvider.values()]
      .flat()
      .filter((offer) => !this.blockedOffers.has(offerKey(offer.provider, offer.offerId)));
    this.offerBook = createOfferBook(offers);
  }

  /**
   * While jobs wait, re-runs dispatch every scheduling interval (aging and deadlines change
   * priorities with time). Armed only while the queue is not empty, so an idle or simulated
   * scheduler does not tick for nothing.
   */
  armIntervalIfWaiting(): void {
    if (this.intervalTimer !== undefined || this.closed || this.queue.size === 0) return;
    this.intervalTimer = this.clock.setTimer(this.config.queue.schedulingIntervalSeconds * 1000, () => {
      this.intervalTimer = undefined;
      this.scheduleTick();
    });
  }

  stopInterval(): void {
    this.intervalTimer?.cancel();
    this.intervalTimer = undefined;
  }

  /** Tracks a running execution so `close()` can wait for it. */
  track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }
}

export function offerKey(provider: string, offerId: string): string {
  return `${provider}\u0000${offerId}`;
}
