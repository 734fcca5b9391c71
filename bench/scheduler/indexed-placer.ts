import {
  type Decision,
  type DecisionCacheStats,
  type DecisionContext,
  type DecisionEngine,
  type DecisionMemo,
  type GpuRegistry,
  JobPriorityQueue,
  type JobSpec,
  type OfferBook,
  vramNeededGb,
} from '@aima/core';
import { type PlacementStep, type Placer, RunningJobs } from './placement.js';
import type { JobEntry } from './queue-workload.js';

/** Time spent per phase of pick-and-place, ns, summed (when asked for: costs three clock reads per pick). */
export interface Phases {
  pop: number;
  decide: number;
  act: number;
}

/** Options of {@link IndexedPlacer}. */
export interface IndexedPlacerOptions {
  /** Core's engine, with or without its decision cache (`createDecisionEngine({ cache: true })`). */
  readonly engine: DecisionEngine;
  /** Core's GPU registry, every GPU registered; its fleet is what the engine decides on. */
  readonly registry: GpuRegistry;
  readonly offers: OfferBook;
  readonly uploadBandwidthMbps: number;
  /** The queued jobs, each with its spec (as the scheduler's queue entries carry the job record). */
  readonly entries: readonly JobEntry[];
  /** Called with every decision before it is acted on (for shadow checks; slows the placer). */
  readonly onDecision?: (spec: JobSpec, context: DecisionContext, decision: Decision) => void;
  readonly phases?: Phases;
}

const clock = () => process.hrtime.bigint();

/**
 * A queued job as the placer keeps it, as `submit` makes the scheduler's record: the workload's
 * entry, the engine's memo of its spec and the VRAM it needs, worked out while the spec is fresh.
 */
interface QueuedEntry extends JobEntry {
  readonly memo: DecisionMemo;
  readonly vramGb: number;
}

/**
 * What core's dispatcher does per job, without the scheduler around it: pop the best job from
 * core's `JobPriorityQueue`, `engine.decide` on a fresh context with the job's memo, allocate in core's
 * `AllocationLedger`, mark the GPU busy with core's `GpuRegistry.setBusyUntil` (which updates the
 * engine's `LocalFleet`). Cloud and reject outcomes are counted and dropped (launching is the
 * provider's work); `queue` outcomes wait for the next round.
 */
export class IndexedPlacer implements Placer {
  readonly name: string;
  readonly queue: JobPriorityQueue<QueuedEntry>;
  readonly jobs = new RunningJobs();
  private readonly waiting: QueuedEntry[] = [];

  constructor(private readonly options: IndexedPlacerOptions) {
    this.name = options.engine.cacheStats ? 'indexed + decision cache (core)' : 'indexed (core queue + engine)';
    this.queue = new JobPriorityQueue(options.engine.config.queue);
    for (const entry of options.entries) this.push(entry);
  }

  /** The engine's decision cache counters, when it has one. */
  get cacheStats(): Readonly<DecisionCacheStats> | undefined {
    return this.options.engine.cacheStats;
  }

  get queued(): number {
    return this.queue.size;
  }

  get running(): number {
    return this.jobs.size;
  }

  /** Queues a job as `submit` does: with the engine's memo of its spec, made now. */
  push(entry: JobEntry): void {
    const { id, priority, queuedAt, deadline, spec } = entry;
    const memo = this.options.engine.memoFor(spec);
    const vramGb = vramNeededGb(spec, this.options.engine.config);
    this.queue.push(
      deadline === undefined ? { id, priority, queuedAt, spec, memo, vramGb } : { id, priority, queuedAt, deadline, spec, memo, vramGb },
    );
  }

  pickAndPlace(now: number): PlacementStep | undefined {
    const { phases, onDecision } = this.options;
    const begin = phases && clock();
    const entry = this.queue.pop(now);
    if (entry === undefined) return undefined;
    const spec = entry.spec;
    const popped = phases && clock();
    const context = this.context(now);
    const decision = this.options.engine.decide(spec, context, entry.memo);
    onDecision?.(spec, context, decision);
    const decided = phases && clock();
    const step = this.act(entry, decision, now);
    if (step.outcome === 'queue') this.waiting.push(entry);
    if (phases && begin !== undefined && popped !== undefined && decided !== undefined) {
      phases.pop += Number(popped - begin);
      phases.decide += Number(decided - popped);
      phases.act += Number(clock() - decided);
    }
    return step;
  }

  completeOldest(now: number): boolean {
    const gpuId = this.jobs.releaseOldest(now);
    if (gpuId === undefined) return false;
    this.options.registry.setBusyUntil(gpuId, undefined);
    return true;
  }

  requeueWaiting(): void {
    for (const entry of this.waiting.splice(0)) this.queue.push(entry);
  }

  /** A context per decision, as the dispatcher builds one. */
  private context(now: number): DecisionContext {
    const { registry, offers, uploadBandwidthMbps } = this.options;
    return { now, fleet: registry.fleet, offers, uploadBandwidthMbps };
  }

  /**
   * Allocates and marks busy for a local decision, reading what the dispatcher reads (the queue
   * entry and the decision, not the spec); other outcomes only report.
   */
  private act(entry: QueuedEntry, decision: Decision, now: number): PlacementStep {
    const target = decision.target;
    if (decision.outcome !== 'local' || target?.kind !== 'local') return { jobId: entry.id, outcome: decision.outcome };
    const registry = this.options.registry;
    if (registry.get(target.gpuId) === undefined) throw new Error(`unknown GPU ${target.gpuId}`);
    this.jobs.allocate(entry, target.gpuId, now, decision.estimatedDurationSeconds, entry.vramGb);
    registry.setBusyUntil(target.gpuId, now + decision.estimatedDurationSeconds * 1_000);
    return { jobId: entry.id, outcome: 'local', gpuId: target.gpuId };
  }
}
