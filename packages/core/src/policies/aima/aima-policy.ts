import { duration, usd } from '../format.js';
import type { Policy, PolicyInput, PolicyVerdict } from '../policy.js';

/**
 * The seed 000 §1.3 algorithm `select_gpu_environment` (D4), every threshold from
 * `config.policies.aima`:
 * 1. confidential → the best local GPU, else reject;
 * 2. no suitable local GPU → cloud;
 * 3. high urgency and local queue > 60 min → cloud;
 * 4. media > 10 GB, cloud cost < 1.2 × local and upload > 30 min → local;
 * 5. local cost ≤ 1.1 × cloud cost → local (on the cheapest suitable GPU), else cloud.
 * "Local cost" is the cheapest suitable GPU's, free ones first, as the seed estimates it over the
 * suitable set; other local outcomes run on the best-scored GPU.
 */
export const aimaPolicy: Policy = {
  name: 'aima',
  decide(input: PolicyInput): PolicyVerdict {
    const { job, local, cloud } = input;
    const settings = input.config.policies.aima;
    if (job.spec.confidentiality === 'confidential') {
      return local.best
        ? verdict('local', 'confidential-local', 'confidential data runs only on local GPUs')
        : verdict('none', 'confidential-no-local', 'confidential data runs only on local GPUs and no suitable local GPU exists');
    }
    if (!local.best) return verdict('cloud', 'no-suitable-local', 'no local GPU satisfies the requirements');
    const queueSeconds = local.minWaitSeconds ?? 0;
    if (job.spec.urgency === 'high' && queueSeconds > settings.urgentQueueMinutes * 60) {
      return verdict(
        'cloud',
        'urgent-queue',
        `high urgency and the local queue is ${duration(queueSeconds)} (> ${settings.urgentQueueMinutes} min)`,
      );
    }
    if (!cloud.best) return verdict('local', 'no-cloud-offer', 'no cloud offer satisfies the requirements');
    const localCost = (local.cheapest ?? local.best).costUsd;
    const cloudCost = cloud.best.costUsd;
    const uploadSeconds = cloud.best.uploadSeconds;
    if (
      job.spec.media.sizeGb > settings.largeMediaGb &&
      cloudCost < localCost * settings.largeMediaCloudCostFactor &&
      uploadSeconds > settings.slowUploadMinutes * 60
    ) {
      return verdict(
        'local',
        'large-media-slow-upload',
        `${job.spec.media.sizeGb} GB of media would take ${duration(uploadSeconds)} to upload (> ${settings.slowUploadMinutes} min)`,
      );
    }
    const comparison = `local ${usd(localCost)} vs cloud ${usd(cloudCost)}`;
    return localCost <= cloudCost * settings.localCostTolerance
      ? {
          ...{
            ...verdict('local', 'cost-local', `local costs at most ${settings.localCostTolerance} × the cloud (${comparison})`),
            localCandidate: 'cheapest',
          },
          localCandidate: 'cheapest',
        }
      : verdict('cloud', 'cost-cloud', `the cloud is cheaper (${comparison})`);
  },
};

function verdict(target: PolicyVerdict['target'], rule: string, reason: string): PolicyVerdict {
  return { target, rule: `aima/${rule}`, reason };
}
