import { type FilterPlugin, type FilterStatus, PASS, reject } from '../../engine/extension-points/filter-plugin.js';

/** D1 regulatory tags: the target must carry every tag the job asks for (e.g. `gdpr`, `hipaa`). */
export const complianceTagsPlugin = {
  name: 'compliance-tags',
  filterLocal(job, gpuClass) {
    return check(job.spec.requirements.tags, gpuClass.gpu.tags);
  },
  filterCloud(job, offer) {
    return check(job.spec.requirements.tags, offer.tags);
  },
} satisfies FilterPlugin;

function check(required: readonly string[], carried: readonly string[]): FilterStatus {
  if (required.length === 0) return PASS;
  const missing = required.filter((tag) => !carried.some((held) => held.toLowerCase() === tag.toLowerCase()));
  return missing.length === 0 ? PASS : reject('missing compliance tags', `lacks ${missing.join(', ')}`);
}
