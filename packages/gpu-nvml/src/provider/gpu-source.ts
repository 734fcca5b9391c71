import type { FailureSeverity, GpuDevice, GpuHealthEvent } from '@aima/core';
import type { NvmlGpuSample } from '../sample/nvml-gpu-sample.js';

/** Why a device could not be read, as a health signal. */
export interface DeviceFault {
  /** E.g. `NVML_ERROR_GPU_IS_LOST`. */
  readonly code: string;
  readonly severity: FailureSeverity;
  readonly message: string;
}

/** Temperatures a device reports for itself; the thermal trend falls back to configured ones. */
export interface ThermalLimits {
  readonly slowdownCelsius?: number;
  readonly shutdownCelsius?: number;
}

/** One device's sample plus what the health tracker needs besides it. */
export interface GpuReading {
  readonly sample: NvmlGpuSample;
  readonly fault?: DeviceFault;
  readonly thermalLimits?: ThermalLimits;
}

/** A running watch of asynchronous device events (XIDs). */
export interface EventWatch {
  /** Stops watching and frees what the watch holds; resolves when nothing is in flight. */
  stop(): Promise<void>;
}

/**
 * Where a monitored provider gets its data: NVML or nvidia-smi. The provider adds the contract
 * (abort signals, closed state, listeners, monitoring loop and health tracking) around it.
 */
export interface GpuSource {
  discover(signal?: AbortSignal): Promise<GpuDevice[]>;
  /** One reading per device, in order; a device that cannot be read gets an `error` sample and a fault. */
  sample(devices: readonly GpuDevice[], at: number, signal?: AbortSignal): Promise<GpuReading[]>;
  /** Starts watching device events, if the source can; events go to `emit`. */
  watchEvents?(devices: readonly GpuDevice[], emit: (event: GpuHealthEvent) => void): Promise<EventWatch | undefined>;
  close(): Promise<void>;
}
