import { createSeededRandom, type JobSpec, type Priority, type QueueEntry, type RandomSource } from '@aima/core';

/** Share of each priority class among queued jobs. */
const priorityShares: readonly (readonly [Priority, number])[] = [
  ['critical', 0.02],
  ['high', 0.18],
  ['normal', 0.5],
  ['low', 0.2],
  ['batch', 0.1],
];

/** Options of {@link createQueueWorkload}. */
export interface QueueWorkloadOptions {
  /** Jobs queued at `now`. */
  readonly count: number;
  /** Epoch ms: the moment the queue is looked at. */
  readonly now: number;
  /** Job specs to cycle through (job i runs spec i mod length). */
  readonly specs: readonly JobSpec[];
  /** Queue times spread uniformly over this many hours before `now`. @default 6 */
  readonly spreadHours?: number;
  /** Share of jobs with a deadline, 10 min to 24 h after `now`. @default 0.05 */
  readonly deadlineShare?: number;
  /** @default 8 */
  readonly seed?: number;
}

/** A queue entry that carries its job's spec, as the scheduler's entries carry its job record. */
export interface JobEntry extends QueueEntry {
  readonly spec: JobSpec;
}

/** Queued jobs: the queue's entries, each with its spec. */
export interface QueueWorkload {
  readonly entries: JobEntry[];
  /** Makes one more job (for refills), queued at `queuedAt`. */
  readonly next: (queuedAt: number) => JobEntry;
}

/** A priority class drawn with the workload's shares. */
export function drawPriority(random: RandomSource): Priority {
  let draw = random.next();
  for (const [priority, share] of priorityShares) {
    if (draw < share) return priority;
    draw -= share;
  }
  return 'normal';
}

/**
 * A deterministic queue: mixed priorities (2 % critical, 18 % high, 50 % normal, 20 % low, 10 %
 * batch), queue times spread over `spreadHours` before `now`, some deadlines. Ids are
 * `q-0000000` in creation order; job `i` runs `specs[i mod specs.length]` with its own id.
 */
export function createQueueWorkload(options: QueueWorkloadOptions): QueueWorkload {
  const random = createSeededRandom(options.seed ?? 8);
  const spreadMs = (options.spreadHours ?? 6) * 3_600_000;
  const deadlineShare = options.deadlineShare ?? 0.05;
  let created = 0;
  const make = (queuedAt: number, deadlineFrom: number): JobEntry => {
    const index = created++;
    const id = `q-${index.toString().padStart(7, '0')}`;
    const priority = drawPriority(random);
    const template = options.specs[index % options.specs.length];
    if (template === undefined) throw new Error('no job specs to cycle through');
    const spec: JobSpec = { ...template, id, priority };
    const deadline = random.next() < deadlineShare ? deadlineFrom + 600_000 + Math.floor(random.next() * 85_800_000) : undefined;
    return deadline === undefined ? { id, priority, queuedAt, spec } : { id, priority, queuedAt, deadline, spec };
  };
  const entries: JobEntry[] = [];
  for (let index = 0; index < options.count; index++) entries.push(make(options.now - Math.floor(random.next() * spreadMs), options.now));
  return { entries, next: (queuedAt) => make(queuedAt, queuedAt) };
}
