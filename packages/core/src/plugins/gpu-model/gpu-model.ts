import { type FilterPlugin, type FilterStatus, PASS, reject } from '../../engine/extension-points/filter-plugin.js';
import { modelMatches } from '../../spec/offer-query.js';

/**
 * D1: when the job names GPU models, the target's model must contain every word of one of them,
 * ignoring case, punctuation and vendor words: `A100` and `A100 80GB` match
 * `NVIDIA A100-SXM4-80GB`, `A10` does not. An entry made only of vendor words (`NVIDIA`) matches
 * every model.
 */
export const gpuModelPlugin = {
  name: 'gpu-model',
  filterLocal(job, gpuClass) {
    return check(job.spec.requirements.gpuModels, gpuClass.gpu.model);
  },
  filterCloud(job, offer) {
    return check(job.spec.requirements.gpuModels, offer.gpuModel);
  },
} satisfies FilterPlugin;

function check(wanted: readonly string[] | undefined, model: string): FilterStatus {
  if (wanted === undefined || wanted.some((entry) => modelMatches(entry, model))) return PASS;
  return reject('GPU model not requested', `${model} is not one of ${wanted.join(', ')}`);
}
