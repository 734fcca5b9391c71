import { describe, expect, it } from 'vitest';
import type { Urgency } from '../../config/job-spec.js';
import type { SchedulerConfigInput } from '../../config/scheduler-config.js';
import { localCandidate, testGpuClass, testJob, testScoreContext } from '../plugin-test-fixtures.js';
import { urgencyPlugin } from './urgency.js';

describe('urgency plugin', () => {
  it('is named "urgency" and only scores', () => {
    expect(urgencyPlugin.name).toBe('urgency');
    expect(Object.keys(urgencyPlugin).sort()).toEqual(['name', 'scoreCloud', 'scoreLocal']);
  });

  describe('scoreLocal', () => {
    it.each<{ urgency: Urgency | undefined; waitSeconds: number; config: SchedulerConfigInput; score: number }>([
      // low and normal urgency do not mind a queue
      { urgency: 'low', waitSeconds: 0, config: {}, score: 100 },
      { urgency: 'low', waitSeconds: 86_400, config: {}, score: 100 },
      { urgency: 'normal', waitSeconds: 7200, config: {}, score: 100 },
      { urgency: undefined, waitSeconds: 7200, config: {}, score: 100 },
      // high urgency: 100 when free, linearly to 0 at urgentQueueMinutes (60 by default)
      { urgency: 'high', waitSeconds: 0, config: {}, score: 100 },
      { urgency: 'high', waitSeconds: 900, config: {}, score: 75 },
      { urgency: 'high', waitSeconds: 1800, config: {}, score: 50 },
      { urgency: 'high', waitSeconds: 3600, config: {}, score: 0 },
      { urgency: 'high', waitSeconds: 5400, config: {}, score: 0 },
      { urgency: 'high', waitSeconds: 600, config: { policies: { aima: { urgentQueueMinutes: 20 } } }, score: 50 },
    ])('urgency $urgency, wait $waitSeconds s, $config: $score', ({ urgency, waitSeconds, config, score }) => {
      const job = testJob(urgency === undefined ? {} : { urgency });
      const value = urgencyPlugin.scoreLocal(job, localCandidate(testGpuClass(), { waitSeconds }), testScoreContext({ config }));
      expect(value).toBeCloseTo(score, 10);
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(100);
    });
  });

  describe('scoreCloud', () => {
    it.each<{ urgency: Urgency | undefined; score: number }>([
      { urgency: 'low', score: 50 },
      { urgency: 'normal', score: 100 },
      { urgency: undefined, score: 100 },
      { urgency: 'high', score: 100 },
    ])('urgency $urgency scores $score', ({ urgency, score }) => {
      const value = urgencyPlugin.scoreCloud(testJob(urgency === undefined ? {} : { urgency }));
      expect(value).toBe(score);
    });
  });

  it('a high-urgency job prefers the cloud over a local GPU with a 45-minute queue', () => {
    const job = testJob({ urgency: 'high' });
    const local = urgencyPlugin.scoreLocal(job, localCandidate(testGpuClass(), { waitSeconds: 2700 }), testScoreContext());
    const cloud = urgencyPlugin.scoreCloud(job);
    expect(local).toBeCloseTo(25, 10);
    expect(cloud).toBeGreaterThan(local);
  });
});
