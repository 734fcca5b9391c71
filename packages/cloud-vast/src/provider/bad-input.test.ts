import { ConfigError, ValidationError } from '@aima/core';
import { afterEach, describe, expect, it } from 'vitest';
import { rejectionOf, startVast, type VastTestbed } from '../test-support/vast-test-setup.js';
import { createFakeVastServer } from '../testing/fake-vast-server.js';
import { createVastProvider } from './vast-provider.js';

const image = 'ghcr.io/aima/worker:1';

describe('bad input: typed errors that say what to fix, before any request', () => {
  let bed: VastTestbed | undefined;
  afterEach(async () => {
    await bed?.close();
    bed = undefined;
  });

  it('a missing or blank API key is a ConfigError that says to set apiKey', async () => {
    const fake = await createFakeVastServer();
    for (const options of [{ baseUrl: fake.baseUrl }, { apiKey: '', baseUrl: fake.baseUrl }, { apiKey: '   ', baseUrl: fake.baseUrl }]) {
      let caught: unknown;
      try {
        createVastProvider(options);
      } catch (error) {
        caught = error;
      }
      expect(ConfigError.isInstance(caught)).toBe(true);
      expect((caught as Error).message).toMatch(
        /apiKey: set `apiKey` to your Vast.ai API key, e\.g\. `apiKey: process\.env\.VAST_API_KEY`/,
      );
    }
    expect(fake.requests).toHaveLength(0);
    await fake.close();
  });

  it('wrong options are one ConfigError listing every problem', () => {
    let caught: unknown;
    try {
      createVastProvider({ apiKey: 'k', baseUrl: 'ftp://example.com', retries: -1, minReliability: 2, minReliabilty: 0.9 } as never);
    } catch (error) {
      caught = error;
    }
    expect(ConfigError.isInstance(caught)).toBe(true);
    const message = (caught as Error).message;
    expect(message).toMatch(/4 problems/);
    expect(message).toMatch(/baseUrl: must be an http\(s\) URL/);
    expect(message).toMatch(/retries:/);
    expect(message).toMatch(/minReliability:/);
    expect(message).toMatch(/minReliabilty/);
  });

  it('an unknown GPU name is a ValidationError naming it and giving examples', async () => {
    const testbed = await startVast();
    bed = testbed;
    const error = await rejectionOf(testbed.provider.listOffers({ gpuModels: ['RTX 4090', 'RTX 9999'] }));
    expect(ValidationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      issues: [
        {
          path: 'gpuModels.1',
          message: expect.stringMatching(/"RTX 9999" is not a GPU model Vast.ai rents; use a model name such as "RTX 4090"/),
        },
      ],
    });
    expect(testbed.fake.requests).toHaveLength(0);
  });

  it('a negative price, a reliability above 1 or a bad GPU count are ValidationErrors', async () => {
    const testbed = await startVast();
    bed = testbed;
    const error = await rejectionOf(testbed.provider.listOffers({ maxPricePerHourUsd: -0.5, minReliability: 1.5, gpuCount: 0 }));
    expect(ValidationError.isInstance(error)).toBe(true);
    expect((error as ValidationError).issues.map((issue) => issue.path).sort()).toEqual([
      'gpuCount',
      'maxPricePerHourUsd',
      'minReliability',
    ]);
    expect(testbed.fake.requests).toHaveLength(0);
  });

  it('a bad launch request is a ValidationError per problem: negative bid, docker flags in env, long label, small disk', async () => {
    const testbed = await startVast();
    bed = testbed;
    const error = await rejectionOf(
      testbed.provider.launch({
        key: 'job-1#1',
        offerId: '20000001',
        image,
        label: 'x'.repeat(250),
        env: { '-p 22:22': '1', GOOD: 'yes' },
        diskGb: 4,
        bidPricePerHourUsd: -1,
      }),
    );
    expect(ValidationError.isInstance(error)).toBe(true);
    expect((error as ValidationError).issues.map((issue) => issue.path)).toEqual(['bidPricePerHourUsd']);
    const limits = await rejectionOf(
      testbed.provider.launch({ key: 'job-1#1', offerId: '20000001', image, label: 'x'.repeat(250), env: { '-p 22:22': '1' }, diskGb: 4 }),
    );
    expect((limits as ValidationError).issues.map((issue) => issue.path)).toEqual(['label', 'diskGb', 'env.-p 22:22']);
    expect((limits as Error).message).toMatch(/ports go in `ports`, not in env/);
    expect(testbed.fake.requests).toHaveLength(0);
  });
});
