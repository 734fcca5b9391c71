import {
  type Decision,
  type DecisionContext,
  type DecisionEngine,
  type DecisionOutcome,
  type GpuClassView,
  JobPriorityQueue,
  type JobSpec,
  type LocalFleet,
  type LocalGpuState,
  type OfferBook,
  type QueueEntry,
} from '@aima/core';
import { DecisionCache, requirementSignature } from './decision-cache.js';
import { type PlacementStep, type Placer, RunningJobs, runMs, vramNeededGb } from './placement.js';

/** What a cache hit decided, before it is acted on. */
export interface CacheHit {
  readonly decision: Decision;
  /** For `local`: the GPU the cached decision is re-targeted to. */
  readonly gpuId?: string;
}

/** Time spent per phase of pick-and-place, ns, summed (when asked for: costs three clock reads per pick). */
export interface Phases {
  pop: number;
  decide: number;
  act: number;
}

/** Options of {@link IndexedPlacer}. */
export interface IndexedPlacerOptions {
  readonly engine: DecisionEngine;
  /** Built with the engine's cost configuration; the placer marks GPUs busy and free in it. */
  readonly fleet: LocalFleet;
  readonly offers: OfferBook;
  readonly uploadBandwidthMbps: number;
  readonly entries: readonly QueueEntry[];
  readonly specs: ReadonlyMap<string, JobSpec>;
  /** Share decisions between jobs of one requirement signature (the bench-only prototype). */
  readonly cache?: boolean;
  /** Called on every cache hit before acting on it (for shadow checks; slows the placer). */
  readonly onCacheHit?: (spec: JobSpec, context: DecisionContext, hit: CacheHit) => void;
  readonly phases?: Phases;
}

function hasFreeMember(gpuClass: GpuClassView): boolean {
  const soonest = gpuClass.soonest();
  return soonest !== undefined && soonest.busyUntil === undefined;
}

/** A cached decision pointed at the class's current soonest-free GPU (what the scheduler would record and emit). */
function retarget(decision: Decision, gpu: LocalGpuState): Decision {
  const target = decision.target;
  if (target?.kind !== 'local') return decision;
  return { ...decision, target: { ...target, gpuId: gpu.gpu.id, hostAddress: gpu.gpu.hostAddress } };
}

const clock = () => process.hrtime.bigint();

/**
 * What core's dispatcher does per job, without the scheduler around it: pop the best job from
 * core's `JobPriorityQueue`, `engine.decide`, allocate in core's `AllocationLedger`, mark the GPU
 * busy in core's `LocalFleet` (`upsert` with `busyUntil`, as `GpuRegistry.setBusyUntil` does).
 * Cloud and reject outcomes are counted and dropped (launching is the provider's work); `queue`
 * outcomes wait for the next round.
 */
export class IndexedPlacer implements Placer {
  readonly name: string;
  readonly queue: JobPriorityQueue;
  readonly jobs = new RunningJobs();
  readonly cache: DecisionCache | undefined;
  /** Classes flipping between "has a free GPU" and "has none" (see DecisionCache). */
  readonly epochs = { freed: 0, exhausted: 0 };
  private readonly waiting: QueueEntry[] = [];

  constructor(private readonly options: IndexedPlacerOptions) {
    if (options.cache && options.engine.policy === 'hybrid-threshold') {
      throw new Error(
        'the decision cache does not apply to hybrid-threshold: it reads the fleet utilisation, which every placement changes',
      );
    }
    this.name = options.cache ? 'indexed + decision cache (prototype)' : 'indexed (core queue + engine)';
    this.queue = new JobPriorityQueue(options.engine.config.queue);
    for (const entry of options.entries) this.queue.push(entry);
    this.cache = options.cache ? new DecisionCache() : undefined;
  }

  get queued(): number {
    return this.queue.size;
  }

  get running(): number {
    return this.jobs.size;
  }

  push(entry: QueueEntry): void {
    this.queue.push(entry);
  }

  pickAndPlace(now: number): PlacementStep | undefined {
    const phases = this.options.phases;
    const begin = phases && clock();
    const entry = this.queue.pop(now);
    if (entry === undefined) return undefined;
    const spec = this.options.specs.get(entry.id);
    if (spec === undefined) throw new Error(`no spec for ${entry.id}`);
    const popped = phases && clock();
    const decision =
      this.cache === undefined ? this.options.engine.decide(spec, this.context(now)) : this.cachedDecision(spec, now, this.cache);
    const decided = phases && clock();
    const step = this.act(entry.id, spec, decision, now);
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
    const fleet = this.options.fleet;
    const state = fleet.get(gpuId);
    const gpuClass = fleet.classOf(gpuId);
    if (state === undefined) return true;
    if (gpuClass !== undefined && !hasFreeMember(gpuClass)) this.epochs.freed++;
    fleet.upsert(state.health === undefined ? { gpu: state.gpu } : { gpu: state.gpu, health: state.health });
    return true;
  }

  requeueWaiting(): void {
    for (const entry of this.waiting.splice(0)) this.queue.push(entry);
  }

  private context(now: number): DecisionContext {
    return { now, fleet: this.options.fleet, offers: this.options.offers, uploadBandwidthMbps: this.options.uploadBandwidthMbps };
  }

  /** The cached decision for the job's signature when still valid (re-targeted), else a fresh one, cached. */
  private cachedDecision(spec: JobSpec, now: number, cache: DecisionCache): Decision {
    const signature = requirementSignature(spec, this.options.engine.policy);
    const cached = cache.lookup(signature, now, this.epochs);
    if (cached !== undefined) {
      if (cached.decision.outcome !== 'local') {
        cache.hits++;
        this.options.onCacheHit?.(spec, this.context(now), { decision: cached.decision });
        return cached.decision;
      }
      const gpu = cached.gpuClass?.soonest();
      if (gpu !== undefined && gpu.busyUntil === undefined) {
        cache.hits++;
        const decision = retarget(cached.decision, gpu);
        this.options.onCacheHit?.(spec, this.context(now), { decision, gpuId: gpu.gpu.id });
        return decision;
      }
    }
    cache.misses++;
    const decision = this.options.engine.decide(spec, this.context(now));
    const target = decision.target;
    const gpuClass = target?.kind === 'local' ? this.options.fleet.classOf(target.gpuId) : undefined;
    cache.store(signature, gpuClass === undefined ? { decision } : { decision, gpuClass }, this.epochs);
    return decision;
  }

  /** Allocates and marks busy for a local decision; other outcomes only report. */
  private act(jobId: string, spec: JobSpec, decision: Decision, now: number): PlacementStep {
    const target = decision.target;
    const outcome: DecisionOutcome = decision.outcome;
    if (outcome !== 'local' || target?.kind !== 'local') return { jobId, outcome };
    const fleet = this.options.fleet;
    const state = fleet.get(target.gpuId);
    if (state === undefined) throw new Error(`unknown GPU ${target.gpuId}`);
    this.jobs.allocate(jobId, target.gpuId, spec, now, vramNeededGb(spec, this.options.engine.config));
    fleet.upsert({ ...state, busyUntil: now + runMs(spec) });
    const gpuClass = fleet.classOf(target.gpuId);
    if (gpuClass !== undefined && !hasFreeMember(gpuClass)) this.epochs.exhausted++;
    return { jobId, outcome: 'local', gpuId: target.gpuId };
  }
}
