import type { Priority } from '../../config/job-spec.js';
import type { SchedulerConfig } from '../../config/scheduler-config.js';

type QueueConfig = SchedulerConfig['queue'];

/**
 * Seed 002 `_sort_jobs_by_effective_priority` aging: 1 until the fairness threshold (600 s), then
 * `1 + (wait − T) / T`, capped at ×10. Note `1 + (wait − T)/T = wait/T`: the factor is
 * `clamp(wait / T, 1, 10)`, monotone in the wait, so the job queued earliest in a class always has
 * the highest aged priority of its class.
 */
export function agingFactor(waitSeconds: number, config: QueueConfig): number {
  if (waitSeconds <= config.fairnessThresholdSeconds) return 1;
  return Math.min(config.maxWaitFactor, waitSeconds / config.fairnessThresholdSeconds);
}

/**
 * Seed 002 deadline factor: `max(1, 100 / max(1, minutes_left))` while the deadline is ahead;
 * 1 once it has passed (as the seed writes it). It exceeds 1 only within 100 minutes of the deadline.
 */
export function deadlineFactor(millisecondsLeft: number | undefined, config: QueueConfig): number {
  if (millisecondsLeft === undefined || millisecondsLeft <= 0) return 1;
  return Math.max(1, config.deadlineFactorNumeratorMinutes / Math.max(1, millisecondsLeft / 60_000));
}

/** Base weight × aging × deadline factor (seed 002 `effective_priority`). */
export function effectivePriority(
  entry: { readonly priority: Priority; readonly queuedAt: number; readonly deadline?: number | undefined },
  now: number,
  config: QueueConfig,
): number {
  const deadlineLeft = entry.deadline === undefined ? undefined : entry.deadline - now;
  return config.priorityWeights[entry.priority] * agingFactor((now - entry.queuedAt) / 1000, config) * deadlineFactor(deadlineLeft, config);
}
