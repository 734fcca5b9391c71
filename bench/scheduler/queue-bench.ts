import {
  AllocationLedger,
  createLocalFleet,
  createSeededRandom,
  GpuRegistry,
  JobPriorityQueue,
  type JobSpec,
  type LocalGpuState,
  type SchedulerConfig,
} from '@aima/core';
import { type LatencyFigures, timeEach } from './latency.js';
import { createQueueWorkload } from './queue-workload.js';

/** Queue-only churn at one deadline share. */
export interface QueueChurn {
  readonly deadlineShare: number;
  /** Jobs whose deadline is within the deadline-factor window at the start: the queue's urgent search covers them. */
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
  /** `GpuRegistry.setBusyUntil` busy, then free: what the dispatcher does per local job (the fleet's fast path). */
  readonly registryBusyFree: LatencyFigures;
  /** `LocalFleet.upsert` with `busyUntil`, then without: the general update, for comparison. */
  readonly fleetUpsertBusyFree: LatencyFigures;
  /** `AllocationLedger.allocate` then `release` of one GPU. */
  readonly ledgerAllocateRelease: LatencyFigures;
}

export function bookkeeping(config: SchedulerConfig, states: readonly LocalGpuState[], count: number): Bookkeeping {
  const now = Date.UTC(2026, 0, 15, 12, 0, 0);
  const registry = new GpuRegistry(config, createSeededRandom(1));
  for (const state of states) registry.register(state.gpu, now);
  const fleet = createLocalFleet(states, config.cost);
  const stateAt = (index: number) => states[(index * 7) % states.length] as LocalGpuState;
  const registryBusyFree = timeEach(count, (index) => {
    const gpuId = stateAt(index).gpu.id;
    registry.setBusyUntil(gpuId, now + 60_000);
    registry.setBusyUntil(gpuId, undefined);
  });
  const fleetUpsertBusyFree = timeEach(count, (index) => {
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
  return { registryBusyFree, fleetUpsertBusyFree, ledgerAllocateRelease };
}
