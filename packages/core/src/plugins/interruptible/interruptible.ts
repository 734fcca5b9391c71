import { type FilterPlugin, PASS, reject } from '../../engine/extension-points/filter-plugin.js';

const notCheckpointable = reject('interruptible offer for a job that cannot checkpoint');

/** An interruptible (spot) offer is used only for a job that can checkpoint and resume. */
export const interruptiblePlugin = {
  name: 'interruptible',
  filterCloud(job, offer) {
    return offer.interruptible && !job.spec.checkpointable ? notCheckpointable : PASS;
  },
} satisfies FilterPlugin;
