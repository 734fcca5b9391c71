import type { Decision, DecisionTarget } from '../engine/decision.js';
import type { DecisionContext } from '../engine/decision-context.js';
import type { Writable } from '../engine/writable.js';
import { JobRejectedError } from '../errors/job-rejected-error.js';
import { placeOnCloud } from './cloud-placement.js';
import { decideOnRoute } from './failover/routed-decision.js';
import { execute, PreemptedSignal } from './job-execution.js';
import type { JobRecord, QueuedJob } from './job-record.js';
import { effectivePriority } from './queue/effective-priority.js';
import type { SchedulerCore } from './scheduler-core.js';

type LocalTarget = Extract<DecisionTarget, { kind: 'local' }>;

/**
 * One dispatch round: take jobs in effective-priority order and place each where the engine
 * says. Jobs that must wait for a busy GPU are set aside so lower-priority jobs can still use
 * GPUs the waiting ones cannot (backfill), looking at most `backfillScanLimit` jobs deep.
 */
export class Dispatcher {
  constructor(private readonly core: SchedulerCore) {}

  round(): void {
    const core = this.core;
    if (!core.started || core.closed) return;
    const limits = core.config.scheduler;
    const waiting: QueuedJob[] = [];
    while (core.queue.size > 0 && waiting.length < limits.backfillScanLimit && this.hasCapacity()) {
      const now = core.clock.now();
      const entry = core.queue.pop(now);
      if (entry === undefined) continue;
      const record = entry.record;
      record.queueTicket = undefined;
      const route = record.route;
      const decision =
        route === undefined
          ? core.engine.decide(record.spec, this.context(now), record.decisionMemo)
          : decideOnRoute(core.engine, record.spec, route, this.context(now));
      record.lastDecision = decision;
      core.events.emit('placement-decided', { jobId: record.id, at: now, decision });
      if (!this.place(entry, decision)) waiting.push(entry);
    }
    for (const entry of waiting) core.requeue(entry);
    core.armIntervalIfWaiting();
  }

  private hasCapacity(): boolean {
    const core = this.core;
    return core.counts.running + core.counts.starting < core.config.scheduler.maxConcurrentJobs;
  }

  private context(now: number): DecisionContext {
    const core = this.core;
    const context: Writable<DecisionContext> = {
      now,
      fleet: core.registry.fleet,
      offers: core.offerBook,
      uploadBandwidthMbps: core.config.scheduler.uploadBandwidthMbps,
    };
    // Set, not spread in: this runs for every job placed (see `Writable`).
    if (core.hybridThresholds) context.hybridThresholds = core.hybridThresholds;
    return context;
  }

  /** Acts on a decision; false when the job must keep waiting. */
  private place(entry: QueuedJob, decision: Decision): boolean {
    const core = this.core;
    const record = entry.record;
    const target = decision.target;
    switch (decision.outcome) {
      case 'reject': {
        const failIfNone = record.route?.failIfNone;
        if (failIfNone !== undefined) {
          core.finish(record, { error: failIfNone.error, state: 'failed' });
          return true;
        }
        if (this.searchOffersFirst(record) || this.waitsForRecoveringGpu(decision)) return false;
        core.finish(record, { error: new JobRejectedError(record.id, decision), state: 'failed' });
        return true;
      }
      case 'local':
        if (target?.kind !== 'local') return false;
        this.placeLocal(entry, target, decision);
        return true;
      case 'cloud':
        if (target?.kind !== 'cloud') return false;
        placeOnCloud(core, record, target);
        return true;
      case 'queue':
        // A high-priority job failing over may displace a lower one even without preemption (seed 000 §4.2).
        if (target?.kind === 'local' && (core.config.scheduler.preemption || record.route?.redistribute === true))
          this.preemptFor(record, target.gpuId);
        return false;
    }
  }

