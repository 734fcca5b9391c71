import { compareVersions } from '../../config/primitives.js';
import { type FilterPlugin, type FilterStatus, PASS, reject } from '../../engine/extension-points/filter-plugin.js';

/**
 * D1 compute: the target's CUDA version and compute capability must be at least the job's. An
 * offer that does not state a figure the job asks for is rejected: unknown is not enough.
 */
export const computeCapabilityPlugin = {
  name: 'compute-capability',
  filterLocal(job, gpuClass) {
    return check(job.spec.requirements, gpuClass.gpu.cudaVersion, gpuClass.gpu.computeCapability);
  },
  filterCloud(job, offer) {
    return check(job.spec.requirements, offer.cudaVersion, offer.computeCapability);
  },
} satisfies FilterPlugin;

function check(
  required: { cudaVersion?: string | undefined; computeCapability?: string | undefined },
  cudaVersion: string | undefined,
  computeCapability: string | undefined,
): FilterStatus {
  if (required.cudaVersion !== undefined) {
    if (cudaVersion === undefined) return reject('CUDA version unknown', `job needs CUDA ${required.cudaVersion}`);
    if (compareVersions(cudaVersion, required.cudaVersion) < 0) {
      return reject('CUDA version too old', `CUDA ${cudaVersion} < ${required.cudaVersion} needed`);
    }
  }
  if (required.computeCapability !== undefined) {
    if (computeCapability === undefined) return reject('compute capability unknown', `job needs ${required.computeCapability}`);
    if (compareVersions(computeCapability, required.computeCapability) < 0) {
      return reject('compute capability too low', `${computeCapability} < ${required.computeCapability} needed`);
    }
  }
  return PASS;
}
