import type { Priority } from '../../config/job-spec.js';
import { HeapPositions } from '../../engine/fleet/heap-positions.js';
import type { HeapOrder } from '../../engine/fleet/intrusive-heap.js';

/** What the queue holds per job: small, so a million queued jobs fit in memory. */
export interface QueueEntry {
  readonly id: string;
  readonly priority: Priority;
  /** Epoch ms the job (first) entered the queue; aging counts from here. */
  readonly queuedAt: number;
  readonly deadline?: number | undefined;
}

/** The priority classes, highest base weight first by default; a class's index names its heaps. */
export const priorities: readonly Priority[] = ['critical', 'high', 'normal', 'low', 'batch'];

/**
 * Where a job's deadline is tracked: not at all (none, or it has passed: its factor is 1 for
 * good), among deadlines still more than the factor's window ahead, or among urgent ones.
 */
export type DeadlineState = 'none' | 'upcoming' | 'urgent';

/** One queued job; its positions in the queue's heaps are kept by its handle (see `QueueOrders`). */
export interface QueueNode {
  readonly entry: QueueEntry;
  /** Order of arrival in this queue (0, 1, 2, …): among equal queue times, the job pushed first comes out first. */
  readonly sequence: number;
  /** Where the queue's heaps keep this job's positions; reused by another job once this one has left. */
  readonly handle: number;
  readonly classIndex: number;
  /** Its urgent band (aging band) while urgent. */
  band: number;
  deadlineState: DeadlineState;
}

export function queueNode(entry: QueueEntry, sequence: number, handle: number): QueueNode {
  const classIndex = priorities.indexOf(entry.priority);
  if (classIndex < 0) throw new Error(`job ${entry.id} has an unknown priority "${String(entry.priority)}"`);
  return { entry, sequence, handle, classIndex, band: 0, deadlineState: 'none' };
}

const queueTimeOf = (node: QueueNode): number => node.entry.queuedAt;
const sequenceOf = (node: QueueNode): number => node.sequence;
const handleOf = (node: QueueNode): number => node.handle;

/** The orders of one queue's heaps, each with its own positions (a job is in at most one heap of each). */
export interface QueueOrders {
  /** Earlier queue time first, then arrival: within a class, the job with the highest aged priority first. */
  readonly byQueueTime: HeapOrder<QueueNode>;
  /** The same order within an urgent band. */
  readonly byQueueTimeInBand: HeapOrder<QueueNode>;
  /** Earlier deadline first, then arrival: the highest deadline factor first. Only for jobs with a deadline. */
  readonly byDeadline: HeapOrder<QueueNode>;
}

export function queueOrders(): QueueOrders {
  return {
    byQueueTime: { keyOf: queueTimeOf, tieOf: sequenceOf, handleOf, positions: new HeapPositions() },
    byQueueTimeInBand: { keyOf: queueTimeOf, tieOf: sequenceOf, handleOf, positions: new HeapPositions() },
    byDeadline: {
      keyOf: (node) => node.entry.deadline ?? Number.POSITIVE_INFINITY,
      tieOf: sequenceOf,
      handleOf,
      positions: new HeapPositions(),
    },
  };
}
