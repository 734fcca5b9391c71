import type { Priority } from '../../config/job-spec.js';
import type { SchedulerConfig } from '../../config/scheduler-config.js';
import { IndexedMinHeap } from '../../engine/fleet/indexed-min-heap.js';
import { effectivePriority } from './effective-priority.js';

/** What the queue holds per job: small, so a million queued jobs fit in memory. */
export interface QueueEntry {
  readonly id: string;
  readonly priority: Priority;
  /** Epoch ms the job (first) entered the queue; aging counts from here. */
  readonly queuedAt: number;
  readonly deadline?: number | undefined;
}

const priorities: readonly Priority[] = ['critical', 'high', 'normal', 'low', 'batch'];

/**
 * The pending jobs, ordered by seed 002's effective priority without re-sorting (Q1).
 *
 * Within one priority class the aging factor is monotone in the queue time, so the earliest
 * queued job has the highest aged priority: one min-heap by `queuedAt` per class gives each
 * class's best in O(1). The deadline factor exceeds 1 only in the last 100 minutes before a
 * deadline, so jobs move from a deadline heap into a small "urgent" set when they get there and
 * are scored one by one. `peek` is O(classes + urgent), push and pop O(log n).
 */
export class JobPriorityQueue {
  private readonly byClass = new Map<Priority, IndexedMinHeap<QueueEntry>>(priorities.map((priority) => [priority, new IndexedMinHeap()]));
  private readonly upcomingDeadlines = new IndexedMinHeap<QueueEntry>();
  private readonly urgent = new Map<string, QueueEntry>();
  private readonly entries = new Map<string, QueueEntry>();
  private readonly windowMs: number;

  constructor(private readonly config: SchedulerConfig['queue']) {
    this.windowMs = config.deadlineFactorNumeratorMinutes * 60_000;
  }

  get size(): number {
    return this.entries.size;
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }

  /** Number of queued jobs per priority class. */
  countByPriority(): Record<Priority, number> {
    const counts = { critical: 0, high: 0, normal: 0, low: 0, batch: 0 };
    for (const [priority, heap] of this.byClass) counts[priority] = heap.size;
    return counts;
  }

  push(entry: QueueEntry): void {
    if (this.entries.has(entry.id)) throw new Error(`job ${entry.id} is already queued`);
    this.entries.set(entry.id, entry);
    this.heapOf(entry.priority).set(entry.id, entry.queuedAt, entry);
    if (entry.deadline !== undefined) this.upcomingDeadlines.set(entry.id, entry.deadline, entry);
  }

  remove(id: string): boolean {
    const entry = this.entries.get(id);
    if (entry === undefined) return false;
    this.entries.delete(id);
    this.heapOf(entry.priority).remove(id);
    this.upcomingDeadlines.remove(id);
    this.urgent.delete(id);
    return true;
  }

  /** The entry with the highest effective priority at `now`; ties go to the higher class, then the earlier job. */
  peek(now: number): QueueEntry | undefined {
    this.refreshUrgent(now);
    let best: QueueEntry | undefined;
    let bestScore = Number.NEGATIVE_INFINITY;
    const consider = (entry: QueueEntry | undefined) => {
      if (entry === undefined) return;
      const score = effectivePriority(entry, now, this.config);
      if (best === undefined || score > bestScore || (score === bestScore && this.before(entry, best))) {
        best = entry;
        bestScore = score;
      }
    };
    for (const heap of this.byClass.values()) consider(heap.peek());
    for (const entry of this.urgent.values()) consider(entry);
    return best;
  }

  pop(now: number): QueueEntry | undefined {
    const entry = this.peek(now);
    if (entry !== undefined) this.remove(entry.id);
    return entry;
  }

  /** Moves jobs whose deadline is within the window into the urgent set; drops those past it. */
  private refreshUrgent(now: number): void {
    for (
      let next = this.upcomingDeadlines.peek();
      next !== undefined && (next.deadline ?? 0) - now < this.windowMs;
      next = this.upcomingDeadlines.peek()
    ) {
      this.upcomingDeadlines.remove(next.id);
      this.urgent.set(next.id, next);
    }
    for (const [id, entry] of this.urgent) if ((entry.deadline ?? 0) <= now) this.urgent.delete(id);
  }

  private before(a: QueueEntry, b: QueueEntry): boolean {
    const weights = this.config.priorityWeights;
    if (weights[a.priority] !== weights[b.priority]) return weights[a.priority] > weights[b.priority];
    if (a.queuedAt !== b.queuedAt) return a.queuedAt < b.queuedAt;
    return a.id < b.id;
  }

  private heapOf(priority: Priority): IndexedMinHeap<QueueEntry> {
    return this.byClass.get(priority) as IndexedMinHeap<QueueEntry>;
  }
}
