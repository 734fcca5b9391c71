import { ConfigError, systemClock } from '@aima/core';
import { describe, expect, it } from 'vitest';
import { parseVastOptions } from './options.js';

describe('provider options', () => {
  it('fills the documented defaults', () => {
    const options = parseVastOptions({ apiKey: ' key ' });
    expect(options).toMatchObject({
      apiKey: 'key',
      baseUrl: 'https://console.vast.ai/api/v0',
      requestTimeoutMs: 30_000,
      retries: 4,
      minReliability: 0.9,
      verifiedOnly: true,
      datacenterOnly: false,
      runtype: 'args',
      provisioningTimeoutMs: 600_000,
    });
    expect(options.clock).toBe(systemClock);
  });

  it('accepts an injected client instead of a key', () => {
    const client = {
      searchOffers: async () => ({ offers: [], skipped: [] }),
      createInstance: async () => 1,
      destroyInstance: async () => 'destroyed' as const,
    };
    expect(parseVastOptions({ client: client as never }).client).toBe(client);
  });

  it('strips a trailing slash from the base URL and rejects a bad clock', () => {
    expect(parseVastOptions({ apiKey: 'k', baseUrl: 'http://127.0.0.1:9/api/v0/' }).baseUrl).toBe('http://127.0.0.1:9/api/v0');
    expect(() => parseVastOptions({ apiKey: 'k', clock: {} as never })).toThrow(ConfigError);
    expect(() => parseVastOptions({ apiKey: 'k', defaultQuery: { maxPricePerHourUsd: -1 } })).toThrow(/defaultQuery\.maxPricePerHourUsd/);
  });
});
