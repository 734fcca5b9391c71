import { type FilterPlugin, PASS, reject } from '../../engine/extension-points/filter-plugin.js';
import type { ScorePlugin } from '../../engine/extension-points/score-plugin.js';
import { isUsable } from '../../engine/fleet/local-fleet.js';

/**
 * F1/F5: GPUs in maintenance, offline or in error take no jobs; a degraded GPU (failure
 * predicted) still may but scores lower.
 */
export const healthPlugin = {
  name: 'health',
  filterLocal(_job, gpuClass) {
    return isUsable(gpuClass.health) ? PASS : reject(`GPU ${gpuClass.health}`);
  },
  scoreLocal(_job, candidate) {
    return candidate.gpuClass.health === 'degraded' ? 30 : 100;
  },
} satisfies FilterPlugin & ScorePlugin;
