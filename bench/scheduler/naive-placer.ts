import { effectivePriority, type LocalGpuState, type SchedulerConfig, vramNeededGb } from '@aima/core';
import { type PlacementStep, type Placer, RunningJobs, runSeconds } from './placement.js';
import type { JobEntry } from './queue-workload.js';

/** A GPU as the naive baseline keeps it. */
export interface NaiveGpu {
  readonly id: string;
  readonly vramGb: number;
  busyUntil: number | undefined;
}

/** A queued job and when it arrived in the naive queue (for ties, as core's queue breaks them). */
interface Queued {
  readonly entry: JobEntry;
  readonly arrival: number;
}

/** Options of {@link NaivePlacer}. */
export interface NaivePlacerOptions {
  readonly config: SchedulerConfig;
  readonly states: readonly LocalGpuState[];
  readonly entries: readonly JobEntry[];
}

/**
 * The naive baseline: a plain array of queued jobs, re-sorted by effective priority for every
 * pick (the seed's `sorted(queue, key=effective_priority)`: one score per job, then a sort), and
 * a linear scan of the whole fleet for the first free GPU with enough VRAM (first fit: no policy,
 * no cost, no cloud, so it does less per placement than the engine). Same tie order as core's
 * queue: score, then class weight, then earlier queue time, then earlier arrival.
 */
export class NaivePlacer implements Placer {
  readonly name = 'naive (sort queue + scan fleet)';
  readonly jobs = new RunningJobs();
  private readonly entries: Queued[] = [];
  private arrivals = 0;
  private readonly gpus: NaiveGpu[];
  private readonly byId = new Map<string, NaiveGpu>();
  private readonly waiting: JobEntry[] = [];

  constructor(private readonly options: NaivePlacerOptions) {
    for (const entry of options.entries) this.push(entry);
    this.gpus = options.states.map((state) => ({ id: state.gpu.id, vramGb: state.gpu.vramGb, busyUntil: state.busyUntil }));
    for (const gpu of this.gpus) this.byId.set(gpu.id, gpu);
  }

  get queued(): number {
    return this.entries.length;
  }

  get running(): number {
    return this.jobs.size;
  }

  push(entry: JobEntry): void {
    this.entries.push({ entry, arrival: this.arrivals++ });
  }

  /** The whole queue in effective-priority order at `now` (a fresh sort). */
  ranked(now: number): Queued[] {
    const config = this.options.config.queue;
    const weights = config.priorityWeights;
    const scored = this.entries.map((queued) => ({ queued, score: effectivePriority(queued.entry, now, config) }));
    scored.sort(
      (a, b) =>
        b.score - a.score ||
        weights[b.queued.entry.priority] - weights[a.queued.entry.priority] ||
        a.queued.entry.queuedAt - b.queued.entry.queuedAt ||
        a.queued.arrival - b.queued.arrival,
    );
    return scored.map((item) => item.queued);
  }

  pickAndPlace(now: number): PlacementStep | undefined {
    const first = this.ranked(now)[0];
    if (first === undefined) return undefined;
    const index = this.entries.indexOf(first);
    this.entries[index] = this.entries[this.entries.length - 1] as Queued;
    this.entries.pop();
    const best = first.entry;
    const spec = best.spec;
    const need = vramNeededGb(spec, this.options.config);
    const gpu = this.firstFree(need);
    if (gpu === undefined) {
      this.waiting.push(best);
      return { jobId: best.id, outcome: 'queue' };
    }
    const seconds = runSeconds(spec, this.options.config);
    this.jobs.allocate(best, gpu.id, now, seconds, need);
    gpu.busyUntil = now + seconds * 1_000;
    return { jobId: best.id, outcome: 'local', gpuId: gpu.id };
  }

  /** The first free GPU with at least `vramGb`, by a scan of the whole fleet. */
  firstFree(vramGb: number): NaiveGpu | undefined {
    for (const gpu of this.gpus) if (gpu.busyUntil === undefined && gpu.vramGb >= vramGb) return gpu;
    return undefined;
  }

  completeOldest(now: number): boolean {
    const gpuId = this.jobs.releaseOldest(now);
    if (gpuId === undefined) return false;
    const gpu = this.byId.get(gpuId);
    if (gpu !== undefined) gpu.busyUntil = undefined;
    return true;
  }

  requeueWaiting(): void {
    for (const entry of this.waiting.splice(0)) this.push(entry);
  }
}
