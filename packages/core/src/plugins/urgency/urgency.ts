import type { ScorePlugin } from '../../engine/extension-points/score-plugin.js';

/**
 * D3 urgency row: low urgency prefers local GPUs; a high-urgency job prefers whatever starts
 * sooner, so a local GPU with a queue loses against the cloud.
 */
export const urgencyPlugin = {
  name: 'urgency',
  scoreLocal(job, candidate, context) {
    if (job.spec.urgency !== 'high') return 100;
    const limitSeconds = context.config.policies.aima.urgentQueueMinutes * 60;
    return 100 * Math.max(0, 1 - candidate.waitSeconds / limitSeconds);
  },
  scoreCloud(job) {
    return job.spec.urgency === 'low' ? 50 : 100;
  },
} satisfies ScorePlugin;
