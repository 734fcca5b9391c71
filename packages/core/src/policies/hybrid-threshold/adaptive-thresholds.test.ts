import { describe, expect, it } from 'vitest';
import { parseSchedulerConfig } from '../../config/scheduler-config.js';
import { adaptHybridThresholds, type HybridThresholds, initialHybridThresholds, type UsageSample } from './adaptive-thresholds.js';

const config = parseSchedulerConfig().policies.hybridThreshold;
const start = initialHybridThresholds(config);
const now = 100 * 86_400_000;
const sample = (fields: Partial<UsageSample>, ageSeconds = 60): UsageSample => ({
  at: now - ageSeconds * 1000,
  localUtilization: 0.6,
  ...fields,
});

describe('adaptHybridThresholds (seed 002 _update_adaptive_thresholds)', () => {
  it('starts from the configured values', () => {
    expect(start).toEqual({
      criticalJobLocalMax: 0.5,
      maxWaitTimeSeconds: 1800,
      costEfficiencyFactor: 0.8,
      localUtilizationThreshold: 0.8,
    });
  });

  it('changes nothing without history in the 24 h window', () => {
    expect(adaptHybridThresholds(start, [], now, config)).toBe(start);
    expect(adaptHybridThresholds(start, [sample({ localUtilization: 0.1 }, 86_401)], now, config)).toBe(start);
  });

  it.each([
    ['low utilisation raises the threshold by 0.05', 0.3, 0.8, 0.85],
    ['raised at most to 0.9', 0.3, 0.88, 0.9],
    ['high utilisation lowers it by 0.05', 0.9, 0.8, 0.75],
    ['lowered at least to 0.6', 0.9, 0.62, 0.6],
    ['middle utilisation keeps it', 0.6, 0.8, 0.8],
  ])('%s', (_name, utilization, current, expected) => {
    const next = adaptHybridThresholds(
      { ...start, localUtilizationThreshold: current },
      [sample({ localUtilization: utilization })],
      now,
      config,
    );
    expect(next.localUtilizationThreshold).toBeCloseTo(expected, 10);
  });

  it.each([
    ['peak × 0.8', [1000, 2000], 1600],
    ['not below 600 s', [100], 600],
    ['not above 3600 s', [10_000], 3600],
    ['no waits keeps it', [], 1800],
  ])('wait threshold: %s', (_name, waits, expected) => {
    const history = waits.map((wait) => sample({ averageWaitSeconds: wait }));
    const next = adaptHybridThresholds(start, history.length > 0 ? history : [sample({})], now, config);
    expect(next.maxWaitTimeSeconds).toBe(expected);
  });

  it.each([
    ['cloud much cheaper lowers the factor', 0.5, 0.8, 0.75],
    ['not below 0.6', 0.5, 0.62, 0.6],
    ['cloud much dearer raises it', 1.5, 0.8, 0.85],
    ['not above 0.95', 1.5, 0.93, 0.95],
    ['in between keeps it', 1, 0.8, 0.8],
  ])('cost factor: %s', (_name, ratio, current, expected) => {
    const next = adaptHybridThresholds(
      { ...start, costEfficiencyFactor: current },
      [sample({ localCostUsd: 1, cloudCostUsd: ratio })],
      now,
      config,
    );
    expect(next.costEfficiencyFactor).toBeCloseTo(expected, 10);
  });

  it('treats a zero local cost as ratio 1 and never adapts criticalJobLocalMax', () => {
    const next = adaptHybridThresholds(start, [sample({ localCostUsd: 0, cloudCostUsd: 5, localUtilization: 0.1 })], now, config);
    expect(next.costEfficiencyFactor).toBe(0.8);
    expect(next.criticalJobLocalMax).toBe(0.5);
  });

  it('is cumulative over hourly updates, as the seed mutates its config', () => {
    let thresholds: HybridThresholds = start;
    for (let hour = 0; hour < 5; hour++) thresholds = adaptHybridThresholds(thresholds, [sample({ localUtilization: 0.1 })], now, config);
    expect(thresholds.localUtilizationThreshold).toBeCloseTo(0.9, 10);
  });

  it('uses configured adaptation rules', () => {
    const custom = parseSchedulerConfig({ policies: { hybridThreshold: { adaptation: { utilizationStep: 0.01, lowUtilization: 0.7 } } } })
      .policies.hybridThreshold;
    const next = adaptHybridThresholds(start, [sample({ localUtilization: 0.6 })], now, custom);
    expect(next.localUtilizationThreshold).toBeCloseTo(0.81, 10);
  });
});
