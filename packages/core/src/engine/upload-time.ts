import type { CloudOffer } from '../config/cloud-offer.js';
import { transferSeconds } from '../cost/job-cost.js';
import type { PreparedJob } from './prepared-job.js';

/**
 * Seconds to get the job's inputs onto a cloud offer: none when the inputs already sit in the
 * offer's region, else their size over the slower of the site's upload and the offer's download.
 */
export function uploadSecondsFor(job: PreparedJob, offer: CloudOffer, siteUploadMbps: number): number {
  const media = job.spec.media;
  if (media.sizeGb === 0 || (media.location !== undefined && sameRegion(media.location, offer.region))) return 0;
  return transferSeconds(media.sizeGb, Math.min(siteUploadMbps, offer.downloadMbps));
}

/** The least upload time any offer can have; a bound for the cheapest-first walk. */
export function minimumUploadSeconds(job: PreparedJob, siteUploadMbps: number): number {
  const media = job.spec.media;
  return media.location === undefined ? transferSeconds(media.sizeGb, siteUploadMbps) : 0;
}

/** Region names match case-insensitively; `eu` also allows `eu-west-1` (prefix up to a dash). */
export function sameRegion(allowed: string, region: string): boolean {
  const a = allowed.toLowerCase();
  const r = region.toLowerCase();
  return r === a || (r.startsWith(a) && r.charAt(a.length) === '-');
}
