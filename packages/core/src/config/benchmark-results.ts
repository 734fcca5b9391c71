import { z } from 'zod';

/**
 * A GPU's performance profile in the seed's JSON shape (seed 000 §3.1), snake_case kept so
 * profiles written by other AIMA tools load unchanged.
 */
export const benchmarkResultsSchema = z.object({
  general: z
    .object({
      fp32_gflops: z.number().nonnegative().optional(),
      fp16_gflops: z.number().nonnegative().optional(),
      memory_bandwidth_gbps: z.number().nonnegative().optional(),
    })
    .optional(),
  model_specific: z
    .record(
      z.string().min(1),
      z.object({
        inference_time_ms: z.number().nonnegative(),
        max_batch_size: z.number().int().positive(),
        memory_usage_mb: z.number().nonnegative(),
        throughput_fps: z.number().nonnegative().optional(),
        throughput_factor: z.number().nonnegative().optional(),
      }),
    )
    .optional(),
});

export type BenchmarkResults = z.output<typeof benchmarkResultsSchema>;
