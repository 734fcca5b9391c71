import type { Policy, PolicyInput, PolicyVerdict } from '@aima/core';

/**
 * B2b, cloud-only cheapest + confidential local (evaluation.md §5): every non-confidential job
 * rents the cheapest feasible offer (core's `cloud.best`); confidential jobs queue for a local
 * GPU (run it with `fifoQueueConfig` for the FIFO order). Local GPUs run nothing else, so a job
 * no offer fits is rejected, not run locally.
 */
export const cloudOnlyCheapestPolicy: Policy = {
  name: 'B2b cloud-only cheapest',
  decide(input: PolicyInput): PolicyVerdict {
    const { job, local, cloud } = input;
    if (job.spec.confidentiality === 'confidential') {
      return local.best
        ? { target: 'local', rule: 'b2b/confidential-local', reason: 'confidential: the local FIFO queue' }
        : { target: 'none', rule: 'b2b/confidential-no-local', reason: 'confidential and no local GPU can run it' };
    }
    return cloud.best
      ? { target: 'cloud', rule: 'b2b/cheapest-offer', reason: 'B2b rents the cheapest feasible offer' }
      : { target: 'none', rule: 'b2b/no-offer', reason: 'B2b is cloud-only and no offer can run the job' };
  },
};
