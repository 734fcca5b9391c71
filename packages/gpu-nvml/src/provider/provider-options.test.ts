import { ConfigError, parseSchedulerConfig, silentLogger, systemClock } from '@aima/core';
import { describe, expect, it } from 'vitest';
import { monitoringOptionsSchema, parseOptions, providerOptionsSchema } from './provider-options.js';

describe('provider options', () => {
  it('mirrors core’s monitoring defaults (seed 000: 60 s, busy > 80 %, active > 20 %)', () => {
    expect(monitoringOptionsSchema.parse({})).toEqual(parseSchedulerConfig().monitoring);
  });

  it('fills every default', () => {
    const options = parseOptions(providerOptionsSchema, undefined, 'options');
    expect(options).toMatchObject({ monitoring: { intervalSeconds: 60 }, thermal: { overheatCelsius: 85, window: 5 } });
    expect(options.host.length).toBeGreaterThan(0);
    expect(options.clock).toBe(systemClock);
    expect(options.logger).toBe(silentLogger);
  });

  it('lists every problem in a ConfigError, including unknown keys', () => {
    const attempt = () =>
      parseOptions(providerOptionsSchema, { monitoring: { busyPercent: 120 }, clock: {}, colour: 'red' }, 'test options');
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/monitoring\.busyPercent/);
    expect(attempt).toThrow(/clock: must be a Clock/);
    expect(attempt).toThrow(/colour/);
  });
});
