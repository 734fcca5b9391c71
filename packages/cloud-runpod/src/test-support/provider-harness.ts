import type { FakeRunpodServerOptions } from '../fake/fake-runpod-server.js';
import type { RunpodProviderOptions } from '../provider/provider-options.js';
import { createRunpodProvider, type RunpodProvider } from '../provider/runpod-provider.js';
import { type Harness, secretKey, startHarness } from './harness.js';

export interface ProviderHarness extends Harness {
  readonly provider: RunpodProvider;
}

/** A RunPod provider on a virtual clock against a fresh fake. */
export async function startProviderHarness(
  fakeOptions: FakeRunpodServerOptions = {},
  providerOptions: Partial<RunpodProviderOptions> = {},
): Promise<ProviderHarness> {
  const harness = await startHarness(fakeOptions);
  const provider = createRunpodProvider({
    apiKey: secretKey,
    graphqlUrl: harness.fake.graphqlUrl,
    restUrl: harness.fake.restUrl,
    clock: harness.clock,
    logger: harness.logger,
    ...providerOptions,
  });
  return {
    ...harness,
    provider,
    async close() {
      await provider.close();
      await harness.close();
    },
  };
}

export const rtx4090 = 'NVIDIA GeForce RTX 4090|SECURE|ondemand|1';
export const rtx4090Spot = 'NVIDIA GeForce RTX 4090|COMMUNITY|spot|1';
export const label = 'aima-test';

export function launchRequest(key: string, offerId = rtx4090) {
  return { key, offerId, image: 'ghcr.io/aima/worker:1', label, ports: [22, 8000], env: { MODEL: 'whisper' } };
}
