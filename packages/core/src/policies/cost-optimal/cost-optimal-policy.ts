import type { CloudCandidate, LocalCandidate } from '../../engine/candidates.js';
import { usd } from '../format.js';
import type { Policy, PolicyInput, PolicyVerdict } from '../policy.js';

/**
 * The cheapest placement that meets the deadline:
 * 1. confidential → local, else reject;
 * (the local candidate throughout is the cheapest feasible GPU, free ones first)
 * 2. of the best local and best cloud candidate, drop those that would finish after the job's
 *    deadline (local: wait + run; cloud: upload + run); if both would miss, take the one that
 *    finishes first;
 * 3. the lower estimated cost wins; a tie goes local.
 */
export const costOptimalPolicy: Policy = {
  name: 'cost-optimal',
  decide(input: PolicyInput): PolicyVerdict {
    const { job, local, cloud, now } = input;
    if (job.spec.confidentiality === 'confidential') {
      return local.best
        ? verdict('local', 'confidential-local', 'confidential data runs only on local GPUs')
        : verdict('none', 'confidential-no-local', 'confidential data runs only on local GPUs and no suitable local GPU exists');
    }
    const localOption = local.cheapest ?? local.best;
    if (!localOption && !cloud.best) return verdict('none', 'no-candidate', 'no local GPU and no cloud offer satisfies the requirements');
    if (!localOption) return verdict('cloud', 'only-cloud', 'only the cloud can run the job');
    if (!cloud.best) return verdict('local', 'only-local', 'only a local GPU can run the job');
    const deadline = job.spec.deadline;
    if (deadline !== undefined) {
      const localFinish = now + (localOption.waitSeconds + job.durationSeconds) * 1000;
      const cloudFinish = now + (cloud.best.uploadSeconds + job.durationSeconds) * 1000;
      const localMeets = localFinish <= deadline;
      const cloudMeets = cloudFinish <= deadline;
      if (!localMeets && !cloudMeets) {
        return localFinish <= cloudFinish
          ? verdict('local', 'deadline-earliest', 'neither side meets the deadline; local finishes first')
          : verdict('cloud', 'deadline-earliest', 'neither side meets the deadline; the cloud finishes first');
      }
      if (!localMeets) return verdict('cloud', 'deadline-cloud', 'only the cloud meets the deadline');
      if (!cloudMeets) return verdict('local', 'deadline-local', 'only a local GPU meets the deadline');
    }
    return cheaper(localOption, cloud.best);
  },
};

function cheaper(local: LocalCandidate, cloud: CloudCandidate): PolicyVerdict {
  const comparison = `local ${usd(local.costUsd)} vs cloud ${usd(cloud.costUsd)}`;
  return local.costUsd <= cloud.costUsd
    ? verdict('local', 'cheaper-local', `local is cheaper or equal (${comparison})`)
    : verdict('cloud', 'cheaper-cloud', `the cloud is cheaper (${comparison})`);
}

/** Local verdicts run on the cheapest feasible GPU: cost is what this policy optimises. */
function verdict(target: PolicyVerdict['target'], rule: string, reason: string): PolicyVerdict {
  return { target, rule: `cost-optimal/${rule}`, reason, localCandidate: 'cheapest' };
}
