import { describe, expect, it } from 'vitest';
import { cloudCandidate, localCandidate, testGpuClass, testJob, testOffer, testScoreContext } from '../plugin-test-fixtures.js';
import { costPlugin } from './cost.js';

const infinity = Number.POSITIVE_INFINITY;

describe('cost plugin', () => {
  it('is named "cost" and only scores', () => {
    expect(costPlugin.name).toBe('cost');
    expect(Object.keys(costPlugin).sort()).toEqual(['name', 'scoreCloud', 'scoreLocal']);
  });

  // 100 for the cheapest (or a free) candidate, else 100 × cheapest / cost.
  it.each<{ name: string; cheapestCostUsd: number; costUsd: number; score: number }>([
    { name: 'the cheapest itself', cheapestCostUsd: 1, costUsd: 1, score: 100 },
    { name: 'twice the cheapest', cheapestCostUsd: 1, costUsd: 2, score: 50 },
    { name: 'four times the cheapest', cheapestCostUsd: 0.25, costUsd: 1, score: 25 },
    { name: '1.5 times the cheapest', cheapestCostUsd: 0.5, costUsd: 0.75, score: 200 / 3 },
    { name: 'cheaper than the stated cheapest (capped)', cheapestCostUsd: 2, costUsd: 1, score: 100 },
    { name: 'free candidate', cheapestCostUsd: 0, costUsd: 0, score: 100 },
    { name: 'free candidate, odd cheapest', cheapestCostUsd: 3, costUsd: 0, score: 100 },
    { name: 'another candidate is free', cheapestCostUsd: 0, costUsd: 5, score: 0 },
    { name: 'no cheapest known (Infinity)', cheapestCostUsd: infinity, costUsd: 3, score: 100 },
    { name: 'infinite cost (e.g. an upload that never finishes)', cheapestCostUsd: 1, costUsd: infinity, score: 0 },
    { name: 'a tiny cost against a huge one', cheapestCostUsd: 0.001, costUsd: 1000, score: 0.0001 },
  ])('$name: $costUsd vs cheapest $cheapestCostUsd scores $score', ({ cheapestCostUsd, costUsd, score }) => {
    const context = testScoreContext({ cheapestCostUsd });
    const local = costPlugin.scoreLocal(testJob(), localCandidate(testGpuClass(), { costUsd }), context);
    const cloud = costPlugin.scoreCloud(testJob(), cloudCandidate(testOffer(), { costUsd }), context);
    expect(local).toBeCloseTo(score, 10);
    expect(cloud).toBe(local);
    expect(local).toBeGreaterThanOrEqual(0);
    expect(local).toBeLessThanOrEqual(100);
  });

  it('ranks local and cloud candidates on one scale: the cheaper side scores higher', () => {
    const context = testScoreContext({ cheapestCostUsd: 0.3 });
    const local = costPlugin.scoreLocal(testJob(), localCandidate(testGpuClass(), { costUsd: 0.3 }), context);
    const cloud = costPlugin.scoreCloud(testJob(), cloudCandidate(testOffer(), { costUsd: 0.4 }), context);
    expect(local).toBe(100);
    expect(cloud).toBeCloseTo(75, 10);
  });
});
