import { createSeededRandom, JobPriorityQueue, parseSchedulerConfig, type QueueEntry } from '@aima/core';
import { drawPriority } from './queue-workload.js';

/** `global.gc`, present when node runs with `--expose-gc`. */
export function exposedGc(): (() => void) | undefined {
  const candidate: unknown = Reflect.get(globalThis, 'gc');
  return typeof candidate === 'function' ? () => Reflect.apply(candidate, undefined, []) : undefined;
}

/** `heapUsed` after two full collections. */
export function settledHeap(gc: () => void): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/** Retained heap of one experiment. */
export interface HeapFigure {
  readonly label: string;
  readonly count: number;
  readonly bytesPerItem: number;
}

/**
 * Heap bytes per item that `build` makes and keeps reachable (the returned value is held until
 * the measurement is taken, then dropped): the `heapUsed` difference after full collections.
 */
export function retainedBytesPerItem(gc: () => void, label: string, count: number, build: (count: number) => unknown): HeapFigure {
  const before = settledHeap(gc);
  let held: unknown = build(count);
  const after = settledHeap(gc);
  if (held === undefined) throw new Error('nothing retained');
  held = undefined;
  return { label, count, bytesPerItem: (after - before) / count };
}

/** `count` queue entries like the benchmark's queue: mixed priorities, queued over 6 h, 5 % with a deadline. */
export function queueEntries(count: number, now: number): QueueEntry[] {
  const random = createSeededRandom(11);
  const entries: QueueEntry[] = [];
  for (let index = 0; index < count; index++) {
    const id = `job_${index.toString().padStart(8, '0')}`;
    const priority = drawPriority(random);
    const queuedAt = now - Math.floor(random.next() * 21_600_000);
    entries.push(
      random.next() < 0.05
        ? { id, priority, queuedAt, deadline: now + 600_000 + Math.floor(random.next() * 85_800_000) }
        : { id, priority, queuedAt },
    );
  }
  return entries;
}

/** Bytes per queued job of a `JobPriorityQueue` holding `count` entries. */
export interface QueueHeap {
  /** Entry objects, their id strings and the queue's structures. */
  readonly total: HeapFigure;
  /** The entry objects and their ids alone (held in an array, minus its 8-byte slot). */
  readonly entries: HeapFigure;
  /** The queue's own structures (maps, heaps): total − entries. */
  readonly structures: HeapFigure;
}

export function measureQueueHeap(gc: () => void, count: number, now: number): QueueHeap {
  const config = parseSchedulerConfig().queue;
  const total = retainedBytesPerItem(gc, 'JobPriorityQueue with its entries and ids', count, (n) => {
    const queue = new JobPriorityQueue(config);
    for (const entry of queueEntries(n, now)) queue.push(entry);
    return queue;
  });
  const held = retainedBytesPerItem(gc, 'QueueEntry objects + id strings', count, (n) => queueEntries(n, now));
  const entries = { ...held, bytesPerItem: held.bytesPerItem - 8 };
  const structures = {
    label: 'queue structures (queue nodes, class heaps, deadline heap)',
    count,
    bytesPerItem: total.bytesPerItem - entries.bytesPerItem,
  };
  return { total, entries, structures };
}
