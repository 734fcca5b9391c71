import type { z } from 'zod';
import { type GpuAccessAttempt, NvmlUnavailableError } from '../errors/nvml-unavailable-error.js';
import { createNvmlGpuProvider } from '../nvml/nvml-gpu-provider.js';
import { nvmlGpuProviderOptionsSchema } from '../nvml/nvml-options.js';
import { createNvidiaSmiGpuProvider } from '../smi/nvidia-smi-gpu-provider.js';
import { nvidiaSmiGpuProviderOptionsSchema } from '../smi/smi-options.js';
import type { MonitoredGpuProvider } from './monitored-gpu-provider.js';
import { parseOptions } from './provider-options.js';

/** Options of `openLocalGpuProvider`: those of both providers. */
export const localGpuProviderOptionsSchema = nvmlGpuProviderOptionsSchema.extend(
  nvidiaSmiGpuProviderOptionsSchema.pick({ nvidiaSmiPath: true, timeoutMs: true }).shape,
);

export type LocalGpuProviderOptions = z.input<typeof localGpuProviderOptionsSchema>;

async function tryProvider(provider: MonitoredGpuProvider, attempts: GpuAccessAttempt[], signal?: AbortSignal): Promise<boolean> {
  try {
    await provider.discover(signal);
    return true;
  } catch (error) {
    await provider.close();
    if (!NvmlUnavailableError.isInstance(error)) throw error;
    attempts.push(...error.attempts);
    return false;
  }
}

/**
 * Opens the best way to this host's GPUs: NVML, else nvidia-smi. Resolves a provider that has
 * discovered its devices once; rejects with `NvmlUnavailableError` listing what was tried when
 * neither works (the host can then run cloud-only), or with `ConfigError` for bad options.
 */
export async function openLocalGpuProvider(options: LocalGpuProviderOptions = {}, signal?: AbortSignal): Promise<MonitoredGpuProvider> {
  const { nvidiaSmiPath, timeoutMs, libraryPath, eventPollIntervalMs, processRecordSize, processNames, ...common } = parseOptions(
    localGpuProviderOptionsSchema,
    options,
    'local GPU provider options',
  );
  const attempts: GpuAccessAttempt[] = [];
  const nvml = createNvmlGpuProvider({ ...common, libraryPath, eventPollIntervalMs, processRecordSize, processNames });
  if (await tryProvider(nvml, attempts, signal)) return nvml;
  const smi = createNvidiaSmiGpuProvider({ ...common, nvidiaSmiPath, timeoutMs });
  if (await tryProvider(smi, attempts, signal)) {
    common.logger.warn('NVML is not usable; using nvidia-smi (no XID events)', { attempts });
    return smi;
  }
  throw new NvmlUnavailableError(attempts);
}
