import type { Priority } from '../../config/job-spec.js';
import { type HeapOrder, NOT_IN_HEAP } from '../../engine/fleet/intrusive-heap.js';

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

/** One queued job with its positions in the queue's heaps (kept here, so no map per heap). */
export interface QueueNode {
  readonly entry: QueueEntry;
  /** Order of arrival in this queue (0, 1, 2, …): among equal queue times, the job pushed first comes out first. */
  readonly sequence: number;
  readonly classIndex: number;
  /** Position in its class's heap, by queue time. */
  classPosition: number;
  /** Position in the upcoming heap or its urgent band's deadline heap. */
  deadlinePosition: number;
  /** Position in its urgent band's queue-time heap. */
  bandPosition: number;
  /** Its urgent band (aging band) while urgent. */
  band: number;
  deadlineState: DeadlineState;
}

export function queueNode(entry: QueueEntry, sequence: number): QueueNode {
  const classIndex = priorities.indexOf(entry.priority);
  if (classIndex < 0) throw new Error(`job ${entry.id} has an unknown priority "${String(entry.priority)}"`);
  return {
    entry,
    sequence,
    classIndex,
    classPosition: NOT_IN_HEAP,
    deadlinePosition: NOT_IN_HEAP,
    bandPosition: NOT_IN_HEAP,
    band: 0,
    deadlineState: 'none',
  };
}

const queueTimeOf = (node: QueueNode): number => node.entry.queuedAt;
const sequenceOf = (node: QueueNode): number => node.sequence;

/** Earlier queue time first, then arrival: within a class, the job with the highest aged priority first. */
export const byQueueTime: HeapOrder<QueueNode> = {
  keyOf: queueTimeOf,
  tieOf: sequenceOf,
  positionOf: (node) => node.classPosition,
  setPosition: (node, position) => {
    node.classPosition = position;
  },
};

/** The same order within an urgent band (its own position field). */
export const byQueueTimeInBand: HeapOrder<QueueNode> = {
  keyOf: queueTimeOf,
  tieOf: sequenceOf,
  positionOf: (node) => node.bandPosition,
  setPosition: (node, position) => {
    node.bandPosition = position;
  },
};

/** Earlier deadline first, then arrival: the highest deadline factor first. Only for nodes with a deadline. */
export const byDeadline: HeapOrder<QueueNode> = {
  keyOf: (node) => node.entry.deadline ?? Number.POSITIVE_INFINITY,
  tieOf: sequenceOf,
  positionOf: (node) => node.deadlinePosition,
  setPosition: (node, position) => {
    node.deadlinePosition = position;
  },
};
