import { type FilterPlugin, PASS, reject } from '../../engine/extension-points/filter-plugin.js';

/** D1 model compatibility: a GPU that lists its supported models must include the job's model. */
export const modelCompatibilityPlugin = {
  name: 'model-compatibility',
  filterLocal(job, gpuClass) {
    const model = job.spec.requirements.model;
    const supported = gpuClass.gpu.supportedModels;
    if (model === undefined || supported === undefined || supported.includes(model)) return PASS;
    return reject('model not supported', `${model} is not among ${supported.join(', ')}`);
  },
} satisfies FilterPlugin;
