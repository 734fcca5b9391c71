import { describe, expect, it } from 'vitest';
import type { SchedulerConfigInput } from '../../config/scheduler-config.js';
import { uploadSecondsFor } from '../../engine/upload-time.js';
import { cloudCandidate, testJob, testOffer, testScoreContext } from '../plugin-test-fixtures.js';
import { uploadTimePlugin } from './upload-time.js';

describe('upload-time plugin', () => {
  it('is named "upload-time" and only scores', () => {
    expect(uploadTimePlugin.name).toBe('upload-time');
    expect(Object.keys(uploadTimePlugin).sort()).toEqual(['name', 'scoreCloud', 'scoreLocal']);
  });

  it('scoreLocal is always 100: local GPUs need no upload', () => {
    expect(uploadTimePlugin.scoreLocal()).toBe(100);
  });

  describe('scoreCloud: 100 for no upload, falling linearly to 0 at the slow-upload limit', () => {
    it.each<{ uploadSeconds: number; config: SchedulerConfigInput; score: number }>([
      { uploadSeconds: 0, config: {}, score: 100 },
      { uploadSeconds: 450, config: {}, score: 75 },
      { uploadSeconds: 900, config: {}, score: 50 },
      { uploadSeconds: 1800, config: {}, score: 0 },
      { uploadSeconds: 5400, config: {}, score: 0 },
      { uploadSeconds: Number.POSITIVE_INFINITY, config: {}, score: 0 },
      { uploadSeconds: 300, config: { policies: { aima: { slowUploadMinutes: 10 } } }, score: 50 },
      { uploadSeconds: 1800, config: { policies: { aima: { slowUploadMinutes: 60 } } }, score: 50 },
    ])('upload $uploadSeconds s with $config scores $score', ({ uploadSeconds, config, score }) => {
      const value = uploadTimePlugin.scoreCloud(testJob(), cloudCandidate(testOffer(), { uploadSeconds }), testScoreContext({ config }));
      expect(value).toBeCloseTo(score, 10);
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(100);
    });

    it.each<{ name: string; media: { sizeGb: number; location?: string }; siteMbps: number; score: number }>([
      // 1 GB = 8000 Mb; at 8 Mbit/s that is 1000 s of the 1800 s limit.
      { name: '1 GB at 8 Mbit/s', media: { sizeGb: 1 }, siteMbps: 8, score: 100 * (1 - 1000 / 1800) },
      { name: '10 GB at 100 Mbit/s (800 s)', media: { sizeGb: 10 }, siteMbps: 100, score: 100 * (1 - 800 / 1800) },
      { name: 'media already in the offer region', media: { sizeGb: 50, location: 'eu' }, siteMbps: 8, score: 100 },
      { name: 'no media', media: { sizeGb: 0 }, siteMbps: 8, score: 100 },
      { name: 'no upload bandwidth at all', media: { sizeGb: 1 }, siteMbps: 0, score: 0 },
    ])('with the engine upload estimate: $name scores $score', ({ media, siteMbps, score }) => {
      const job = testJob({ media });
      const offer = testOffer({ region: 'eu-west-1', downloadMbps: 1000 });
      const uploadSeconds = uploadSecondsFor(job, offer, siteMbps);
      const value = uploadTimePlugin.scoreCloud(job, cloudCandidate(offer, { uploadSeconds }), testScoreContext());
      expect(value).toBeCloseTo(score, 10);
    });
  });
});
