import { formatTable, integer } from '../harness/table.js';
import { millis, print, verdict } from './format.js';
import { exposedGc, measureQueueHeap } from './heap.js';
import type { TargetLine } from './placement-section.js';
import { measureSchedulerHeap, schedulerHeapBreakdown, smallJob } from './scheduler-heap.js';

export const targetBytesPerJob = 1_024;

/** Sizes of the heap section. */
export interface MemorySectionOptions {
  readonly jobs: number;
  readonly breakdownJobs: number;
}

/** Heap bytes per queued job: core's queue alone, the whole scheduler, and where the scheduler's bytes go. */
export async function memorySection(options: MemorySectionOptions): Promise<TargetLine[]> {
  const gc = exposedGc();
  print(`1. Heap bytes per queued job at ${integer(options.jobs)} jobs (heapUsed delta after global.gc())`);
  if (gc === undefined) {
    print('   SKIPPED: run node with --expose-gc (npm run bench does) to measure the heap.');
    print();
    return [{ passed: false, text: 'SKIP  heap bytes per queued job: global.gc is not exposed (run with node --expose-gc)' }];
  }
  const queue = measureQueueHeap(gc, options.jobs, Date.UTC(2026, 0, 15, 12, 0, 0));
  print(
    `   (a) JobPriorityQueue alone: ${queue.total.bytesPerItem.toFixed(0)} B/job = entry objects + ids ${queue.entries.bytesPerItem.toFixed(0)} B ` +
      `+ queue structures ${queue.structures.bytesPerItem.toFixed(0)} B (5 % of entries with a deadline)`,
  );
  const scheduler = await measureSchedulerHeap(gc, options.jobs);
  print(
    `   (b) createScheduler (no GPUs, not started, VirtualClock) + ${integer(options.jobs)} × submit(${JSON.stringify(smallJob)}): ` +
      `${scheduler.figure.bytesPerItem.toFixed(0)} B/job; submitting took ${millis(scheduler.submitMs)} ` +
      `(${((scheduler.submitMs * 1_000) / options.jobs).toFixed(1)} µs/job); ${integer(scheduler.queued)} queued`,
  );
  const parts = schedulerHeapBreakdown(gc, options.breakdownJobs);
  print(`   where (b)'s bytes go (each part rebuilt the way submit builds it, ${integer(options.breakdownJobs)} of each; approximate):`);
  print(
    formatTable(
      ['part', 'B/job'],
      parts.map((part) => [`   ${part.label}`, part.bytesPerItem.toFixed(0)]),
    ),
  );
  const sum = parts.filter((part) => !part.label.startsWith(' ')).reduce((total, part) => total + part.bytesPerItem, 0);
  print(`   sum of the top-level parts: ${sum.toFixed(0)} B/job (measured total ${scheduler.figure.bytesPerItem.toFixed(0)} B/job)`);
  const line = (name: string, bytes: number): TargetLine => {
    const passed = bytes <= targetBytesPerJob;
    return {
      passed,
      text: `${verdict(passed)}  ${name}: ${bytes.toFixed(0)} B per queued job at ${integer(options.jobs)} jobs (target ≤ 1 KB = 1,024 B)`,
    };
  };
  return [line('JobPriorityQueue alone', queue.total.bytesPerItem), line('full scheduler (submit)', scheduler.figure.bytesPerItem)];
}
