import { ValidationError, VirtualClock } from '@aima/core';
import { describeCloudGpuProviderConformance } from '@aima/core/testing';
import { describe, expect, it } from 'vitest';
import { createRunpodServerlessProvider } from './serverless-provider.js';

const options = { endpointId: '4m7x2k9q', gpuModel: 'NVIDIA GeForce RTX 4090', vramGb: 24, pricePerHourUsd: 1.116 };

describeCloudGpuProviderConformance('runpod serverless endpoint as a one-offer cloud', async () => ({
  provider: createRunpodServerlessProvider({ ...options, clock: new VirtualClock(0) }),
  query: { minVramGb: 16 },
}));

describe('RunPod serverless provider', () => {
  it('offers the endpoint once, tagged serverless, and filters it by the query', async () => {
    const provider = createRunpodServerlessProvider(options);
    expect(await provider.listOffers({})).toEqual([
      expect.objectContaining({
        provider: 'runpod-serverless',
        offerId: 'serverless|4m7x2k9q',
        pricePerHourUsd: 1.116,
        tags: ['serverless'],
      }),
    ]);
    expect(await provider.listOffers({ minVramGb: 48 })).toEqual([]);
  });

  it('refuses a malformed endpoint id before anything else', () => {
    expect(() => createRunpodServerlessProvider({ ...options, endpointId: 'Not An Id' })).toThrow(ValidationError);
  });
});
