import { type Allocation, AllocationLedger, type DecisionOutcome, type JobSpec, type Priority, type SchedulerConfig } from '@aima/core';
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

  /** Allocates one GPU to a job, as the dispatcher does. */
  allocate(
    job: { readonly id: string; readonly priority: Priority },
    gpuId: string,
    now: number,
    durationSeconds: number,
    vramGb: number,
  ): Allocation {
    const allocation = this.ledger.allocate({
      jobId: job.id,
      gpuIds: [gpuId],
      allocatedAt: now,
      estimatedDurationSeconds: durationSeconds,
      priority: job.priority,
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

/** Estimated run time in seconds, as the engine resolves it. */
export function runSeconds(spec: JobSpec, config: SchedulerConfig): number {
  return spec.estimatedDurationSeconds ?? config.defaultJobDurationSeconds;
}
