import { type FilterPlugin, type FilterStatus, PASS, reject } from '../../engine/extension-points/filter-plugin.js';
import { sameRegion } from '../../engine/upload-time.js';

/**
 * D1 data residency: when the job lists allowed regions, the GPU's location or the offer's region
 * must match one (case-insensitive; `eu` also allows `eu-west-1`).
 */
export const residencyPlugin = {
  name: 'residency',
  filterLocal(job, gpuClass) {
    return check(job.spec.requirements.regions, gpuClass.gpu.location);
  },
  filterCloud(job, offer) {
    return check(job.spec.requirements.regions, offer.region);
  },
} satisfies FilterPlugin;

function check(allowed: readonly string[] | undefined, region: string): FilterStatus {
  if (allowed === undefined || allowed.some((entry) => sameRegion(entry, region))) return PASS;
  return reject('outside allowed regions', `${region} is not in ${allowed.join(', ')}`);
}
