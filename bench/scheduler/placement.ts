import { type Allocation, AllocationLedger, type DecisionOutcome, type JobSpec, type SchedulerConfig } from '@aima/core';
import type { JobEntry } from './queue-workload.js';

/** What one pick-and-place did. */
export interface PlacementStep {
  readonly jobId: string;
  readonly outcome: DecisionOutcome;
  /** The local GPU allocated, for `local`. */
  readonly gpuId?: string;
}

/** The moves every placer makes: pick the best queued job and act on it; release finished work. */
export interface Placer {
  readonly name: string;
  /** Picks the job with the highest effective priority at `now` and places it. */
  pickAndPlace(now: number): PlacementStep | undefined;
  /** Queues one more job. */
  push(entry: JobEntry): void;
  /** Releases the oldest allocation (a job completing); false when none is live. */
  completeOldest(now: number): boolean;
  /** Puts jobs that had to wait back in the queue. */
  requeueWaiting(): void;
  readonly queued: number;
  readonly running: number;
}

/** The allocation bookkeeping both placers share: the ledger and the live allocations, oldest first. */
export class RunningJobs {
  readonly ledger = new AllocationLedger();
  private readonly live: Allocation[] = [];
  private head = 0;

  get size(): number {
    return this.live.length - this.head;
  }

  allocate(jobId: string, gpuId: string, spec: JobSpec, now: number, vramGb: number): Allocation {
    const allocation = this.ledger.allocate({
      jobId,
      gpuIds: [gpuId],
      allocatedAt: now,
      estimatedDurationSeconds: spec.estimatedDurationSeconds ?? 3_600,
      priority: spec.priority,
      allocatedMemoryGb: vramGb,
    });
    this.live.push(allocation);
    return allocation;
  }

  /** Releases the oldest live allocation and returns its GPU. */
  releaseOldest(now: number): string | undefined {
    const allocation = this.live[this.head];
    if (allocation === undefined) return undefined;
    this.head++;
    if (this.head > 4_096 && this.head * 2 > this.live.length) {
      this.live.splice(0, this.head);
      this.head = 0;
    }
    this.ledger.release(allocation.id, 'completed', now);
    return allocation.gpuIds[0];
  }
}

/** VRAM a job needs per GPU: its own figure or its media type's default (as the engine resolves it). */
export function vramNeededGb(spec: JobSpec, config: SchedulerConfig): number {
  return spec.requirements.minVramGb ?? (spec.type === 'custom' ? 0 : config.vramByMediaType[spec.type]);
}

/** Estimated run time in ms, for `busyUntil`. */
export function runMs(spec: JobSpec): number {
  return (spec.estimatedDurationSeconds ?? 3_600) * 1_000;
}
