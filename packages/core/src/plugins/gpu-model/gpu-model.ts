import { normaliseGpuModel } from '../../cost/gpu-cost-table.js';
import { type FilterPlugin, type FilterStatus, PASS, reject } from '../../engine/extension-points/filter-plugin.js';

/** D1: when the job names GPU models, the target's model must contain one of them (case-insensitive). */
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
  if (wanted === undefined) return PASS;
  const name = ` ${normaliseGpuModel(model)} `;
  return wanted.some((entry) => name.includes(` ${normaliseGpuModel(entry)} `))
    ? PASS
    : reject('GPU model not requested', `${model} is not one of ${wanted.join(', ')}`);
}
