import { gpuSampleSchema } from '@aima/core';
import { z } from 'zod';

const count = z.number().int().nonnegative();
const megahertz = z.number().nonnegative();

/**
 * Core's `GpuSample` plus what NVML and nvidia-smi also report: free memory, memory use in
 * percent, clocks and ECC counters. Fields a device cannot report are absent, never zero.
 */
export const nvmlGpuSampleSchema = gpuSampleSchema.extend({
  memoryFreeMb: z.number().nonnegative().optional(),
  /** Memory used as a percentage of the total (the seed's `memory_used_percent`). */
  memoryUsedPercent: z.number().min(0).max(100).optional(),
  /** Current clocks. */
  clocksMhz: z.object({ graphics: megahertz.optional(), sm: megahertz.optional(), memory: megahertz.optional() }).optional(),
  /** ECC error counters and retired pages; absent when ECC is off or unsupported. */
  ecc: z
    .object({
      correctedVolatile: count.optional(),
      uncorrectedVolatile: count.optional(),
      retiredPagesSingleBit: count.optional(),
      retiredPagesDoubleBit: count.optional(),
      retiredPagesPending: z.boolean().optional(),
    })
    .optional(),
});

export type NvmlGpuSample = z.output<typeof nvmlGpuSampleSchema>;
export type NvmlEccSample = NonNullable<NvmlGpuSample['ecc']>;
