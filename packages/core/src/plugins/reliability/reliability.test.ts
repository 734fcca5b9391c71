import { describe, expect, it } from 'vitest';
import type { SchedulerConfigInput } from '../../config/scheduler-config.js';
import { PASS } from '../../engine/extension-points/filter-plugin.js';
import { cloudCandidate, rejectionOf, testContext, testJob, testOffer } from '../plugin-test-fixtures.js';
import { reliabilityPlugin } from './reliability.js';

describe('reliability plugin', () => {
  it('is named "reliability"', () => {
    expect(reliabilityPlugin.name).toBe('reliability');
  });

  it('looks at cloud offers only', () => {
    expect(Object.keys(reliabilityPlugin).sort()).toEqual(['filterCloud', 'name', 'scoreCloud']);
  });

  describe('filterCloud against config.minCloudReliability', () => {
    it.each<{ reliability: number; config: SchedulerConfigInput; detail?: string }>([
      { reliability: 0.99, config: {} },
      { reliability: 0.9, config: {} },
      { reliability: 0.89, config: {}, detail: '0.89 < 0.9' },
      { reliability: 0, config: {}, detail: '0 < 0.9' },
      { reliability: 0.6, config: { minCloudReliability: 0.5 } },
      { reliability: 0.4, config: { minCloudReliability: 0.5 }, detail: '0.4 < 0.5' },
      { reliability: 0, config: { minCloudReliability: 0 } },
      { reliability: 1, config: { minCloudReliability: 1 } },
      { reliability: 0.999, config: { minCloudReliability: 1 }, detail: '0.999 < 1' },
    ])('reliability $reliability with $config: detail $detail', ({ reliability, config, detail }) => {
      const status = reliabilityPlugin.filterCloud(testJob(), testOffer({ reliability }), testContext({ config }));
      if (detail === undefined) {
        expect(status).toBe(PASS);
      } else {
        expect(rejectionOf(status)).toEqual({ reason: 'reliability too low', detail });
      }
    });
  });

  describe('scoreCloud = reliability × 100', () => {
    it.each([
      { reliability: 1, score: 100 },
      { reliability: 0.987, score: 98.7 },
      { reliability: 0.9, score: 90 },
      { reliability: 0.5, score: 50 },
      { reliability: 0, score: 0 },
    ])('reliability $reliability scores $score', ({ reliability, score }) => {
      const value = reliabilityPlugin.scoreCloud(testJob(), cloudCandidate(testOffer({ reliability })));
      expect(value).toBeCloseTo(score, 10);
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(100);
    });
  });
});
