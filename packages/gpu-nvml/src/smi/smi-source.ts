import type { GpuDevice, GpuProcess } from '@aima/core';
import { NvmlUnavailableError } from '../errors/nvml-unavailable-error.js';
import type { DeviceFault, GpuReading, GpuSource } from '../provider/gpu-source.js';
import { gpuActivity, usedPercent } from '../sample/activity.js';
import { NvidiaSmiRunError, runNvidiaSmi } from './run-nvidia-smi.js';
import { cellRequiresReset, parseSmiCsv, type SmiRow } from './smi-csv.js';
import { discoveryFields, processFields, refusedField, type SmiField, sampleFields } from './smi-fields.js';
import type { ResolvedNvidiaSmiGpuProviderOptions } from './smi-options.js';
import { deviceOfRow, metricsOfRow, processesByGpu } from './smi-rows.js';

const CUDA_VERSION = /CUDA Version\s*:\s*([0-9]+(?:\.[0-9]+)+)/;

/** nvidia-smi (CSV queries) as a GPU source: the fallback when NVML cannot be loaded. */
export class NvidiaSmiSource implements GpuSource {
  private readonly refused = new Set<string>();
  private cudaVersion: string | undefined;

  constructor(
    private readonly providerId: string,
    private readonly options: ResolvedNvidiaSmiGpuProviderOptions,
  ) {}

  async discover(signal?: AbortSignal): Promise<GpuDevice[]> {
    let rows: SmiRow[];
    try {
      rows = await this.query('--query-gpu', discoveryFields, signal);
    } catch (error) {
      if (!(error instanceof NvidiaSmiRunError)) throw error;
      throw new NvmlUnavailableError([{ method: 'nvidia-smi', target: this.options.nvidiaSmiPath, reason: error.message }], {
        cause: error,
      });
    }
    this.cudaVersion ??= await this.readCudaVersion(signal);
    const context = { providerId: this.providerId, host: this.options.host, cudaVersion: this.cudaVersion };
    const devices: GpuDevice[] = [];
    for (const row of rows) {
      const device = deviceOfRow(row, context);
      if (typeof device === 'string') this.options.logger.warn('nvidia-smi row skipped', { reason: device });
      else devices.push(device);
    }
    return devices;
  }

  async sample(devices: readonly GpuDevice[], at: number, signal?: AbortSignal): Promise<GpuReading[]> {
    let rows: SmiRow[];
    let processes: Map<string, GpuProcess[]>;
    try {
      rows = await this.query('--query-gpu', sampleFields, signal);
      processes = processesByGpu(await this.queryProcesses(signal));
    } catch (error) {
      if (!(error instanceof NvidiaSmiRunError)) throw error;
      const fault = faultOfRun(error);
      return devices.map((device) => failed(device, at, fault));
    }
    const byUuid = new Map(rows.map((row) => [row.uuid ?? '', row]));
    return devices.map((device) => this.readingOf(device, byUuid.get(device.uuid), processes.get(device.uuid) ?? [], at));
  }

  async close(): Promise<void> {
    // Nothing is held between calls.
  }

  private readingOf(device: GpuDevice, row: SmiRow | undefined, processes: GpuProcess[], at: number): GpuReading {
    if (!row) return failed(device, at, { code: 'gpu-missing', severity: 'critical', message: 'nvidia-smi no longer lists this GPU' });
    if (Object.values(row).some(cellRequiresReset)) {
      return failed(device, at, {
        code: 'NVML_ERROR_RESET_REQUIRED',
        severity: 'critical',
        message: 'nvidia-smi reports [GPU requires reset]',
      });
    }
    const metrics = metricsOfRow(row);
    if (typeof metrics === 'string') return failed(device, at, undefined, `nvidia-smi printed an unreadable row: ${metrics}`);
    const memoryUsedMb = Math.min(metrics.memoryUsedMb, metrics.memoryTotalMb);
    const memoryUsedPercent = usedPercent(memoryUsedMb, metrics.memoryTotalMb);
    const status = gpuActivity(metrics.utilizationGpu, memoryUsedPercent, this.options.monitoring);
    return { sample: { ...metrics, gpuId: device.id, at, memoryUsedMb, memoryUsedPercent, processes, status } };
  }

  /** Runs one query; a field an older nvidia-smi refuses is dropped (if optional) and the query retried. */
  private async query(kind: string, fields: readonly SmiField[], signal?: AbortSignal, lastIsFreeText = false): Promise<SmiRow[]> {
    for (;;) {
      const names = fields.filter((field) => !this.refused.has(field.name)).map((field) => field.name);
      try {
        const args = [`${kind}=${names.join(',')}`, '--format=csv,noheader,nounits'];
        const table = parseSmiCsv(
          await runNvidiaSmi(this.options.nvidiaSmiPath, args, { signal, timeoutMs: this.options.timeoutMs }),
          names,
          lastIsFreeText,
        );
        if (table.rejected.length > 0)
          this.options.logger.warn('nvidia-smi lines with the wrong number of columns were skipped', { lines: table.rejected });
        return table.rows;
      } catch (error) {
        const field =
          error instanceof NvidiaSmiRunError ? fields.find((candidate) => candidate.name === refusedField(error.output)) : undefined;
        if (!field || field.required || this.refused.has(field.name)) throw error;
        this.refused.add(field.name);
        this.options.logger.info('this nvidia-smi does not know a field; querying without it', { field: field.name });
      }
    }
  }

  /** Processes are extra: without them the sample still stands. */
  private async queryProcesses(signal?: AbortSignal): Promise<SmiRow[]> {
    try {
      return await this.query('--query-compute-apps', processFields, signal, true);
    } catch (error) {
      if (signal?.aborted || !(error instanceof NvidiaSmiRunError)) throw error;
      this.options.logger.warn('nvidia-smi could not list GPU processes', { error: error.message });
      return [];
    }
  }

  private async readCudaVersion(signal?: AbortSignal): Promise<string | undefined> {
    try {
      const text = await runNvidiaSmi(this.options.nvidiaSmiPath, ['-q'], { signal, timeoutMs: this.options.timeoutMs });
      return CUDA_VERSION.exec(text)?.[1];
    } catch (error) {
      if (signal?.aborted) throw error;
      return undefined;
    }
  }
}

function faultOfRun(error: NvidiaSmiRunError): DeviceFault {
  if (/GPU is lost/i.test(error.output)) return { code: 'NVML_ERROR_GPU_IS_LOST', severity: 'critical', message: error.message };
  if (error.kind === 'not-found') return { code: 'nvidia-smi-missing', severity: 'persistent', message: error.message };
  return { code: `nvidia-smi-${error.kind}`, severity: 'temporary', message: error.message };
}

function failed(device: GpuDevice, at: number, fault: DeviceFault | undefined, message = fault?.message ?? 'unreadable'): GpuReading {
  const memoryTotalMb = Math.round(device.vramGb * 1024);
  return { sample: { gpuId: device.id, at, memoryTotalMb, memoryUsedMb: 0, processes: [], status: 'error', error: message }, fault };
}
