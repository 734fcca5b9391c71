import { type FilterPlugin, PASS, reject } from '../../engine/extension-points/filter-plugin.js';
import type { ScorePlugin } from '../../engine/extension-points/score-plugin.js';

/** C3: offers below `config.minCloudReliability` are not used; the rest score by reliability. */
export const reliabilityPlugin = {
  name: 'reliability',
  filterCloud(_job, offer, context) {
    const minimum = context.config.minCloudReliability;
    return offer.reliability >= minimum ? PASS : reject('reliability too low', `${offer.reliability} < ${minimum}`);
  },
  scoreCloud(_job, candidate) {
    return candidate.offer.reliability * 100;
  },
} satisfies FilterPlugin & ScorePlugin;
