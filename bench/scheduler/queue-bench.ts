import { AllocationLedger, createLocalFleet, JobPriorityQueue, type JobSpec, type LocalGpuState, type SchedulerConfig } from '@aima/core';
import { type LatencyFigures, timeEach } from './latency.js';
import { createQueueWorkload } from './queue-workload.js';

/** Queue-only churn at one deadline share. */
export interface QueueChurn {
  readonly deadlineShare: number;
  /** Jobs whose deadline is within the deadline-factor window at the start: the queue scores them one by one on every peek. */
  readonly urgent: number;
  /** One `pop(now)` followed by one `push` of a new arrival, at a constant queue length. */
  readonly popPush: LatencyFigures;
}

/** Core's queue alone: pop the best job and push a new one, `picks` times at `queued` jobs. */
export function queueChurn(
  config: SchedulerConfig,
  specs: readonly JobSpec[],
  queued: number,
  deadlineShare: number,
  picks: number,
): QueueChurn {
  const now = Date.UTC(2026, 0, 15, 12, 0, 0);
  const workload = createQueueWorkload({ count: queued, now, specs, deadlineShare });
  const windowMs = config.queue.deadlineFactorNumeratorMinutes * 60_000;
  const urgent = workload.entries.filter((entry) => entry.deadline !== undefined && entry.deadline - now < windowMs).length;
  const queue = new JobPriorityQueue(config.queue);
  for (const entry of workload.entries) queue.push(entry);
  const arrivals = Array.from({ length: picks + 2_000 }, () => workload.next(now));
  const churn = (index: number) => {
    const entry = queue.pop(now);
    const arrival = arrivals[index];
    if (arrival !== undefined) queue.push(arrival);
    return entry;
  };
  for (let index = 0; index < 2_000; index++) churn(picks + index);
  return { deadlineShare, urgent, popPush: timeEach(picks, churn) };
}

/** Finding the best job again after time moved on (aging and deadline factors changed). */
export interface ReRank {
  /** Core's queue: `peek` at `now` + k × the scheduling interval (nothing is re-sorted). */
  readonly indexedPeek: LatencyFigures;
  readonly ticks: number;
}

export function reRankAfterTicks(config: SchedulerConfig, specs: readonly JobSpec[], queued: number, ticks: number): ReRank {
  const now = Date.UTC(2026, 0, 15, 12, 0, 0);
  const workload = createQueueWorkload({ count: queued, now, specs });
  const queue = new JobPriorityQueue(config.queue);
  for (const entry of workload.entries) queue.push(entry);
  queue.peek(now);
  const intervalMs = config.queue.schedulingIntervalSeconds * 1_000;
  return { indexedPeek: timeEach(ticks, (tick) => queue.peek(now + (tick + 1) * intervalMs)), ticks };
}

/** The per-placement bookkeeping outside the engine, each timed as a pair (there and back). */
export interface Bookkeeping {
  /** `LocalFleet.upsert` with `busyUntil`, then without (what `GpuRegistry.setBusyUntil` does twice per job). */
  readonly fleetBusyFree: LatencyFigures;
  /** `AllocationLedger.allocate` then `release` of one GPU. */
  readonly ledgerAllocateRelease: LatencyFigures;
}

export function bookkeeping(config: SchedulerConfig, states: readonly LocalGpuState[], count: number): Bookkeeping {
  const fleet = createLocalFleet(states, config.cost);
  const now = Date.UTC(2026, 0, 15, 12, 0, 0);
  const stateAt = (index: number) => states[(index * 7) % states.length] as LocalGpuState;
  const fleetBusyFree = timeEach(count, (index) => {
    const state = stateAt(index);
    fleet.upsert({ gpu: state.gpu, busyUntil: now + 60_000 });
    fleet.upsert({ gpu: state.gpu });
  });
  const ledger = new AllocationLedger();
  const ledgerAllocateRelease = timeEach(count, (index) => {
    const allocation = ledger.allocate({
      jobId: `job-${index}`,
      gpuIds: [stateAt(index).gpu.id],
      allocatedAt: now,
      estimatedDurationSeconds: 600,
      priority: 'normal',
      allocatedMemoryGb: 16,
    });
    return ledger.release(allocation.id, 'completed', now);
  });
  return { fleetBusyFree, ledgerAllocateRelease };
}
