import { ConfigError } from '@aima/core';
import { afterEach, describe, expect, it } from 'vitest';
import { buildFakeNvml } from '../../test-double/build-fake-nvml.js';
import { createFakeNvidiaSmi, type FakeNvidiaSmi } from '../../test-double/fake-nvidia-smi.js';
import { createFakeNvml, type FakeNvml } from '../../test-double/fake-nvml.js';
import { fakeDevices } from '../../test-double/fake-nvml-config.js';
import { NvmlUnavailableError } from '../errors/nvml-unavailable-error.js';
import type { MonitoredGpuProvider } from './monitored-gpu-provider.js';
import { openLocalGpuProvider } from './open-local-gpu-provider.js';

const build = await buildFakeNvml();
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function track<Resource extends FakeNvml | FakeNvidiaSmi | MonitoredGpuProvider>(resource: Resource): Resource {
  cleanups.push(() => ('dispose' in resource ? resource.dispose() : resource.close()));
  return resource;
}

describe('openLocalGpuProvider', () => {
  it.skipIf(!build.ok)('uses NVML when the library loads', async () => {
    const fake = track(await createFakeNvml({ config: { devices: fakeDevices(2) } }));
    const provider = track(
      await openLocalGpuProvider({ libraryPath: fake.libraryPath, nvidiaSmiPath: '/nonexistent/nvidia-smi', host: 'h' }),
    );
    expect(provider.id).toBe('nvml@h');
    expect(await provider.discover()).toHaveLength(2);
  });

  it('falls back to nvidia-smi when NVML cannot be loaded', async () => {
    const smi = track(await createFakeNvidiaSmi());
    const provider = track(
      await openLocalGpuProvider({ libraryPath: '/nonexistent/libnvidia-ml.so.1', nvidiaSmiPath: smi.path, host: 'h' }),
    );
    expect(provider.id).toBe('nvidia-smi@h');
    expect((await provider.sample()).map((sample) => sample.status)).toEqual(['busy', 'idle']);
  });

  it.skipIf(!build.ok)('falls back to nvidia-smi when nvmlInit fails', async () => {
    const fake = track(await createFakeNvml({ config: { initReturn: 9 } }));
    const smi = track(await createFakeNvidiaSmi());
    const provider = track(await openLocalGpuProvider({ libraryPath: fake.libraryPath, nvidiaSmiPath: smi.path, host: 'h' }));
    expect(provider.id).toBe('nvidia-smi@h');
  });

  it('rejects with NvmlUnavailableError listing what was tried when neither works', async () => {
    const failure = openLocalGpuProvider({ libraryPath: '/nonexistent/libnvidia-ml.so.1', nvidiaSmiPath: '/nonexistent/nvidia-smi' });
    const error = await failure.catch((caught: unknown) => caught);
    expect(NvmlUnavailableError.isInstance(error)).toBe(true);
    if (!NvmlUnavailableError.isInstance(error)) return;
    expect(error.attempts.map((attempt) => [attempt.method, attempt.target])).toEqual([
      ['nvml', '/nonexistent/libnvidia-ml.so.1'],
      ['nvidia-smi', '/nonexistent/nvidia-smi'],
    ]);
    expect(error.message).toMatch(/nvml \(\/nonexistent\/libnvidia-ml\.so\.1\): cannot load/);
    expect(error.message).toMatch(/nvidia-smi \(\/nonexistent\/nvidia-smi\): .*not found/);
    expect(error.message).toContain('run this host cloud-only');
  });

  it('throws ConfigError for options of neither provider', async () => {
    await expect(openLocalGpuProvider({ timeoutMs: -1 })).rejects.toThrow(ConfigError);
  });
});
