import { describe, expect, it } from 'vitest';
import { type ThermalSettings, ThermalTrend } from './thermal-trend.js';

const settings: ThermalSettings = {
  overheatCelsius: 85,
  shutdownCelsius: 95,
  criticalMarginCelsius: 3,
  risingCelsiusPerMinute: 2,
  horizonMinutes: 10,
  window: 5,
};
const minute = 60_000;

function run(temperatures: readonly number[], limits = { slowdownCelsius: 87, shutdownCelsius: 92 }) {
  const trend = new ThermalTrend(settings);
  return temperatures.map((celsius, index) => trend.observe(index * minute, celsius, limits)?.code);
}

describe('ThermalTrend', () => {
  it('reports a degrading trend before overheating, then critical, each once', () => {
    const codes = run([60, 64, 68, 72, 76, 80, 84, 88, 90, 91]);
    expect(codes.filter(Boolean)).toEqual(['temperature-rising', 'temperature-overheating', 'temperature-critical']);
    expect(codes.indexOf('temperature-rising')).toBeLessThan(codes.indexOf('temperature-overheating'));
  });

  it('stays quiet for a stable or slowly rising GPU', () => {
    expect(run([70, 70, 71, 70, 71, 70]).filter(Boolean)).toEqual([]);
    expect(run([40, 41, 42, 43, 44, 45]).filter(Boolean)).toEqual([]);
  });

  it('ignores a fast rise that is still far from the threshold', () => {
    expect(run([30, 33, 36, 39]).filter(Boolean)).toEqual([]);
  });

  it('is not fooled by jitter between samples taken milliseconds apart', () => {
    const trend = new ThermalTrend(settings);
    const findings = [60, 61, 60, 62, 61, 63].map((celsius, index) => trend.observe(1_000 + index * 3, celsius, { slowdownCelsius: 87 }));
    expect(findings.filter(Boolean)).toEqual([]);
    expect(trend.slope()).toBeUndefined();
  });

  it('uses the configured temperatures when the GPU reports none', () => {
    const trend = new ThermalTrend(settings);
    expect(trend.observe(0, 86, undefined)).toMatchObject({ code: 'temperature-overheating', severity: 'persistent' });
    expect(trend.observe(minute, 93, undefined)).toMatchObject({ code: 'temperature-critical', severity: 'critical' });
  });

  it('fires again after the GPU cooled down', () => {
    const codes = run([80, 88, 88, 70, 60, 88]);
    expect(codes.filter((code) => code === 'temperature-overheating')).toHaveLength(2);
  });

  it('fits the slope over the window in degrees per minute', () => {
    const trend = new ThermalTrend(settings);
    for (const [index, celsius] of [50, 53, 56, 59].entries()) trend.observe(index * minute, celsius, undefined);
    expect(trend.slope()).toBeCloseTo(3);
  });

  it('describes the trend as degrading with the time left', () => {
    const trend = new ThermalTrend(settings);
    let message: string | undefined;
    for (const [index, celsius] of [70, 74, 78].entries())
      message = trend.observe(index * minute, celsius, { slowdownCelsius: 87 })?.message;
    expect(message).toMatch(/degrading: 78 °C and rising 4\.0 °C\/min, about 2\.3 min before the 87 °C slowdown threshold/);
  });
});
