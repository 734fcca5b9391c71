import { describe, expect, it } from 'vitest';
import type { SchedulerConfigInput } from '../../config/scheduler-config.js';
import { waitSecondsOf } from '../../engine/fleet/local-gpu-state.js';
import { defined, localCandidate, TEST_NOW, testGpuClass, testJob, testScoreContext } from '../plugin-test-fixtures.js';
import { queueWaitPlugin } from './queue-wait.js';

describe('queue-wait plugin', () => {
  it('is named "queue-wait" and only scores', () => {
    expect(queueWaitPlugin.name).toBe('queue-wait');
    expect(Object.keys(queueWaitPlugin).sort()).toEqual(['name', 'scoreCloud', 'scoreLocal']);
  });

  describe('scoreLocal: 100 when free, falling linearly to 0 at the urgent-queue limit', () => {
    it.each<{ waitSeconds: number; config: SchedulerConfigInput; score: number }>([
      { waitSeconds: 0, config: {}, score: 100 },
      { waitSeconds: 900, config: {}, score: 75 },
      { waitSeconds: 1800, config: {}, score: 50 },
      { waitSeconds: 3599, config: {}, score: 100 / 3600 },
      { waitSeconds: 3600, config: {}, score: 0 },
      { waitSeconds: 7200, config: {}, score: 0 },
      { waitSeconds: 86_400, config: {}, score: 0 },
      { waitSeconds: 900, config: { policies: { aima: { urgentQueueMinutes: 30 } } }, score: 50 },
      { waitSeconds: 1800, config: { policies: { aima: { urgentQueueMinutes: 120 } } }, score: 75 },
    ])('wait $waitSeconds s with $config scores $score', ({ waitSeconds, config, score }) => {
      const value = queueWaitPlugin.scoreLocal(testJob(), localCandidate(testGpuClass(), { waitSeconds }), testScoreContext({ config }));
      expect(value).toBeCloseTo(score, 10);
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(100);
    });

    it('scores a GPU busy for another 15 minutes at 75', () => {
      const gpuClass = testGpuClass({}, { busyUntil: TEST_NOW + 15 * 60_000 });
      const waitSeconds = waitSecondsOf(defined(gpuClass.soonest()), TEST_NOW);
      expect(waitSeconds).toBe(900);
      expect(queueWaitPlugin.scoreLocal(testJob(), localCandidate(gpuClass, { waitSeconds }), testScoreContext())).toBeCloseTo(75, 10);
    });
  });

  it('scoreCloud is always 100: offers have no queue', () => {
    expect(queueWaitPlugin.scoreCloud()).toBe(100);
  });
});
