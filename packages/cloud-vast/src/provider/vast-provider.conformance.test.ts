import { createSeededRandom, type OfferQuery } from '@aima/core';
import { describeCloudGpuProviderConformance } from '@aima/core/testing';
import { createAutoAdvancingClock, createFakeVastServer } from '../testing/index.js';
import { createVastProvider } from './vast-provider.js';

async function harness(query: OfferQuery) {
  const clock = createAutoAdvancingClock(Date.UTC(2026, 10, 22));
  const fake = await createFakeVastServer({ clock });
  const provider = createVastProvider({
    apiKey: fake.apiKey,
    baseUrl: fake.baseUrl,
    clock,
    rateLimits: false,
    random: createSeededRandom(5),
  });
  return { provider, query, tick: () => clock.virtual.advanceBy(10_000), teardown: () => fake.close() };
}

describeCloudGpuProviderConformance('vast, on-demand (fake Vast API)', () =>
  harness({ gpuModels: ['RTX 4090'], minVramGb: 24, interruptible: false }),
);
describeCloudGpuProviderConformance('vast, interruptible (fake Vast API)', () => harness({ gpuModels: ['RTX 4090'], interruptible: true }));
describeCloudGpuProviderConformance('vast, any offer under $1/h in the US or EU (fake Vast API)', () =>
  harness({ regions: ['us', 'eu'], maxPricePerHourUsd: 1, minReliability: 0.95 }),
);
