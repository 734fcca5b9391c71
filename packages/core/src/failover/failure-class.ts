import type { FailureSeverity } from '../spec/gpu-device.js';

/** What is known of a GPU failure when it is classified. */
export interface GpuFailureInfo {
  /** What happened, e.g. "XID 79: GPU has fallen off the bus" or "missed 2 heartbeats". */
  readonly reason: string;
  /** How long the GPU has been failing, in seconds. @default 0 */
  readonly durationSeconds?: number;
  /** The provider's own class (an XID's or NVML return code's), when it gave one. */
  readonly severity?: FailureSeverity;
}

const rank: Record<FailureSeverity, number> = { temporary: 0, persistent: 1, critical: 2 };

/**
 * F2, seed 000 `_classify_failure`: "hardware" or "critical" in the reason → critical; lasting
 * longer than `persistentAfterSeconds` (seed: 300) or "persistent" in the reason → persistent;
 * else temporary. A provider's severity counts too, and the more severe of the two wins: an XID 48
 * reported as critical is critical even when its message does not say "hardware".
 */
export function classifyGpuFailure(info: GpuFailureInfo, persistentAfterSeconds: number): FailureSeverity {
  const reason = info.reason.toLowerCase();
  const duration = info.durationSeconds ?? 0;
  const byReason: FailureSeverity =
    reason.includes('hardware') || reason.includes('critical')
      ? 'critical'
      : duration > persistentAfterSeconds || reason.includes('persistent')
        ? 'persistent'
        : 'temporary';
  const given = info.severity ?? 'temporary';
  return rank[given] > rank[byReason] ? given : byReason;
}
