import { gpuDeviceSchema, gpuHealthEventSchema } from '@aima/core';
import { z } from 'zod';
import { nvmlGpuSampleSchema } from '../sample/nvml-gpu-sample.js';

/**
 * The host agent's HTTP protocol (version 1). Every request carries `Authorization: Bearer <token>`.
 *
 * - `GET /v1/devices` → `{ providerId, devices }`
 * - `GET /v1/samples[?gpu=<id>[,<id>...]]` → `{ samples }`
 * - `GET /v1/health/stream[?heartbeatSeconds=N]` → newline-delimited JSON, one `AgentStreamLine` per line
 *
 * 401 (no body) for a missing or wrong token; 400 `{ error, reason }` for a malformed request;
 * 404 for unknown paths; 405 for other methods; 503 when the GPUs cannot be read.
 */
export const agentRoutes = { devices: '/v1/devices', samples: '/v1/samples', healthStream: '/v1/health/stream' } as const;

export const devicesResponseSchema = z.object({ providerId: z.string().min(1), devices: z.array(gpuDeviceSchema) });
export const samplesResponseSchema = z.object({ samples: z.array(nvmlGpuSampleSchema) });
export const errorResponseSchema = z.object({ error: z.string(), reason: z.string() });

/** One line of the health stream. */
export const agentStreamLineSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), providerId: z.string().min(1), at: z.number(), heartbeatSeconds: z.number().positive() }),
  z.object({ type: z.literal('heartbeat'), at: z.number() }),
  z.object({ type: z.literal('health'), event: gpuHealthEventSchema }),
]);
export type AgentStreamLine = z.output<typeof agentStreamLineSchema>;

const gpuIdList = z
  .string()
  .regex(/^[\w.:-]{1,128}(,[\w.:-]{1,128})*$/, 'must be GPU ids like gpu_1a2b3c4d, comma-separated')
  .transform((value) => value.split(','));

/** Query parameters of each route; anything else is a 400. */
export const samplesQuerySchema = z.strictObject({ gpu: gpuIdList.optional() });
export const devicesQuerySchema = z.strictObject({});
export const healthStreamQuerySchema = z.strictObject({
  heartbeatSeconds: z
    .string()
    .regex(/^\d+$/, 'must be a whole number of seconds')
    .transform(Number)
    .pipe(z.number().int().min(1).max(300))
    .optional(),
});
