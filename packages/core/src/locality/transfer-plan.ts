import type { JobInput } from '../config/job-spec.js';
import { transferSeconds } from '../cost/job-cost.js';
import { sameRegion } from '../engine/upload-time.js';

/** Where a job will run: a local GPU (on the host's premises unless `location` names a site) or a cloud region. */
export interface TransferTarget {
  readonly kind: 'local' | 'cloud';
  readonly location?: string;
}

/** Options of {@link planTransfers}. */
export interface TransferPlanOptions {
  /** Inputs larger than this move ahead of the job (`storage.transferAheadThresholdBytes`). @default 1073741824 */
  readonly thresholdBytes?: number;
  /** Bandwidth of the link inputs cross, for estimates (`scheduler.uploadBandwidthMbps`). */
  readonly uploadBandwidthMbps: number;
}

/**
 * How an input reaches the job: `in-place` (already at the target), `ahead` (moved before the
 * job starts, by `executeTransferPlan`) or `on-demand` (the job fetches it itself, through a
 * presigned URL for an object key).
 */
export type TransferMode = 'in-place' | 'ahead' | 'on-demand';

/** One input's part of the plan, with the reason for its mode. */
export interface PlannedInput {
  readonly input: JobInput;
  readonly mode: TransferMode;
  /** Time to move it over the link; 0 when in place. */
  readonly estimatedSeconds: number;
  readonly reason: string;
}

/** What moves where and how long it takes (S3). */
export interface TransferPlan {
  readonly target: TransferTarget;
  /** Every input, in the order given. */
  readonly items: readonly PlannedInput[];
  /** Time to move the `ahead` inputs: the wait before the job can start. */
  readonly aheadSeconds: number;
  /** Time the job itself spends fetching `on-demand` inputs. */
  readonly onDemandSeconds: number;
  readonly totalSeconds: number;
}

/** Seed 002 §5.2: data larger than `1024 * 1024 * 1024` bytes is transferred ahead of time. */
export const defaultTransferAheadThresholdBytes = 1024 ** 3;

const urlPattern = /^[a-z][a-z\d+.-]*:\/\//i;

/**
 * Plans how the job's inputs reach the target (seed 002 `optimize_data_placement`). An input is at
 * the target when both have a location and `sameRegion(input, target)` holds, or when the input
 * has none (the host's premises) and the target is local. Inputs elsewhere move ahead of time
 * when larger than the threshold (strictly, as the seed); smaller ones and URLs are fetched by
 * the job.
 */
export function planTransfers(inputs: readonly JobInput[], target: TransferTarget, options: TransferPlanOptions): TransferPlan {
  const threshold = options.thresholdBytes ?? defaultTransferAheadThresholdBytes;
  const items = inputs.map((input): PlannedInput => {
    if (isAtTarget(input, target)) return { input, mode: 'in-place', estimatedSeconds: 0, reason: `already at ${placeOf(target)}` };
    const estimatedSeconds = transferSeconds(input.sizeBytes / 1e9, options.uploadBandwidthMbps);
    if (urlPattern.test(input.key)) return { input, mode: 'on-demand', estimatedSeconds, reason: 'a URL: the job fetches it itself' };
    return input.sizeBytes > threshold
      ? { input, mode: 'ahead', estimatedSeconds, reason: `${input.sizeBytes} bytes > ${threshold}: moved before the job starts` }
      : { input, mode: 'on-demand', estimatedSeconds, reason: `${input.sizeBytes} bytes ≤ ${threshold}: the job fetches it itself` };
  });
  const secondsOf = (mode: TransferMode) =>
    items.filter((item) => item.mode === mode).reduce((sum, item) => sum + item.estimatedSeconds, 0);
  const aheadSeconds = secondsOf('ahead');
  const onDemandSeconds = secondsOf('on-demand');
  return { target, items, aheadSeconds, onDemandSeconds, totalSeconds: aheadSeconds + onDemandSeconds };
}

function isAtTarget(input: JobInput, target: TransferTarget): boolean {
  if (input.location === undefined) return target.kind === 'local';
  return target.location !== undefined && sameRegion(input.location, target.location);
}

function placeOf(target: TransferTarget): string {
  return target.location ?? (target.kind === 'local' ? "the host's premises" : 'the cloud');
}
