import { createMonitoredGpuProvider, type MonitoredGpuProvider } from '../provider/monitored-gpu-provider.js';
import { parseOptions } from '../provider/provider-options.js';
import { type NvidiaSmiGpuProviderOptions, nvidiaSmiGpuProviderOptionsSchema } from './smi-options.js';
import { NvidiaSmiSource } from './smi-source.js';

/**
 * A LocalGpuProvider over `nvidia-smi --query-gpu ... --format=csv,noheader,nounits`: the same
 * devices, samples and health events (faults, thermal trend, ECC) as the NVML provider, without
 * XID events. Each sample runs nvidia-smi twice (GPUs, then compute processes). Discovery rejects
 * with `NvmlUnavailableError` when nvidia-smi is missing or fails.
 */
export function createNvidiaSmiGpuProvider(options: NvidiaSmiGpuProviderOptions = {}): MonitoredGpuProvider {
  const resolved = parseOptions(nvidiaSmiGpuProviderOptionsSchema, options, 'nvidia-smi GPU provider options');
  const id = resolved.id ?? `nvidia-smi@${resolved.host}`;
  return createMonitoredGpuProvider(new NvidiaSmiSource(id, resolved), {
    id,
    clock: resolved.clock,
    logger: resolved.logger,
    intervalMs: resolved.monitoring.intervalSeconds * 1000,
    thermal: resolved.thermal,
  });
}
