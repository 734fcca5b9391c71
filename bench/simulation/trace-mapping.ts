import type { SimulationJob } from '@aima/core';

/** A trace turned into jobs, with what was dropped and why. */
export interface MappedTrace {
  readonly trace: string;
  readonly jobs: SimulationJob[];
  /** Rows read from the trace. */
  readonly rows: number;
  /** Dropped rows by reason. */
  readonly dropped: Readonly<Record<string, number>>;
}

/** Counts a reason in a tally. */
export function countDrop(dropped: Record<string, number>, reason: string): void {
  dropped[reason] = (dropped[reason] ?? 0) + 1;
}

/** The first `limit` jobs by submit time (all when limit is absent). */
export function limitJobs(trace: MappedTrace, limit?: number): MappedTrace {
  if (limit === undefined || limit >= trace.jobs.length) return trace;
  const jobs = [...trace.jobs].sort((a, b) => a.submitAt - b.submitAt).slice(0, Math.max(0, limit));
  return { ...trace, jobs };
}
