import type { Policy, PolicyInput, PolicyVerdict, SchedulerConfigInput } from '@aima/core';

/**
 * B1, local-only FIFO (evaluation.md §5): never rents; every job takes the best feasible local GPU
 * (queueing for it when all are busy) and is rejected when no local GPU could ever run it. The
 * FIFO order comes from {@link fifoQueueConfig}, not from the policy.
 */
export const localOnlyFifoPolicy: Policy = {
  name: 'B1 local-only FIFO',
  decide(input: PolicyInput): PolicyVerdict {
    return input.local.best
      ? { target: 'local', rule: 'b1/local', reason: 'B1 never rents: the best feasible local GPU' }
      : { target: 'none', rule: 'b1/no-local', reason: 'B1 never rents and no local GPU can run the job' };
  },
};

/**
 * One FIFO queue: equal priority weights, no aging, and no deadline boost (a numerator of 1e-9
 * minutes keeps the deadline factor at 1). Ties go to the earlier job, so the queue is FIFO; core's
 * backfill still lets a later job take a GPU the head of the queue cannot use.
 */
export const fifoQueueConfig: SchedulerConfigInput = {
  queue: {
    priorityWeights: { critical: 1, high: 1, normal: 1, low: 1, batch: 1 },
    maxWaitFactor: 1,
    deadlineFactorNumeratorMinutes: 1e-9,
  },
};
