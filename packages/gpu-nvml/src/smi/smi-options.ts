import { z } from 'zod';
import { providerOptionsSchema } from '../provider/provider-options.js';

/** Options of `createNvidiaSmiGpuProvider`. */
export const nvidiaSmiGpuProviderOptionsSchema = providerOptionsSchema.extend({
  /** The nvidia-smi executable: a name searched on PATH or a path. @default 'nvidia-smi' */
  nvidiaSmiPath: z.string().min(1).default('nvidia-smi'),
  /** nvidia-smi is killed after this many milliseconds. @default 10000 */
  timeoutMs: z.number().int().positive().default(10_000),
});

export type NvidiaSmiGpuProviderOptions = z.input<typeof nvidiaSmiGpuProviderOptionsSchema>;
export type ResolvedNvidiaSmiGpuProviderOptions = z.output<typeof nvidiaSmiGpuProviderOptionsSchema>;
