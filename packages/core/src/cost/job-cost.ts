import type { CloudOffer } from '../config/cloud-offer.js';
import type { SchedulerConfig } from '../config/scheduler-config.js';
import type { LocalCostProfile } from './local-cost-profile.js';

/** Local cost of a job (K1): hourly energy and depreciation × duration. */
export function estimateLocalJobCostUsd(profile: LocalCostProfile, durationSeconds: number): number {
  return (profile.usdPerHour * durationSeconds) / 3_600;
}

/**
 * Cloud cost of a job (K1): the offer's hourly price × the time the instance is held (upload plus
 * run), plus transfer per GB when configured.
 */
export function estimateCloudJobCostUsd(
  offer: Pick<CloudOffer, 'pricePerHourUsd'>,
  billedSeconds: number,
  transferGb: number,
  cost: SchedulerConfig['cost'],
): number {
  return (offer.pricePerHourUsd * billedSeconds) / 3_600 + transferGb * cost.transferUsdPerGb;
}

/** Seconds to move `sizeGb` over a link of `mbps` megabits per second (1 GB = 8000 Mb). */
export function transferSeconds(sizeGb: number, mbps: number): number {
  if (sizeGb <= 0) return 0;
  if (mbps <= 0) return Number.POSITIVE_INFINITY;
  return (sizeGb * 8_000) / mbps;
}
