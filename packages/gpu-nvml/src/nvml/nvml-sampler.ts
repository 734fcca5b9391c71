import type { GpuDevice, GpuProcess, Logger } from '@aima/core';
import { readEccCounters } from '../binding/nvml-ecc.js';
import { readClocks, readMemory, readPower, readTemperature, readUtilization } from '../binding/nvml-metrics.js';
import { ProcessNames, ProcessReader, type ProcessRecordSize, processRecordSizeOf } from '../binding/nvml-processes.js';
import { severityOfNvmlClass } from '../binding/nvml-return-codes.js';
import type { NvmlSession } from '../binding/nvml-session.js';
import { NvmlError } from '../errors/nvml-error.js';
import type { GpuReading, ThermalLimits } from '../provider/gpu-source.js';
import { type ActivityThresholds, gpuActivity, mebibytes, usedPercent } from '../sample/activity.js';
import type { NvmlGpuSample } from '../sample/nvml-gpu-sample.js';

export interface NvmlSamplerSettings {
  readonly thresholds: ActivityThresholds;
  /** Look up process names (one `nvmlSystemGetProcessName` per new pid). */
  readonly processNames: boolean;
  readonly processRecordSize: 'auto' | ProcessRecordSize;
  readonly logger: Logger;
}

function percent(value: number | undefined): number | undefined {
  return value === undefined ? undefined : Math.min(100, Math.max(0, value));
}

function watts(milliwatts: number | undefined): number | undefined {
  return milliwatts === undefined ? undefined : milliwatts / 1000;
}

/** Reads full samples (N2) of discovered devices through one NVML session. */
export class NvmlSampler {
  private readonly processes: ProcessReader;
  private readonly names: ProcessNames;

  constructor(
    private readonly session: NvmlSession,
    private readonly settings: NvmlSamplerSettings,
  ) {
    const size = settings.processRecordSize === 'auto' ? processRecordSizeOf(session.library) : settings.processRecordSize;
    this.processes = new ProcessReader(session, size);
    this.names = new ProcessNames(session);
  }

  get processRecordSize(): ProcessRecordSize {
    return this.processes.recordSize;
  }

  /** One reading per device; a device that fails gets an `error` sample instead of failing the rest. */
  readAll(devices: readonly GpuDevice[], at: number, limitsOf: (gpuId: string) => ThermalLimits | undefined): GpuReading[] {
    const readings = devices.map((device) => this.read(device, at, limitsOf(device.id)));
    this.names.endRound();
    return readings;
  }

  private read(device: GpuDevice, at: number, thermalLimits: ThermalLimits | undefined): GpuReading {
    try {
      return { sample: this.sampleOf(device, at), thermalLimits };
    } catch (error) {
      return this.failed(device, at, error);
    }
  }

  private sampleOf(device: GpuDevice, at: number): NvmlGpuSample {
    const { session } = this;
    const index = device.index;
    const handle = session.handle(index);
    const memory = readMemory(session, index, handle);
    const utilization = readUtilization(session, index, handle);
    const power = readPower(session, index, handle);
    const memoryTotalMb = mebibytes(memory.totalBytes);
    const memoryUsedMb = Math.min(memoryTotalMb, mebibytes(memory.usedBytes));
    const memoryUsedPercent = usedPercent(memoryUsedMb, memoryTotalMb);
    return {
      gpuId: device.id,
      at,
      memoryTotalMb,
      memoryUsedMb,
      memoryFreeMb: mebibytes(memory.freeBytes),
      memoryUsedPercent,
      utilizationGpu: percent(utilization?.gpu),
      utilizationMemory: percent(utilization?.memory),
      temperatureC: readTemperature(session, index, handle),
      powerW: watts(power.usageMilliwatts),
      powerLimitW: watts(power.limitMilliwatts),
      clocksMhz: readClocks(session, index, handle),
      processes: this.readProcesses(index, handle),
      ecc: readEccCounters(session, index, handle),
      status: gpuActivity(utilization?.gpu, memoryUsedPercent, this.settings.thresholds),
    };
  }

  private readProcesses(index: number, handle: bigint): GpuProcess[] {
    const processes = this.processes.read(index, handle) ?? [];
    return processes.map((process) => ({
      pid: process.pid,
      usedMemoryMb: process.usedBytes === undefined ? undefined : mebibytes(process.usedBytes),
      name: this.settings.processNames ? this.names.name(process.pid) : undefined,
    }));
  }

  private failed(device: GpuDevice, at: number, error: unknown): GpuReading {
    const message = error instanceof Error ? error.message : String(error);
    const memoryTotalMb = Math.round(device.vramGb * 1024);
    const sample: NvmlGpuSample = { gpuId: device.id, at, memoryTotalMb, memoryUsedMb: 0, processes: [], status: 'error', error: message };
    if (!NvmlError.isInstance(error)) {
      this.settings.logger.error('unexpected error while sampling a GPU', { gpu: device.id, error: message });
      return { sample };
    }
    const severity = severityOfNvmlClass(error.errorClass);
    return { sample, fault: severity ? { code: error.returnName, severity, message } : undefined };
  }
}
