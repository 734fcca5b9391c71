import type { Policy, PolicyInput, PolicyVerdict } from '@aima/core';

/**
 * B3, SkyPilot-like "No-Wait" hybrid (evaluation.md §5, Starburst's `zero` waiting policy): a
 * feasible local GPU free now runs the job; otherwise the cheapest feasible offer. Confidential
 * jobs wait for a local GPU. Failover to the next-cheapest offer is core's own launch-failure
 * handling (the failed offer is blocked and the job decided again).
 */
export const noWaitHybridPolicy: Policy = {
  name: 'B3 no-wait hybrid',
  decide(input: PolicyInput): PolicyVerdict {
    const { job, local, cloud } = input;
    if (job.spec.confidentiality === 'confidential') {
      return local.best
        ? { target: 'local', rule: 'b3/confidential-local', reason: 'confidential: waits for a local GPU' }
        : { target: 'none', rule: 'b3/confidential-no-local', reason: 'confidential and no local GPU can run it' };
    }
    if (local.best !== undefined && local.best.waitSeconds === 0) {
      return { target: 'local', rule: 'b3/local-free', reason: 'a feasible local GPU is free now' };
    }
    if (cloud.best) return { target: 'cloud', rule: 'b3/cheapest-offer', reason: 'no local GPU is free now: the cheapest offer' };
    return local.best
      ? { target: 'local', rule: 'b3/local-wait', reason: 'no offer fits: waits for a local GPU' }
      : { target: 'none', rule: 'b3/no-candidate', reason: 'no local GPU and no offer can run the job' };
  },
};
