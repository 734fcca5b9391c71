import type { ScorePlugin } from '../../engine/extension-points/score-plugin.js';

/** K1/D3 cost row: the cheapest feasible candidate (either side) scores 100, others in proportion. */
export const costPlugin = {
  name: 'cost',
  scoreLocal(_job, candidate, context) {
    return relative(context.cheapestCostUsd, candidate.costUsd);
  },
  scoreCloud(_job, candidate, context) {
    return relative(context.cheapestCostUsd, candidate.costUsd);
  },
} satisfies ScorePlugin;

function relative(cheapest: number, cost: number): number {
  return cost <= 0 || cost <= cheapest ? 100 : (100 * cheapest) / cost;
}
