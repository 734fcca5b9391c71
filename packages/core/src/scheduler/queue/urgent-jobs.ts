import type { SchedulerConfig } from '../../config/scheduler-config.js';
import { IntrusiveHeap } from '../../engine/fleet/intrusive-heap.js';
import { agingFactor, deadlineFactor, effectivePriority } from './effective-priority.js';
import { PickContest } from './pick-contest.js';
import { priorities, type QueueNode, type QueueOrders } from './queue-node.js';

type QueueConfig = SchedulerConfig['queue'];

interface Band {
  readonly byDeadline: IntrusiveHeap<QueueNode>;
  /** The same jobs by queue time: the first is the band's oldest, with its highest aging. */
  readonly byAge: IntrusiveHeap<QueueNode>;
}

/**
 * The urgent jobs of one priority class: those whose deadline factor exceeds 1 (deadline within
 * its window). A job's score there is weight × aging × deadline factor; to find the best without
 * scoring them all, they are kept in aging bands (waits up to the fairness threshold T, then up
 * to 2T, 4T, … past the aging cap), each with a heap by deadline and a heap by queue time.
 *
 * In a band, no job scores above weight × the band's oldest job's aging × its own deadline factor,
 * and every job below it in the deadline heap has a later deadline, so no higher factor: the
 * search skips each subtree whose bound is below the best score found. Within a band aging varies
 * by at most ×2, so the bound is tight. The bound holds whatever the band's range, so the bands
 * need only follow the clock loosely (and stay exact when it goes back).
 *
 * The class's best urgent job at a given `now` is remembered until a job enters or leaves the
 * urgent set, so the many picks of one dispatch round (or one millisecond) search once.
 */
export class UrgentJobs {
  private readonly bands: readonly Band[];
  /** Band `b` holds waits up to `upperWaitMs[b]` (the last band: any wait). */
  private readonly upperWaitMs: number[] = [];
  /** Each band's oldest queue time and earliest deadline (NaN when empty), side by side: the search reads no heap to skip a band. */
  private readonly oldestQueuedAt: Float64Array;
  private readonly firstDeadline: Float64Array;
  private count = 0;
  /** The last `advance` time: jobs added since are urgent at it, and nothing moves until the clock does. */
  private advancedTo = Number.NaN;
  /** Finds the class's own best; every job here has the class's weight. */
  private readonly own: PickContest;
  /** When `best` was found (NaN: to find again). */
  private bestAt = Number.NaN;
  private best: QueueNode | undefined;
  private bestScore = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly config: QueueConfig,
    private readonly weight: number,
    orders: QueueOrders,
  ) {
    const thresholdMs = config.fairnessThresholdSeconds * 1000;
    for (let factor = 1; factor < config.maxWaitFactor; factor *= 2) this.upperWaitMs.push(thresholdMs * factor);
    this.upperWaitMs.push(Number.POSITIVE_INFINITY);
    this.bands = this.upperWaitMs.map(() => ({
      byDeadline: new IntrusiveHeap(orders.byDeadline),
      byAge: new IntrusiveHeap(orders.byQueueTimeInBand),
    }));
    this.oldestQueuedAt = new Float64Array(this.bands.length).fill(Number.NaN);
    this.firstDeadline = new Float64Array(this.bands.length).fill(Number.NaN);
    this.own = new PickContest(priorities.map(() => weight));
  }

  get size(): number {
    return this.count;
  }

  /** Adds a job whose deadline is ahead and within the window. */
  add(node: QueueNode, now: number): void {
    let band = 0;
    while ((this.upperWaitMs[band] as number) < now - node.entry.queuedAt) band++;
    this.enter(node, band);
    this.count++;
    node.deadlineState = 'urgent';
  }

  remove(node: QueueNode): void {
    this.leave(node);
    this.count--;
    node.deadlineState = 'none';
  }

  /** Moves jobs whose wait outgrew their band to the next band; drops those whose deadline passed (factor 1 again). */
  advance(now: number): void {
    if (this.count === 0 || now === this.advancedTo) return;
    this.advancedTo = now;
    for (let band = 0; band < this.bands.length - 1; band++) {
      const byAge = (this.bands[band] as Band).byAge;
      const upper = this.upperWaitMs[band] as number;
      for (let oldest = byAge.peek(); oldest !== undefined && now - oldest.entry.queuedAt > upper; oldest = byAge.peek()) {
        this.leave(oldest);
        this.enter(oldest, band + 1);
      }
    }
    for (const { byDeadline } of this.bands) {
      for (let first = byDeadline.peek(); first !== undefined && (first.entry.deadline ?? now) <= now; first = byDeadline.peek()) {
        this.remove(first);
      }
    }
  }

  /** Offers `contest` the class's best urgent job at `now` (its score in full), if any. */
  search(now: number, contest: PickContest, stack: number[]): void {
    if (this.count === 0) return;
    if (now !== this.bestAt) this.findBest(now, stack);
    if (this.best !== undefined) contest.consider(this.best, this.bestScore);
  }

  /** The best urgent job at `now`, depth first over each band's deadline heap, skipping subtrees that cannot beat the best so far. */
  private findBest(now: number, stack: number[]): void {
    const own = this.own;
    own.reset();
    for (let band = 0; band < this.bands.length; band++) {
      const oldestQueuedAt = this.oldestQueuedAt[band] as number;
      if (Number.isNaN(oldestQueuedAt)) continue;
      const weightTimesAging = this.weight * agingFactor((now - oldestQueuedAt) / 1000, this.config);
      if (weightTimesAging * deadlineFactor((this.firstDeadline[band] as number) - now, this.config) < own.bestScore) continue;
      const heap = (this.bands[band] as Band).byDeadline;
      stack.push(0);
      while (stack.length > 0) {
        const index = stack.pop() as number;
        // The deadline as the heap keeps it: a pruned job's node is never read.
        const deadline = heap.keyAt(index) as number;
        if (weightTimesAging * deadlineFactor(deadline - now, this.config) < own.bestScore) continue;
        const node = heap.at(index) as QueueNode;
        own.consider(node, effectivePriority(node.entry, now, this.config));
        const first = IntrusiveHeap.firstChild(index);
        const end = Math.min(first + IntrusiveHeap.arity, heap.size);
        for (let child = first; child < end; child++) stack.push(child);
      }
    }
    this.best = own.best;
    this.bestScore = own.bestScore;
    this.bestAt = now;
    own.reset();
  }

  private enter(node: QueueNode, band: number): void {
    this.bestAt = Number.NaN;
    const target = this.bands[band] as Band;
    node.band = band;
    target.byDeadline.push(node);
    target.byAge.push(node);
    this.noteRoots(band);
  }

  private leave(node: QueueNode): void {
    this.bestAt = Number.NaN;
    this.best = undefined;
    const band = this.bands[node.band] as Band;
    band.byDeadline.remove(node);
    band.byAge.remove(node);
    this.noteRoots(node.band);
  }

  private noteRoots(index: number): void {
    const band = this.bands[index] as Band;
    this.oldestQueuedAt[index] = band.byAge.peekKey() ?? Number.NaN;
    this.firstDeadline[index] = band.byDeadline.peekKey() ?? Number.NaN;
  }
}
