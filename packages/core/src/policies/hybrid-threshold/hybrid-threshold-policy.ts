import { duration, usd } from '../format.js';
import type { Policy, PolicyInput, PolicyVerdict } from '../policy.js';

/**
 * Seed 002 §4.2 `HybridResourceManager.get_resource_allocation_decision` (D5), with the current
 * (adaptive) thresholds from the decision context:
 * 1. confidential → local;
 * 2. critical job and local utilisation > 50 % → cloud;
 * 3. estimated local wait > 1800 s → cloud;
 * 4. local resources cannot satisfy the job → cloud;
 * 5. cloud cost < 0.8 × local cost → cloud;
 * 6. otherwise local.
 */
export const hybridThresholdPolicy: Policy = {
  name: 'hybrid-threshold',
  decide(input: PolicyInput): PolicyVerdict {
    const { job, local, cloud, hybridThresholds: thresholds } = input;
    if (job.spec.confidentiality === 'confidential') {
      return local.best
        ? verdict('local', 'confidential-local', 'data confidentiality requires local execution')
        : verdict('none', 'confidential-no-local', 'data confidentiality requires local execution and no suitable local GPU exists');
    }
    if (job.spec.priority === 'critical' && input.localUtilization > thresholds.criticalJobLocalMax) {
      return verdict(
        'cloud',
        'critical-high-utilization',
        `critical job and local utilisation ${percent(input.localUtilization)} > ${percent(thresholds.criticalJobLocalMax)}`,
      );
    }
    if (local.minWaitSeconds !== undefined && local.minWaitSeconds > thresholds.maxWaitTimeSeconds) {
      return verdict(
        'cloud',
        'wait-too-long',
        `estimated local wait ${duration(local.minWaitSeconds)} exceeds ${duration(thresholds.maxWaitTimeSeconds)}`,
      );
    }
    if (!local.best) return verdict('cloud', 'local-cannot-satisfy', 'local resources cannot satisfy the requirements');
    const localCost = (local.cheapest ?? local.best).costUsd;
    if (cloud.best && cloud.best.costUsd < localCost * thresholds.costEfficiencyFactor) {
      return verdict(
        'cloud',
        'cloud-cost-efficient',
        `cloud ${usd(cloud.best.costUsd)} < ${thresholds.costEfficiencyFactor} × local ${usd(localCost)}`,
      );
    }
    return verdict('local', 'default-local', 'default to local execution');
  },
};

function percent(value: number): string {
  return `${Math.round(value * 100)} %`;
}

function verdict(target: PolicyVerdict['target'], rule: string, reason: string): PolicyVerdict {
  return { target, rule: `hybrid-threshold/${rule}`, reason };
}
