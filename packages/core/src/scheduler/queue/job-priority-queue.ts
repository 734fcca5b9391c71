import type { Priority } from '../../config/job-spec.js';
import type { SchedulerConfig } from '../../config/scheduler-config.js';
import { HandlePool } from '../../engine/fleet/heap-positions.js';
import { IntrusiveHeap } from '../../engine/fleet/intrusive-heap.js';
import { agingFactor, deadlineFactor } from './effective-priority.js';
import { PickContest } from './pick-contest.js';
import { priorities, type QueueEntry, type QueueNode, queueNode, queueOrders } from './queue-node.js';
import { UrgentJobs } from './urgent-jobs.js';

export type { QueueEntry } from './queue-node.js';

/**
 * What `push` hands back for a queued job: keep it to `remove` the job (cancel) or to ask
 * whether it is still queued. Opaque apart from the entry; a ticket outlives its job's stay in
 * the queue harmlessly (`remove` and `has` answer false).
 */
export interface QueueTicket<Entry extends QueueEntry = QueueEntry> {
  readonly entry: Entry;
}

/**
 * The pending jobs, ordered by seed 002's effective priority (base weight × aging × deadline
 * factor) without re-sorting (Q1). Push and remove cost O(log n); pop O(log n) plus the urgent
 * jobs that could still win (the aging bands of `urgent-jobs.ts`).
 *
 * - Within a class, aging is monotone in the queue time: one heap per class by `queuedAt` gives
 *   each class's best job among those whose deadline factor is 1.
 * - The deadline factor exceeds 1 only within its window (100 minutes) before a deadline. Jobs
 *   wait in one `upcoming` heap by deadline until they enter the window, then move to their
 *   class's urgent jobs, and leave those when the deadline passes (factor 1 again).
 *
 * `now` should not decrease between calls; when it does, deadlines are re-sorted (O(n log n)).
 *
 * The queue keeps no index by id: `push` returns a ticket to remove the job by, and `pop`
 * returns the entry as pushed, so callers carry their own job record in it (`Entry`) and look
 * nothing up. Ids need not be unique to the queue; ties in effective priority, class weight and
 * queue time go to the job pushed first.
 */
export class JobPriorityQueue<Entry extends QueueEntry = QueueEntry> {
  private count = 0;
  private readonly orders = queueOrders();
  private readonly handles = new HandlePool();
  private readonly byClass = priorities.map(() => new IntrusiveHeap(this.orders.byQueueTime));
  private readonly urgent: readonly UrgentJobs[];
  private readonly upcoming = new IntrusiveHeap(this.orders.byDeadline);
  private readonly contest: PickContest;
  private readonly weights: readonly number[];
  private readonly stack: number[] = [];
  private lastNow = Number.NEGATIVE_INFINITY;
  private pushed = 0;

  constructor(private readonly config: SchedulerConfig['queue']) {
    this.weights = priorities.map((priority) => config.priorityWeights[priority]);
    this.urgent = this.weights.map((weight) => new UrgentJobs(config, weight, this.orders));
    this.contest = new PickContest(this.weights);
  }

  get size(): number {
    return this.count;
  }

  /** Whether the ticket's job is still in this queue. */
  has(ticket: QueueTicket<Entry>): boolean {
    const node = ticket as unknown as QueueNode;
    return this.byClass[node.classIndex]?.has(node) === true;
  }

  /** Number of queued jobs per priority class. */
  countByPriority(): Record<Priority, number> {
    const counts = { critical: 0, high: 0, normal: 0, low: 0, batch: 0 };
    priorities.forEach((priority, index) => {
      counts[priority] = this.byClass[index]?.size ?? 0;
    });
    return counts;
  }

  /** Queues a job; the ticket removes it again. @throws Error for an unknown priority (a bug in the caller: entries are validated). */
  push(entry: Entry): QueueTicket<Entry> {
    const node = queueNode(entry, this.pushed++, this.handles.acquire());
    this.classHeap(node).push(node);
    this.count++;
    if (entry.deadline !== undefined) {
      node.deadlineState = 'upcoming';
      this.upcoming.push(node);
    }
    return node as unknown as QueueTicket<Entry>;
  }

  /** Takes the ticket's job out of the queue; false when it is no longer queued here. */
  remove(ticket: QueueTicket<Entry>): boolean {
    if (!this.has(ticket)) return false;
    this.detach(ticket as unknown as QueueNode);
    return true;
  }

  /** The entry with the highest effective priority at `now`; ties go to the higher class weight, then the earlier queue time, then the job pushed first (as seed 002's stable sort keeps arrival order). */
  peek(now: number): Entry | undefined {
    return this.bestAt(now)?.entry as Entry | undefined;
  }

  pop(now: number): Entry | undefined {
    const node = this.bestAt(now);
    if (node === undefined) return undefined;
    this.detach(node);
    return node.entry as Entry;
  }

  private bestAt(now: number): QueueNode | undefined {
    this.advanceTo(now);
    const contest = this.contest;
    contest.reset();
    // A class's first job scored without its deadline factor: a lower bound of its score, exact
    // unless the job is urgent, and then the urgent search scores it in full.
    for (let classIndex = 0; classIndex < priorities.length; classIndex++) {
      const heap = this.byClass[classIndex] as IntrusiveHeap<QueueNode>;
      const queuedAt = heap.peekKey();
      if (queuedAt === undefined) continue;
      const score = (this.weights[classIndex] as number) * agingFactor((now - queuedAt) / 1000, this.config);
      contest.consider(heap.peek() as QueueNode, score);
    }
    for (const urgent of this.urgent) urgent.search(now, contest, this.stack);
    const best = contest.best;
    contest.reset();
    return best;
  }

  /**
   * Moves deadlines entering the factor's window from `upcoming` to the urgent jobs and drops
   * those that passed. Afterwards every job still upcoming has factor 1 at `now` (the factor
   * never grows as the deadline moves away) and every urgent job's deadline is ahead.
   */
  private advanceTo(now: number): void {
    if (now < this.lastNow) this.resortDeadlines();
    this.lastNow = now;
    for (let node = this.upcoming.peek(); node !== undefined; node = this.upcoming.peek()) {
      const left = (node.entry.deadline ?? now) - now;
      if (left > 0 && deadlineFactor(left, this.config) <= 1) break;
      this.upcoming.pop();
      node.deadlineState = 'none';
      if (left > 0) this.urgentOf(node).add(node, now);
    }
    for (const urgent of this.urgent) urgent.advance(now);
  }

  /** Time went back: a passed deadline may be ahead again, so every deadline starts over as upcoming. */
  private resortDeadlines(): void {
    for (const node of this.byClass.flatMap((heap) => [...heap.values()])) {
      if (node.entry.deadline === undefined || node.deadlineState === 'upcoming') continue;
      if (node.deadlineState === 'urgent') this.urgentOf(node).remove(node);
      node.deadlineState = 'upcoming';
      this.upcoming.push(node);
    }
  }

  private detach(node: QueueNode): void {
    this.count--;
    this.classHeap(node).remove(node);
    if (node.deadlineState === 'upcoming') this.upcoming.remove(node);
    else if (node.deadlineState === 'urgent') this.urgentOf(node).remove(node);
    node.deadlineState = 'none';
    this.handles.release(node.handle);
  }

  private classHeap(node: QueueNode): IntrusiveHeap<QueueNode> {
    return this.byClass[node.classIndex] as IntrusiveHeap<QueueNode>;
  }

  private urgentOf(node: QueueNode): UrgentJobs {
    return this.urgent[node.classIndex] as UrgentJobs;
  }
}
