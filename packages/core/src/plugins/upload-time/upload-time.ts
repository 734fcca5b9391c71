import type { ScorePlugin } from '../../engine/extension-points/score-plugin.js';

/**
 * D3 bandwidth row: local GPUs need no upload; an offer scores 100 for an instant upload, falling
 * linearly to 0 at the `aima` policy's slow-upload limit (30 min by default).
 */
export const uploadTimePlugin = {
  name: 'upload-time',
  scoreLocal() {
    return 100;
  },
  scoreCloud(_job, candidate, context) {
    const limitSeconds = context.config.policies.aima.slowUploadMinutes * 60;
    return 100 * Math.max(0, 1 - candidate.uploadSeconds / limitSeconds);
  },
} satisfies ScorePlugin;
