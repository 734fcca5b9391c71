import { z } from 'zod';
import { providerOptionsSchema } from '../provider/provider-options.js';

/** Options of `createNvmlGpuProvider`. */
export const nvmlGpuProviderOptionsSchema = providerOptionsSchema.extend({
  /**
   * The NVML library: a file name the dynamic loader searches for, or an absolute path (tests and
   * unusual installs). `LD_LIBRARY_PATH` only counts if it was set before Node started.
   * @default 'libnvidia-ml.so.1'
   */
  libraryPath: z.string().min(1).default('libnvidia-ml.so.1'),
  /** Milliseconds between polls of the XID/ECC event set while health listeners exist. @default 1000 */
  eventPollIntervalMs: z.number().int().min(5).max(60_000).default(1000),
  /**
   * Bytes per process record of `nvmlDeviceGetComputeRunningProcesses`. `auto` detects the R535
   * 32-byte quirk from the exported symbols; force a size only if processes come out shuffled.
   * @default 'auto'
   */
  processRecordSize: z.union([z.literal('auto'), z.literal(16), z.literal(24), z.literal(32)]).default('auto'),
  /** Look up the name of each GPU process. @default true */
  processNames: z.boolean().default(true),
});

/** What hosts write. */
export type NvmlGpuProviderOptions = z.input<typeof nvmlGpuProviderOptionsSchema>;
/** The resolved options. */
export type ResolvedNvmlGpuProviderOptions = z.output<typeof nvmlGpuProviderOptionsSchema>;
