import { createMonitoredGpuProvider, type MonitoredGpuProvider } from '../provider/monitored-gpu-provider.js';
import { parseOptions } from '../provider/provider-options.js';
import { type NvmlGpuProviderOptions, nvmlGpuProviderOptionsSchema } from './nvml-options.js';
import { NvmlSource } from './nvml-source.js';

/**
 * A LocalGpuProvider over NVML (`libnvidia-ml.so.1`) through koffi: discovery (N1), full samples
 * (N2) and health events (N3: NVML faults, XIDs, ECC, temperature trend). Nothing is loaded until
 * the first call; if NVML cannot be loaded or initialised, calls reject with `NvmlUnavailableError`
 * (use `openLocalGpuProvider` to fall back to nvidia-smi). Throws `ConfigError` for bad options.
 */
export function createNvmlGpuProvider(options: NvmlGpuProviderOptions = {}): MonitoredGpuProvider {
  const resolved = parseOptions(nvmlGpuProviderOptionsSchema, options, 'NVML GPU provider options');
  const id = resolved.id ?? `nvml@${resolved.host}`;
  return createMonitoredGpuProvider(new NvmlSource(id, resolved), {
    id,
    clock: resolved.clock,
    logger: resolved.logger,
    intervalMs: resolved.monitoring.intervalSeconds * 1000,
    thermal: resolved.thermal,
  });
}
