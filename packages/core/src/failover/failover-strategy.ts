import type { Confidentiality, Priority } from '../config/job-spec.js';
import type { FailureSeverity } from '../spec/gpu-device.js';

/**
 * Where a job goes after its GPU failed (F3, seed 000 `_handle_job_failover`):
 * - `retry-same-gpu`: wait the retry delay, then run again on the same GPU;
 * - `other-local`: another local GPU (GPU rotation), never the cloud;
 * - `local-then-cloud`: another local GPU if one is free, else the cloud;
 * - `cloud`: the cloud directly, from the last checkpoint.
 */
export type FailoverStrategy = 'retry-same-gpu' | 'other-local' | 'local-then-cloud' | 'cloud';

/** The seed's "high" priority: our two top classes. */
export function isHighPriority(priority: Priority): boolean {
  return priority === 'critical' || priority === 'high';
}

/**
 * The seed's table: temporary & not high → retry on the same GPU; temporary & high → another
 * local GPU; persistent → another local GPU, else the cloud; critical → the cloud. A confidential
 * job never migrates to the cloud (seed `_cloud_failover` refuses it): its cloud branches become
 * another local GPU.
 */
export function chooseFailoverStrategy(
  failure: FailureSeverity,
  job: { readonly priority: Priority; readonly confidentiality: Confidentiality },
): FailoverStrategy {
  const strategy: FailoverStrategy =
    failure === 'temporary'
      ? isHighPriority(job.priority)
        ? 'other-local'
        : 'retry-same-gpu'
      : failure === 'persistent'
        ? 'local-then-cloud'
        : 'cloud';
  if (job.confidentiality === 'confidential' && (strategy === 'cloud' || strategy === 'local-then-cloud')) return 'other-local';
  return strategy;
}
