import { describe, expect, it } from 'vitest';
import { TemperatureTrend } from './temperature-trend.js';

describe('TemperatureTrend', () => {
  it('forecasts when a steady rise reaches the limit', () => {
    const trend = new TemperatureTrend(4);
    for (const [minute, celsius] of [
      [0, 70],
      [1, 72],
      [2, 74],
      [3, 76],
    ] as const)
      trend.add(minute * 60_000, celsius);
    const forecast = trend.forecast(85);
    expect(forecast?.slopeCPerMinute).toBeCloseTo(2);
    expect(forecast?.secondsToLimit).toBeCloseTo(270);
  });

  it('says nothing until the window is full, and gives no limit time when not rising', () => {
    const trend = new TemperatureTrend(3);
    trend.add(0, 80);
    expect(trend.forecast(85)).toBeUndefined();
    trend.add(60_000, 79);
    trend.add(120_000, 78);
    expect(trend.forecast(85)?.secondsToLimit).toBeUndefined();
  });

  it('answers 0 s when the limit is already reached', () => {
    const trend = new TemperatureTrend(2);
    trend.add(0, 84);
    trend.add(60_000, 86);
    expect(trend.forecast(85)?.secondsToLimit).toBe(0);
  });
});
