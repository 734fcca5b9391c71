import { z } from 'zod';

/** Facts about a local GPU that rarely change, as a provider discovers them (N1). */
export const gpuDeviceSchema = z.object({
  /** Stable across restarts: derived from the UUID. */
  id: z.string().min(1),
  providerId: z.string().min(1),
  index: z.number().int().nonnegative(),
  uuid: z.string().min(1),
  model: z.string().min(1),
  vramGb: z.number().positive(),
  driverVersion: z.string().optional(),
  cudaVersion: z.string().optional(),
  computeCapability: z.string().optional(),
  pciBusId: z.string().optional(),
  /** Host name or address the GPU sits in. */
  host: z.string().min(1),
  migMode: z.boolean().optional(),
  powerLimitW: z.number().nonnegative().optional(),
});

/** Seed 000 `_collect_gpu_metrics` status: busy > 80 %, active > 20 %, else idle; error on failure. */
export const gpuActivitySchema = z.enum(['idle', 'active', 'busy', 'error']);

/** One process using a GPU. */
export const gpuProcessSchema = z.object({
  pid: z.number().int().nonnegative(),
  usedMemoryMb: z.number().nonnegative().optional(),
  name: z.string().optional(),
});

/** Live metrics of one GPU (N2). Fields a device cannot report are absent, never zero. */
export const gpuSampleSchema = z.object({
  gpuId: z.string().min(1),
  /** Epoch ms. */
  at: z.number().int().nonnegative(),
  memoryTotalMb: z.number().nonnegative(),
  memoryUsedMb: z.number().nonnegative(),
  /** 0..100. */
  utilizationGpu: z.number().min(0).max(100).optional(),
  utilizationMemory: z.number().min(0).max(100).optional(),
  temperatureC: z.number().optional(),
  powerW: z.number().nonnegative().optional(),
  powerLimitW: z.number().nonnegative().optional(),
  processes: z.array(gpuProcessSchema),
  status: gpuActivitySchema,
  /** Why `status` is `error`. */
  error: z.string().optional(),
});

/** Severity classes of seed 000 §4.1 (F2). */
export const failureSeveritySchema = z.enum(['temporary', 'persistent', 'critical']);

/** A health signal for failover (N3): an XID event, an NVML error, ECC errors, overheating, a missed heartbeat. */
export const gpuHealthEventSchema = z.object({
  gpuId: z.string().min(1),
  at: z.number().int().nonnegative(),
  source: z.enum(['xid', 'nvml', 'ecc', 'thermal', 'heartbeat']),
  /** XID number, NVML return code name, ... */
  code: z.union([z.string(), z.number()]),
  severity: failureSeveritySchema,
  message: z.string().min(1),
});

export type GpuDevice = z.output<typeof gpuDeviceSchema>;
export type GpuActivity = z.output<typeof gpuActivitySchema>;
export type GpuProcess = z.output<typeof gpuProcessSchema>;
export type GpuSample = z.output<typeof gpuSampleSchema>;
export type FailureSeverity = z.output<typeof failureSeveritySchema>;
export type GpuHealthEvent = z.output<typeof gpuHealthEventSchema>;