  /** Reads the job's queue entry and record, not its spec: the spec was read at submission. */
  private placeLocal(entry: QueuedJob, target: LocalTarget, decision: Decision): void {
    const core = this.core;
    const record = entry.record;
    const now = core.clock.now();
    const gpuRecord = core.registry.get(target.gpuId);
    if (gpuRecord === undefined) {
      core.enqueue(record);
      return;
    }
    const allocation = this.tryAllocate({
      jobId: record.id,
      gpuIds: [target.gpuId],
      allocatedAt: now,
      estimatedDurationSeconds: decision.estimatedDurationSeconds,
      priority: entry.priority,
      allocatedMemoryGb: record.vramGb,
    });
    if (allocation === undefined) {
      core.enqueue(record);
      return;
    }
    record.allocationId = allocation.id;
    core.registry.setBusyUntil(target.gpuId, now + decision.estimatedDurationSeconds * 1000);
    const costProfile = core.registry.fleet.classOf(target.gpuId)?.costProfile;
    execute(core, record, { kind: 'local', gpuIds: [target.gpuId], hostAddress: target.hostAddress }, [target.gpuId], (end, seconds) => {
      core.ledger.release(allocation.id, end, core.clock.now());
      core.registry.setBusyUntil(target.gpuId, undefined);
      delete record.allocationId;
      if (costProfile) record.costUsd += core.costs.recordLocal(costProfile, seconds);
    });
  }

  /**
   * Offers are read periodically, and markets answer a search with their cheapest page only; a
   * job that needs a large GPU may find none in the last read. Before rejecting such a job, ask
   * once for offers meeting its need; it is decided again when they arrive.
   */
  private searchOffersFirst(record: JobRecord): boolean {
    const core = this.core;
    if (record.offersSearched || core.cloudProviders.size === 0 || record.spec.confidentiality === 'confidential') return false;
    record.offersSearched = true;
    core.track(core.requestOffers(record.vramGb).finally(() => core.scheduleTick()));
    return true;
  }

  /**
   * A job rejected only because fitting GPUs are offline (missed heartbeats) or in maintenance
   * keeps waiting for them: they come back by themselves. GPUs in error need a repair first, so a
   * job that only they could run is rejected.
   */
  private waitsForRecoveringGpu(decision: Decision): boolean {
    return decision.alternatives.some((alternative) => {
      if (alternative.kind !== 'wait-for-gpu' || alternative.gpuId === undefined) return false;
      const health = this.core.registry.get(alternative.gpuId)?.health;
      return health === 'offline' || health === 'maintenance';
    });
  }

  /** Allocates, or logs and returns undefined if the ledger refuses (the job is then requeued). */
  private tryAllocate(request: Parameters<SchedulerCore['ledger']['allocate']>[0]) {
    try {
      return this.core.ledger.allocate(request);
    } catch (error) {
      this.core.logger.error('allocation refused; the job goes back to the queue', { jobId: request.jobId, error: String(error) });
      return undefined;
    }
  }

  /**
   * Q6: stops the job holding the GPU this job waits for, if its effective priority (with aging
   * and deadline, as the queue ranks) is lower; it is requeued and resumes from its checkpoint.
   * Comparing base weights instead would livelock: an aged low-priority victim outranks its
   * preemptor in the queue, takes the GPU back, and is preempted again, forever.
   */
  private preemptFor(record: JobRecord, gpuId: string): void {
    const core = this.core;
    const holder = core.ledger.holderOf(gpuId);
    const victim = holder && core.jobs.get(holder.jobId);
    if (victim === undefined || victim.preemptedBy !== undefined || victim.controller === undefined) return;
    const now = core.clock.now();
    const rank = (job: JobRecord) =>
      effectivePriority(
        { priority: job.spec.priority, queuedAt: job.queuedAt ?? job.submittedAt, deadline: job.spec.deadline },
        now,
        core.config.queue,
      );
    if (rank(victim) >= rank(record)) return;
    victim.preemptedBy = record.id;
    victim.controller.abort(new PreemptedSignal(record.id));
  }
}
