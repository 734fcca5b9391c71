import { type FilterPlugin, PASS, reject } from '../../engine/extension-points/filter-plugin.js';
import type { ScorePlugin } from '../../engine/extension-points/score-plugin.js';

/**
 * D1: a GPU needs at least the job's VRAM (its own figure or the media type's default). Scores a
 * snug fit higher, gently, so big GPUs stay free for big jobs: 100 for an exact fit, 50 when the
 * job uses almost none of the GPU.
 */
export const vramFitPlugin = {
  name: 'vram-fit',
  filterLocal(job, gpuClass) {
    return gpuClass.gpu.vramGb >= job.vramRequiredGb
      ? PASS
      : reject('insufficient VRAM', `${gpuClass.gpu.vramGb} GB < ${job.vramRequiredGb} GB needed`);
  },
  cloudVramFloor(job) {
    return { vramGb: job.vramRequiredGb, reason: 'insufficient VRAM' };
  },
  filterCloud(job, offer) {
    return offer.vramGb >= job.vramRequiredGb ? PASS : reject('insufficient VRAM', `${offer.vramGb} GB < ${job.vramRequiredGb} GB needed`);
  },
  scoreLocal(job, candidate) {
    return fitScore(job.vramRequiredGb, candidate.gpuClass.gpu.vramGb);
  },
  scoreCloud(job, candidate) {
    return fitScore(job.vramRequiredGb, candidate.offer.vramGb);
  },
} satisfies FilterPlugin & ScorePlugin;

function fitScore(neededGb: number, availableGb: number): number {
  return 100 - 50 * ((availableGb - neededGb) / availableGb);
}
