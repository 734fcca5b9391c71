import type { LocalCandidate } from './candidates.js';
import type { GpuClassView } from './fleet/gpu-class.js';
import type { LocalGpuState } from './fleet/local-gpu-state.js';

/** The classes that passed every local filter, in fleet order, and the job's cost on each. */
export interface PassingClasses {
  readonly classes: readonly GpuClassView[];
  readonly costs: readonly number[];
}

/**
 * The passing classes in the orders a selection among free classes scans them: by total score
 * when free (highest first), then cost; and by cost. Built once per evaluation (free totals do
 * not change while the classes do not).
 */
export interface FreeOrder {
  /** Total score of each passing class when its candidate is free, by class index. */
  readonly totals: readonly number[];
  readonly byScore: readonly number[];
  readonly byCost: readonly number[];
}

export function freeOrder(passing: PassingClasses, totals: readonly number[]): FreeOrder {
  const { costs } = passing;
  const indexes = costs.map((_, index) => index);
  const total = (index: number) => totals[index] as number;
  const cost = (index: number) => costs[index] as number;
  return {
    totals,
    byScore: [...indexes].sort((a, b) => total(b) - total(a) || cost(a) - cost(b)),
    byCost: [...indexes].sort((a, b) => cost(a) - cost(b)),
  };
}

/**
 * The passing classes at one moment: each class's wait for its soonest-free member, and the
 * candidates the engine picks among them. One object is reused across decisions (the decision
 * cache keeps one per job signature), so observing and selecting allocate nothing; members are
 * read only where a decision names them or a tie needs their ids.
 */
export class LocalSelection {
  readonly waits: number[] = [];
  anyFree = false;
  /** Shortest wait over every passing class (seed `estimate_local_queue_time`); undefined without one. */
  minWaitSeconds: number | undefined;
  /** Index of the best weighted score (among free classes if any is free); -1 when none passed. */
  best = -1;
  /** Index of the lowest cost (among free classes if any is free); -1 when none passed. */
  cheapest = -1;
  private classes: readonly GpuClassView[] = [];

  /** Reads each passing class's wait at `now` (as `waitSecondsOf` its soonest-free member). */
  observe(passing: PassingClasses, now: number): void {
    const { classes } = passing;
    this.classes = classes;
    if (this.waits.length !== classes.length) this.waits.length = classes.length;
    this.anyFree = false;
    this.minWaitSeconds = undefined;
    for (let index = 0; index < classes.length; index++) {
      const busyUntil = (classes[index] as GpuClassView).soonestBusyUntil();
      const wait = busyUntil === undefined ? 0 : Math.max(1, (busyUntil - now) / 1000);
      this.waits[index] = wait;
      if (wait === 0) this.anyFree = true;
      this.minWaitSeconds = Math.min(this.minWaitSeconds ?? Number.POSITIVE_INFINITY, wait);
    }
  }

  /** The soonest-free member of the observed class at `index`. */
  member(index: number): LocalGpuState {
    return (this.classes[index] as GpuClassView).soonest() as LocalGpuState;
  }

  /**
   * Picks among the observed classes, free ones only if any is free: `best` by the highest total
   * (`totalOf(index)`), then the shorter wait, the lower cost, the smaller GPU id; `cheapest` by
   * the lowest cost, then the smaller GPU id.
   */
  select(passing: PassingClasses, totalOf: (index: number) => number): void {
    const { costs } = passing;
    this.best = -1;
    this.cheapest = -1;
    let bestTotal = Number.NEGATIVE_INFINITY;
    for (let index = 0; index < costs.length; index++) {
      if (this.anyFree && (this.waits[index] as number) > 0) continue;
      const total = totalOf(index);
      if (this.best < 0 || total > bestTotal || (total === bestTotal && this.breaksTie(index, this.best, costs))) {
        this.best = index;
        bestTotal = total;
      }
      if (this.cheapest < 0) {
        this.cheapest = index;
        continue;
      }
      const cost = costs[index] as number;
      const cheapestCost = costs[this.cheapest] as number;
      if (cost < cheapestCost || (cost === cheapestCost && this.idBefore(index, this.cheapest))) this.cheapest = index;
    }
  }

  /**
   * The same choice as `observe` then `select` when some passing class is free, reading classes
   * only in `order` up to the first free one (and the free ones tied with it, which the smaller
   * member id decides). False when no class is free: then `observe` and `select`. Afterwards only
   * the waits of `best` and `cheapest` are known (0).
   */
  selectFree(passing: PassingClasses, order: FreeOrder): boolean {
    this.classes = passing.classes;
    const { costs } = passing;
    const { totals } = order;
    this.best = this.firstFree(order.byScore, totals, costs);
    if (this.best < 0) return false;
    this.cheapest = this.firstFree(order.byCost, undefined, costs);
    this.anyFree = true;
    this.minWaitSeconds = 0;
    if (this.waits.length !== passing.classes.length) this.waits.length = passing.classes.length;
    this.waits[this.best] = 0;
    this.waits[this.cheapest] = 0;
    return true;
  }

  /** The candidate at `index` as plugins and policies see it. */
  candidate(passing: PassingClasses, index: number): LocalCandidate {
    return {
      kind: 'local',
      gpuClass: passing.classes[index] as GpuClassView,
      gpu: this.member(index),
      waitSeconds: this.waits[index] as number,
      costUsd: passing.costs[index] as number,
    };
  }

  /**
   * The first free class in `order`, or among the free ones ranked equal with it (same cost, and
   * same total when `totals` is given) the one whose member has the smallest id; -1 if none.
   */
  private firstFree(order: readonly number[], totals: readonly number[] | undefined, costs: readonly number[]): number {
    const classes = this.classes;
    for (let position = 0; position < order.length; position++) {
      const index = order[position] as number;
      if ((classes[index] as GpuClassView).soonestBusyUntil() !== undefined) continue;
      let chosen = index;
      for (let next = position + 1; next < order.length; next++) {
        const other = order[next] as number;
        if (costs[other] !== costs[index] || (totals !== undefined && totals[other] !== totals[index])) break;
        if ((classes[other] as GpuClassView).soonestBusyUntil() === undefined && this.idBefore(other, chosen)) chosen = other;
      }
      return chosen;
    }
    return -1;
  }

  private breaksTie(index: number, best: number, costs: readonly number[]): boolean {
    const wait = this.waits[index] as number;
    const bestWait = this.waits[best] as number;
    if (wait !== bestWait) return wait < bestWait;
    const cost = costs[index] as number;
    const bestCost = costs[best] as number;
    if (cost !== bestCost) return cost < bestCost;
    return this.idBefore(index, best);
  }

  /** Whether the observed member of class `index` has a smaller id than that of class `other` (compared by rank). */
  private idBefore(index: number, other: number): boolean {
    const classes = this.classes;
    return (classes[index] as GpuClassView).soonestRank() < (classes[other] as GpuClassView).soonestRank();
  }
}
