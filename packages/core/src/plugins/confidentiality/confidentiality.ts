import { type FilterPlugin, PASS, reject } from '../../engine/extension-points/filter-plugin.js';
import type { ScorePlugin } from '../../engine/extension-points/score-plugin.js';

const cloudRuledOut = reject('confidential data stays on local GPUs', 'confidentiality level 3 (confidential): cloud GPUs are never used');

/**
 * D2: a confidential job never gets a cloud candidate. Scores the seed's privacy row: public data
 * prefers the cloud, internal either, confidential local.
 */
export const confidentialityPlugin = {
  name: 'confidentiality',
  filterSide(job, side) {
    return side === 'cloud' && job.spec.confidentiality === 'confidential' ? cloudRuledOut : PASS;
  },
  scoreLocal(job) {
    return job.spec.confidentiality === 'public' ? 50 : 100;
  },
  scoreCloud(job) {
    return job.spec.confidentiality === 'public' ? 100 : 50;
  },
} satisfies FilterPlugin & ScorePlugin;
