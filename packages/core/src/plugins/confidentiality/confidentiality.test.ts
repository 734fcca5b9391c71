import { describe, expect, it } from 'vitest';
import type { Confidentiality } from '../../config/job-spec.js';
import type { Side } from '../../engine/candidates.js';
import { PASS } from '../../engine/extension-points/filter-plugin.js';
import { rejectionOf, testJob } from '../plugin-test-fixtures.js';
import { confidentialityPlugin } from './confidentiality.js';

describe('confidentiality plugin', () => {
  it('is named "confidentiality" (the weight key and rejection aggregation key)', () => {
    expect(confidentialityPlugin.name).toBe('confidentiality');
  });

  describe('filterSide', () => {
    it.each<{ confidentiality: Confidentiality; side: Side; passed: boolean }>([
      { confidentiality: 'public', side: 'local', passed: true },
      { confidentiality: 'public', side: 'cloud', passed: true },
      { confidentiality: 'internal', side: 'local', passed: true },
      { confidentiality: 'internal', side: 'cloud', passed: true },
      { confidentiality: 'confidential', side: 'local', passed: true },
      { confidentiality: 'confidential', side: 'cloud', passed: false },
    ])('$confidentiality job on the $side side: passed=$passed', ({ confidentiality, side, passed }) => {
      const status = confidentialityPlugin.filterSide(testJob({ confidentiality }), side);
      expect(status.passed).toBe(passed);
      if (passed) expect(status).toBe(PASS);
    });

    it('rules out the cloud for confidential data with the exact reason and a detail naming the level', () => {
      const status = confidentialityPlugin.filterSide(testJob({ confidentiality: 'confidential' }), 'cloud');
      expect(rejectionOf(status)).toEqual({
        reason: 'confidential data stays on local GPUs',
        detail: 'confidentiality level 3 (confidential): cloud GPUs are never used',
      });
    });
  });

  describe('scores (the seed privacy row)', () => {
    it.each<{ confidentiality: Confidentiality; local: number; cloud: number }>([
      { confidentiality: 'public', local: 50, cloud: 100 },
      { confidentiality: 'internal', local: 100, cloud: 50 },
      { confidentiality: 'confidential', local: 100, cloud: 50 },
    ])('$confidentiality: local $local, cloud $cloud', ({ confidentiality, local, cloud }) => {
      const job = testJob({ confidentiality });
      const localScore = confidentialityPlugin.scoreLocal(job);
      const cloudScore = confidentialityPlugin.scoreCloud(job);
      expect(localScore).toBe(local);
      expect(cloudScore).toBe(cloud);
      for (const score of [localScore, cloudScore]) {
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(100);
      }
    });
  });
});
