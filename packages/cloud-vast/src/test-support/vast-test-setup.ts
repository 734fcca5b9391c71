import { createSeededRandom } from '@aima/core';
import { createMemoryLogger } from '@aima/core/testing';
import type { VastProviderOptions } from '../options.js';
import { createVastProvider, type VastProvider } from '../provider/vast-provider.js';
import { type AutoAdvancingClock, createAutoAdvancingClock } from '../testing/auto-advancing-clock.js';
import { createFakeVastServer, type FakeVastServer, type FakeVastServerOptions } from '../testing/fake-vast-server.js';

/** A Logger keeping every line (core's test helper, under the name these tests use). */
export const memoryLogger = createMemoryLogger;

export interface VastTestbed {
  readonly fake: FakeVastServer;
  readonly provider: VastProvider;
  readonly clock: AutoAdvancingClock;
  readonly logger: ReturnType<typeof memoryLogger>;
  close(): Promise<void>;
}

/** A fake Vast API and a provider pointed at it, sharing one auto-advancing virtual clock. */
export async function startVast(
  providerOptions: Partial<VastProviderOptions> = {},
  fakeOptions: Omit<FakeVastServerOptions, 'clock'> = {},
): Promise<VastTestbed> {
  const clock = createAutoAdvancingClock(Date.UTC(2026, 10, 22, 12));
  const logger = memoryLogger();
  const fake = await createFakeVastServer({ ...fakeOptions, clock });
  const provider = createVastProvider({
    apiKey: fake.apiKey,
    baseUrl: fake.baseUrl,
    clock,
    logger,
    rateLimits: false,
    random: createSeededRandom(42),
    ...providerOptions,
  });
  return {
    fake,
    provider,
    clock,
    logger,
    async close() {
      await provider.close();
      await fake.close();
    },
  };
}

/** The rejection of a promise, or a failure if it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(value)}`);
    },
    (error: unknown) => error,
  );
}
