import type { GpuDevice, GpuProcess } from '@aima/core';
import { z } from 'zod';
import { gpuIdFromUuid } from '../sample/gpu-id.js';
import { type NvmlEccSample, nvmlGpuSampleSchema } from '../sample/nvml-gpu-sample.js';
import { cellFlag, cellNumber, cellText, type SmiRow } from './smi-csv.js';

function issuesOf(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(row)'}: ${issue.message}`).join('; ');
}

const discoveredSchema = z.object({
  index: z.number().int().nonnegative(),
  uuid: z.string().min(1),
  name: z.string().min(1),
  memoryTotalMb: z.number().positive(),
  driverVersion: z.string().optional(),
  pciBusId: z.string().optional(),
  computeCapability: z
    .string()
    .regex(/^\d+\.\d+$/)
    .optional(),
  migMode: z.boolean().optional(),
  powerLimitW: z.number().nonnegative().optional(),
});

/** A `--query-gpu` discovery row as a `GpuDevice`; a string says why the row is not valid. */
export function deviceOfRow(row: SmiRow, context: { providerId: string; host: string; cudaVersion?: string }): GpuDevice | string {
  const parsed = discoveredSchema.safeParse({
    index: cellNumber(row.index),
    uuid: cellText(row.uuid),
    name: cellText(row.name),
    memoryTotalMb: cellNumber(row['memory.total']),
    driverVersion: cellText(row.driver_version),
    pciBusId: cellText(row['pci.bus_id']),
    computeCapability: cellText(row.compute_cap),
    migMode: cellFlag(row['mig.mode.current']),
    powerLimitW: cellNumber(row['power.limit']),
  });
  if (!parsed.success) return issuesOf(parsed.error);
  const { memoryTotalMb, name, ...rest } = parsed.data;
  return {
    ...rest,
    id: gpuIdFromUuid(rest.uuid),
    providerId: context.providerId,
    model: name,
    vramGb: Math.round((100 * memoryTotalMb) / 1024) / 100,
    cudaVersion: context.cudaVersion,
    host: context.host,
  };
}

const metricsSchema = nvmlGpuSampleSchema.pick({
  memoryTotalMb: true,
  memoryUsedMb: true,
  memoryFreeMb: true,
  utilizationGpu: true,
  utilizationMemory: true,
  temperatureC: true,
  powerW: true,
  powerLimitW: true,
  clocksMhz: true,
  ecc: true,
});

/** The metrics of a sample row, before identity, status and processes are added. */
export type SmiMetrics = z.output<typeof metricsSchema>;

function eccOf(row: SmiRow): NvmlEccSample | undefined {
  const pending = cellFlag(row['retired_pages.pending']);
  const ecc: NvmlEccSample = {
    correctedVolatile: cellNumber(row['ecc.errors.corrected.volatile.total']),
    uncorrectedVolatile: cellNumber(row['ecc.errors.uncorrected.volatile.total']),
    retiredPagesSingleBit: cellNumber(row['retired_pages.sbe']),
    retiredPagesDoubleBit: cellNumber(row['retired_pages.dbe']),
    retiredPagesPending: pending,
  };
  return Object.values(ecc).some((value) => value !== undefined) ? ecc : undefined;
}

/** The metrics of a `--query-gpu` sample row; a string says why the row is not valid. */
export function metricsOfRow(row: SmiRow): SmiMetrics | string {
  const candidate = {
    memoryTotalMb: cellNumber(row['memory.total']),
    memoryUsedMb: cellNumber(row['memory.used']),
    memoryFreeMb: cellNumber(row['memory.free']),
    utilizationGpu: cellNumber(row['utilization.gpu']),
    utilizationMemory: cellNumber(row['utilization.memory']),
    temperatureC: cellNumber(row['temperature.gpu']),
    powerW: cellNumber(row['power.draw']),
    powerLimitW: cellNumber(row['power.limit']),
    clocksMhz: { graphics: cellNumber(row['clocks.gr']), sm: cellNumber(row['clocks.sm']), memory: cellNumber(row['clocks.mem']) },
    ecc: eccOf(row),
  };
  const parsed = metricsSchema.safeParse(candidate);
  return parsed.success ? parsed.data : issuesOf(parsed.error);
}

/** `--query-compute-apps` rows grouped by GPU UUID. */
export function processesByGpu(rows: readonly SmiRow[]): Map<string, GpuProcess[]> {
  const byGpu = new Map<string, GpuProcess[]>();
  for (const row of rows) {
    const uuid = cellText(row.gpu_uuid);
    const pid = cellNumber(row.pid);
    if (uuid === undefined || pid === undefined || !Number.isInteger(pid) || pid < 0) continue;
    const list = byGpu.get(uuid) ?? [];
    list.push({ pid, usedMemoryMb: cellNumber(row.used_gpu_memory), name: cellText(row.process_name) });
    byGpu.set(uuid, list);
  }
  return byGpu;
}
