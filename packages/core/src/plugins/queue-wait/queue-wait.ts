import type { ScorePlugin } from '../../engine/extension-points/score-plugin.js';

/**
 * Q4/D3 availability row: a GPU free now scores 100, falling linearly to 0 at the `aima` policy's
 * urgent-queue limit (60 min by default). Cloud offers have no queue.
 */
export const queueWaitPlugin = {
  name: 'queue-wait',
  scoreLocal(_job, candidate, context) {
    const limitSeconds = context.config.policies.aima.urgentQueueMinutes * 60;
    return 100 * Math.max(0, 1 - candidate.waitSeconds / limitSeconds);
  },
  scoreCloud() {
    return 100;
  },
} satisfies ScorePlugin;
