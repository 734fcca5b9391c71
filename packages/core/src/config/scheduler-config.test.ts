import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors/config-error.js';
import { parseSchedulerConfig } from './scheduler-config.js';

describe('parseSchedulerConfig', () => {
  it('holds every seed number as a default', () => {
    const config = parseSchedulerConfig();
    expect(config.vramByMediaType).toEqual({ video: 24, image: 16, audio: 8 });
    expect(config.policies.aima).toEqual({
      urgentQueueMinutes: 60,
      largeMediaGb: 10,
      largeMediaCloudCostFactor: 1.2,
      slowUploadMinutes: 30,
      localCostTolerance: 1.1,
    });
    expect(config.policies.hybridThreshold).toMatchObject({
      criticalJobLocalMax: 0.5,
      maxWaitTimeSeconds: 1800,
      costEfficiencyFactor: 0.8,
      localUtilizationThreshold: 0.8,
      historyWindowSeconds: 86_400,
      updateIntervalSeconds: 3_600,
    });
    expect(config.queue).toEqual({
      priorityWeights: { critical: 100, high: 50, normal: 10, low: 5, batch: 1 },
      fairnessThresholdSeconds: 600,
      maxWaitFactor: 10,
      deadlineFactorNumeratorMinutes: 100,
      schedulingIntervalSeconds: 30,
    });
    expect(config.monitoring).toEqual({ intervalSeconds: 60, busyPercent: 80, activePercent: 20 });
    expect(config.failover).toMatchObject({
      heartbeatIntervalSeconds: 30,
      persistentAfterSeconds: 300,
      temporaryRetryDelaySeconds: 60,
      maxRetries: 3,
      backoffCapSeconds: 60,
    });
    expect(config.selector).toEqual({ throughputWeight: 0.7, accuracyWeight: 0.3 });
    expect(config.locality).toEqual({ prefetchThresholdGb: 1, cacheDiversityFactor: 0.1, cachePriorityThreshold: 0.5 });
    expect(config.storage).toEqual({
      transferAheadThresholdBytes: 1_073_741_824,
      checkpointRetain: 3,
      compressMinSavingRatio: 0.1,
      cacheWindowSeconds: 86_400,
      cacheCapacityBytes: 0,
    });
    expect(config.defaultJobDurationSeconds).toBe(3600);
  });

  it('merges partial overrides with the defaults', () => {
    const config = parseSchedulerConfig({ policies: { aima: { localCostTolerance: 1.3 } }, queue: { priorityWeights: { batch: 2 } } });
    expect(config.policies.aima.localCostTolerance).toBe(1.3);
    expect(config.policies.aima.urgentQueueMinutes).toBe(60);
    expect(config.queue.priorityWeights).toEqual({ critical: 100, high: 50, normal: 10, low: 5, batch: 2 });
  });

  it('rejects wrong values with a ConfigError naming each path', () => {
    try {
      parseSchedulerConfig({
        cost: { pue: 0.5 },
        minCloudReliability: 2,
        policies: { aima: { urgentQueueMinutes: -1 } },
        bogus: true,
      } as never);
      expect.unreachable();
    } catch (error) {
      expect(ConfigError.isInstance(error)).toBe(true);
      if (!ConfigError.isInstance(error)) return;
      expect(error.code).toBe('AIMA_CONFIG');
      expect(error.issues.map((issue) => issue.path).sort()).toEqual([
        '',
        'cost.pue',
        'minCloudReliability',
        'policies.aima.urgentQueueMinutes',
      ]);
    }
  });
});

describe('weights', () => {
  it('merges host weights with the decision-matrix defaults', () => {
    const config = parseSchedulerConfig({ weights: { 'my-scorer': 5, cost: 4 } });
    expect(config.weights).toMatchObject({ 'my-scorer': 5, cost: 4, 'vram-fit': 3, confidentiality: 3, urgency: 1 });
  });

  it('rejects a negative weight', () => {
    expect(() => parseSchedulerConfig({ weights: { 'my-scorer': -1 } })).toThrow(ConfigError);
  });
});
