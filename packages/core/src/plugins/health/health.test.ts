import { describe, expect, it } from 'vitest';
import { PASS } from '../../engine/extension-points/filter-plugin.js';
import type { GpuHealth } from '../../engine/fleet/local-gpu-state.js';
import { localCandidate, rejectionOf, testGpuClass, testJob } from '../plugin-test-fixtures.js';
import { healthPlugin } from './health.js';

describe('health plugin', () => {
  it('is named "health" (the alternatives plugin treats it as transient)', () => {
    expect(healthPlugin.name).toBe('health');
  });

  it('looks at local GPUs only', () => {
    expect(Object.keys(healthPlugin).sort()).toEqual(['filterLocal', 'name', 'scoreLocal']);
  });

  describe('filterLocal', () => {
    it.each<{ health: GpuHealth | undefined; reason?: string }>([
      { health: undefined },
      { health: 'healthy' },
      { health: 'degraded' },
      { health: 'maintenance', reason: 'GPU maintenance' },
      { health: 'offline', reason: 'GPU offline' },
      { health: 'error', reason: 'GPU error' },
    ])('health $health: reason $reason', ({ health, reason }) => {
      const gpuClass = testGpuClass({}, health === undefined ? {} : { health });
      const status = healthPlugin.filterLocal(testJob(), gpuClass);
      if (reason === undefined) {
        expect(status).toBe(PASS);
      } else {
        // The health state is the whole message: the plugin gives no separate detail.
        expect(rejectionOf(status)).toEqual({ reason, detail: undefined });
      }
    });
  });

  describe('scoreLocal', () => {
    it.each<{ health: GpuHealth; score: number }>([
      { health: 'healthy', score: 100 },
      { health: 'degraded', score: 30 },
    ])('$health scores $score', ({ health, score }) => {
      const value = healthPlugin.scoreLocal(testJob(), localCandidate(testGpuClass({}, { health })));
      expect(value).toBe(score);
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(100);
    });
  });
});
