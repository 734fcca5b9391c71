import { ProviderError } from '../../errors/provider-error.js';
import type { GpuDevice, GpuHealthEvent, GpuSample } from '../../spec/gpu-device.js';
import type { LocalGpuProvider } from '../../spec/local-gpu-provider.js';
import type { Clock } from '../../time/clock.js';

/** One simulated GPU. */
export interface SimulatedGpuSpec {
  readonly model: string;
  readonly vramGb: number;
  readonly cudaVersion?: string;
  readonly computeCapability?: string;
}

export interface SimulatedLocalGpuProviderOptions {
  readonly host: string;
  readonly gpus: readonly SimulatedGpuSpec[];
  readonly clock: Clock;
}

/** A LocalGpuProvider over simulated GPUs whose load and faults a test or simulation sets. */
export interface SimulatedLocalGpuProvider extends LocalGpuProvider {
  /** Sets a GPU's load: utilisation 0..100 and memory used. */
  setLoad(gpuId: string, load: { utilizationGpu: number; memoryUsedMb: number }): void;
  /** Makes sampling a GPU report `error` with this message, or clears it with `undefined`. */
  setError(gpuId: string, message: string | undefined): void;
  /** Emits a health event to every listener. */
  emitHealth(event: Omit<GpuHealthEvent, 'at'>): void;
  /** Sets a GPU's temperature in °C as samples report it (for failure prediction). */
  setTemperature(gpuId: string, celsius: number): void;
  /** Makes `sample()` reject with this message (an unreachable agent, an NVML timeout), or answer again with `undefined`. */
  setSamplingFailure(message: string | undefined): void;
  /** Leaves a GPU out of samples (it stops sending heartbeats), or puts it back. */
  setSilent(gpuId: string, silent: boolean): void;
}

/** Seed 000 `_collect_gpu_metrics` thresholds: busy above 80 %, active above 20 %. */
function activity(utilization: number, memoryPercent: number): GpuSample['status'] {
  if (utilization > 80 || memoryPercent > 80) return 'busy';
  if (utilization > 20 || memoryPercent > 20) return 'active';
  return 'idle';
}

export function createSimulatedLocalGpuProvider(options: SimulatedLocalGpuProviderOptions): SimulatedLocalGpuProvider {
  const id = `simulated@${options.host}`;
  const devices: GpuDevice[] = options.gpus.map((gpu, index) => ({
    id: `sim-${options.host}-${index}`,
    providerId: id,
    index,
    uuid: `GPU-sim-${options.host}-${index}`,
    model: gpu.model,
    vramGb: gpu.vramGb,
    ...(gpu.cudaVersion !== undefined && { cudaVersion: gpu.cudaVersion }),
    ...(gpu.computeCapability !== undefined && { computeCapability: gpu.computeCapability }),
    host: options.host,
  }));
  const loads = new Map<string, { utilizationGpu: number; memoryUsedMb: number }>();
  const errors = new Map<string, string>();
  const temperatures = new Map<string, number>();
  const silent = new Set<string>();
  let samplingFailure: string | undefined;
  const listeners = new Set<(event: GpuHealthEvent) => void>();
  let closed = false;

  function check(signal?: AbortSignal): void {
    signal?.throwIfAborted();
    if (closed) throw new ProviderError(id, 'unavailable', 'the provider is closed');
  }

  function sampleOf(device: GpuDevice): GpuSample {
    const at = options.clock.now();
    const memoryTotalMb = device.vramGb * 1024;
    const error = errors.get(device.id);
    if (error !== undefined) return { gpuId: device.id, at, memoryTotalMb, memoryUsedMb: 0, processes: [], status: 'error', error };
    const load = loads.get(device.id) ?? { utilizationGpu: 0, memoryUsedMb: 0 };
    const memoryUsedMb = Math.min(load.memoryUsedMb, memoryTotalMb);
    const temperatureC = temperatures.get(device.id);
    return {
      gpuId: device.id,
      at,
      memoryTotalMb,
      memoryUsedMb,
      utilizationGpu: load.utilizationGpu,
      ...(temperatureC !== undefined && { temperatureC }),
      processes: [],
      status: activity(load.utilizationGpu, (100 * memoryUsedMb) / memoryTotalMb),
    };
  }

  return {
    id,
    async discover(signal) {
      check(signal);
      return devices.map((device) => ({ ...device }));
    },
    async sample(signal) {
      check(signal);
      if (samplingFailure !== undefined) throw new ProviderError(id, 'unavailable', samplingFailure);
      return devices.filter((device) => !silent.has(device.id)).map(sampleOf);
    },
    onHealth(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    setLoad: (gpuId, load) => loads.set(gpuId, load),
    setTemperature: (gpuId, celsius) => temperatures.set(gpuId, celsius),
    setSamplingFailure(message) {
      samplingFailure = message;
    },
    setSilent(gpuId, isSilent) {
      if (isSilent) silent.add(gpuId);
      else silent.delete(gpuId);
    },
    setError(gpuId, message) {
      if (message === undefined) errors.delete(gpuId);
      else errors.set(gpuId, message);
    },
    emitHealth(event) {
      const full = { ...event, at: options.clock.now() };
      for (const listener of [...listeners]) listener(full);
    },
    async close() {
      closed = true;
      listeners.clear();
    },
  };
}
