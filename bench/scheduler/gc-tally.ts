import { constants, type PerformanceEntry, PerformanceObserver } from 'node:perf_hooks';

/** Garbage collections V8 reported while some work ran. */
export interface GcTally {
  /** Scavenges of the young generation. */
  readonly minor: number;
  readonly minorMs: number;
  /** Full mark-compact collections, and incremental marking steps finished. */
  readonly major: number;
  readonly majorMs: number;
}

function kindOf(entry: PerformanceEntry): number {
  const detail: unknown = Reflect.get(entry, 'detail');
  if (typeof detail !== 'object' || detail === null) return 0;
  const kind: unknown = Reflect.get(detail, 'kind');
  return typeof kind === 'number' ? kind : 0;
}

/**
 * Runs `work` and counts the collections that happened meanwhile (V8's `gc` performance entries,
 * delivered once the work is done and the event loop turns).
 */
export async function withGcTally<T>(work: () => T): Promise<{ readonly result: T; readonly gc: GcTally }> {
  const tally = { minor: 0, minorMs: 0, major: 0, majorMs: 0 };
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (kindOf(entry) === constants.NODE_PERFORMANCE_GC_MINOR) {
        tally.minor++;
        tally.minorMs += entry.duration;
      } else {
        tally.major++;
        tally.majorMs += entry.duration;
      }
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  const result = work();
  await new Promise((resolve) => setTimeout(resolve, 20));
  observer.disconnect();
  return { result, gc: tally };
}
