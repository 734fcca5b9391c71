import type { GpuHealthEvent } from '@aima/core';
import { createNvmlGpuProvider } from '../src/nvml/nvml-gpu-provider.js';
import type { NvmlGpuProviderOptions } from '../src/nvml/nvml-options.js';
import type { MonitoredGpuProvider } from '../src/provider/monitored-gpu-provider.js';
import type { FakeNvmlVariant } from './build-fake-nvml.js';
import { createFakeNvml, type FakeNvml } from './fake-nvml.js';
import type { FakeNvmlConfig } from './fake-nvml-config.js';

/** An NVML provider over a private copy of the fake library. */
export interface FakeNvmlProvider {
  readonly provider: MonitoredGpuProvider;
  readonly fake: FakeNvml;
  /** Closes the provider, then removes the fake. */
  dispose(): Promise<void>;
}

export async function createFakeNvmlProvider(
  setup: { config?: FakeNvmlConfig; variant?: FakeNvmlVariant; options?: Omit<NvmlGpuProviderOptions, 'libraryPath'> } = {},
): Promise<FakeNvmlProvider> {
  const fake = await createFakeNvml({ config: setup.config, variant: setup.variant });
  const provider = createNvmlGpuProvider({ host: 'gpu-host-a', eventPollIntervalMs: 10, ...setup.options, libraryPath: fake.libraryPath });
  return {
    provider,
    fake,
    dispose: async () => {
      await provider.close();
      await fake.dispose();
    },
  };
}

/** Resolves with the first event `provider` emits that matches, or rejects after `timeoutMs`. */
export function nextHealthEvent(
  provider: { onHealth(listener: (event: GpuHealthEvent) => void): () => void },
  matches: (event: GpuHealthEvent) => boolean = () => true,
  timeoutMs = 5000,
): Promise<GpuHealthEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`no matching health event within ${timeoutMs} ms`));
    }, timeoutMs);
    const unsubscribe = provider.onHealth((event) => {
      if (!matches(event)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(event);
    });
  });
}

/** Calls `poke` every `everyMs` until `provider` emits a matching event (for triggers that race a subscription). */
export async function pokeUntilHealthEvent(
  provider: { onHealth(listener: (event: GpuHealthEvent) => void): () => void },
  poke: () => void,
  matches: (event: GpuHealthEvent) => boolean = () => true,
  everyMs = 25,
): Promise<GpuHealthEvent> {
  const next = nextHealthEvent(provider, matches);
  poke();
  const interval = setInterval(poke, everyMs);
  try {
    return await next;
  } finally {
    clearInterval(interval);
  }
}
