import {
  createScheduler,
  JobPriorityQueue,
  type JobResult,
  type JobSpecInput,
  parseJobSpec,
  parseSchedulerConfig,
  VirtualClock,
} from '@aima/core';
import { createSimulatedRunner } from '@aima/core/testing';
import { type HeapFigure, retainedBytesPerItem, settledHeap } from './heap.js';

/** The job every submission of the heap benchmark uses. */
export const smallJob: JobSpecInput = { type: 'audio', confidentiality: 'internal' };

const now = Date.UTC(2026, 0, 15, 12, 0, 0);

/** Retained heap of a scheduler holding `count` queued jobs, and how long submitting took. */
export interface SchedulerHeap {
  readonly figure: HeapFigure;
  readonly submitMs: number;
  readonly queued: number;
}

/**
 * `createScheduler` with no GPUs, never started (so nothing dispatches), on a virtual clock;
 * `submit` `count` small jobs; the handles are dropped (the scheduler keeps what it needs).
 */
export async function measureSchedulerHeap(gc: () => void, count: number): Promise<SchedulerHeap> {
  const before = settledHeap(gc);
  const clock = new VirtualClock(now);
  const scheduler = createScheduler({ runner: createSimulatedRunner({ clock }), clock });
  const start = performance.now();
  for (let index = 0; index < count; index++) scheduler.submit(smallJob);
  const submitMs = performance.now() - start;
  await Promise.resolve();
  const after = settledHeap(gc);
  const queued = scheduler.snapshot().queue.length;
  return { figure: { label: 'scheduler.submit', count, bytesPerItem: (after - before) / count }, submitMs, queued };
}

function fill<T>(count: number, make: (index: number) => T): T[] {
  const items: T[] = [];
  for (let index = 0; index < count; index++) items.push(make(index));
  return items;
}

function pendingResult(): { result: Promise<JobResult>; settle: { resolve(result: JobResult): void; reject(error: Error): void } } {
  let settle: { resolve(result: JobResult): void; reject(error: Error): void } = { resolve: () => undefined, reject: () => undefined };
  const result = new Promise<JobResult>((resolve, reject) => {
    settle = { resolve, reject };
  });
  result.catch(() => undefined);
  return { result, settle };
}

/**
 * Where a queued job's bytes go: each piece of what `submit` keeps, rebuilt the way core builds
 * it (same code paths and object shapes) and measured on its own, minus the 8-byte array slot
 * that holds it for the measurement. Approximate: V8's sizes depend on hidden classes and maps
 * grow in steps, so the parts need not add up exactly to the measured total.
 */
export function schedulerHeapBreakdown(gc: () => void, count: number): HeapFigure[] {
  const slot = retainedBytesPerItem(gc, 'array slot', count, (n) => fill(n, () => 0)).bytesPerItem;
  const measure = (label: string, build: (n: number) => unknown): HeapFigure => {
    const figure = retainedBytesPerItem(gc, label, count, build);
    return { ...figure, bytesPerItem: figure.bytesPerItem - slot };
  };
  const config = parseSchedulerConfig();
  const spec = parseJobSpec(smallJob, { now });
  const settle = pendingResult().settle;
  const ids = fill(count, (index) => `job_${(index + 1).toString().padStart(8, '0')}`);
  const parts = [
    measure('id string (job_00000001)', (n) => fill(n, (index) => `job_${(index + 1).toString().padStart(8, '0')}`)),
    measure('JobRecord.spec: parsed spec copied with estimatedDurationSeconds (+ nested requirements, media, roles)', (n) =>
      fill(n, () => ({ ...parseJobSpec(smallJob, { now }), estimatedDurationSeconds: 3_600 })),
    ),
    measure('  of which the {...spec, estimatedDurationSeconds} copy alone (nested objects shared)', (n) =>
      fill(n, () => ({ ...spec, estimatedDurationSeconds: 3_600 })),
    ),
    measure('  alternative: Object.assign({}, spec, { estimatedDurationSeconds }) (nested objects shared)', (n) =>
      fill(n, () => Object.assign({}, spec, { estimatedDurationSeconds: 3_600 })),
    ),
    measure('result Promise + resolve/reject + settle object + .catch() promise', (n) => fill(n, () => pendingResult().settle)),
    measure('  alternative: a bare Promise with only its resolve kept (no settle object, no .catch)', (n) =>
      fill(n, () => {
        let resolveResult: (result: JobResult) => void = () => undefined;
        new Promise<JobResult>((resolve) => {
          resolveResult = resolve;
        });
        return resolveResult;
      }),
    ),
    measure('JobRecord object (10 fields + queuedAt + queueTicket)', (n) =>
      fill(n, (index) => ({
        id: ids[index],
        spec,
        submittedAt: now,
        estimatedDurationSeconds: 3_600,
        state: 'queued',
        attempt: 1,
        progress: 0,
        costUsd: 0,
        settle,
        queuedAt: now,
        queueTicket: spec,
      })),
    ),
    measure('jobs Map entry (id → record)', (n) => {
      const map = new Map<string, object>();
      for (let index = 0; index < n; index++) map.set(ids[index] ?? '', spec);
      return map;
    }),
    measure('queue entry {id, priority, queuedAt, deadline: undefined, record}', (n) =>
      fill(n, (index) => ({ id: ids[index] ?? '', priority: 'normal' as const, queuedAt: now, deadline: undefined, record: spec })),
    ),
  ];
  const entries = fill(count, (index) => ({ id: ids[index] ?? '', priority: 'normal' as const, queuedAt: now, deadline: undefined }));
  const queue = retainedBytesPerItem(gc, 'JobPriorityQueue structures (queue nodes + class heap)', count, () => {
    const queue = new JobPriorityQueue(config.queue);
    for (const entry of entries) queue.push(entry);
    return queue;
  });
  return [...parts, queue];
}
