import { silentLogger, systemClock } from '@aima/core';
import { z } from 'zod';
import { cloudTypeSchema } from '../api/client-inputs.js';
import { retryPolicySchema } from '../api/retry-policy.js';
import type { RunpodApiClient } from '../api/runpod-api-client.js';
import { apiKeySchema, clockSchema, loggerSchema } from '../options/parse-options.js';

const bandwidthSchema = z.strictObject({
  uploadMbps: z.number().nonnegative(),
  downloadMbps: z.number().nonnegative(),
});

/**
 * Options of {@link createRunpodProvider}. RunPod reports neither host reliability nor network
 * speed per GPU type, so those offer fields are assumptions, set here.
 */
export const runpodProviderOptionsSchema = z
  .strictObject({
    /** Required unless `client` is given. */
    apiKey: apiKeySchema.optional(),
    /** A ready client (tests, or a host sharing one); the provider then does not close it. */
    client: z.custom<RunpodApiClient>((value) => typeof value === 'object' && value !== null && 'listGpuTypes' in value).optional(),
    /** @default 'https://api.runpod.io/graphql' */
    graphqlUrl: z.url().optional(),
    /** @default 'https://api.runpod.io' */
    restUrl: z.url().optional(),
    /** @default systemClock */
    clock: clockSchema.default(systemClock),
    /** @default silentLogger */
    logger: loggerSchema.default(silentLogger),
    /** @default 'runpod' */
    id: z.string().min(1).default('runpod'),
    /** Clouds to offer: `SECURE` (RunPod data centers) and/or `COMMUNITY` (hosted by others). @default ['SECURE', 'COMMUNITY'] */
    clouds: z.array(cloudTypeSchema).min(1).default(['SECURE', 'COMMUNITY']),
    /** GPUs per offer when the query does not say. @default 1 */
    gpuCount: z.number().int().positive().default(1),
    /** Secure cloud: only this data center (e.g. `EU-RO-1`); offers then carry it as their region. */
    dataCenterId: z.string().min(1).optional(),
    /** Community cloud: only this country (e.g. `US`); offers then carry it as their region. */
    countryCode: z.string().min(2).optional(),
    /** Offer spot pods where RunPod lists a spot price. RunPod may have ended spot (B5). @default true */
    interruptible: z.boolean().default(true),
    /** Offer NVIDIA GPUs only (AIMA's jobs need CUDA). @default true */
    nvidiaOnly: z.boolean().default(true),
    /** Drop offers whose stock is below this; `Low` ones carry the tag `low-stock`. @default 'Low' */
    minStockStatus: z.enum(['Low', 'Medium', 'High']).default('Low'),
    /** Assumed reliability (RunPod publishes none). @default { SECURE: 0.99, COMMUNITY: 0.95 } */
    reliability: z
      .strictObject({ SECURE: z.number().min(0).max(1), COMMUNITY: z.number().min(0).max(1) })
      .default({ SECURE: 0.99, COMMUNITY: 0.95 }),
    /** Assumed network speed (RunPod publishes none per offer). @default secure 1000/1000, community 200/500 Mb/s up/down */
    bandwidth: z
      .strictObject({ SECURE: bandwidthSchema, COMMUNITY: bandwidthSchema })
      .default({ SECURE: { uploadMbps: 1_000, downloadMbps: 1_000 }, COMMUNITY: { uploadMbps: 200, downloadMbps: 500 } }),
    /** Lowest CUDA version a pod's host may have, e.g. `12.8` (dstack always asks for it). */
    minCudaVersion: z
      .string()
      .regex(/^\d+\.\d+$/)
      .optional(),
    /** `waitUntilReachable` polls this often. @default 5000 */
    pollIntervalMs: z.number().int().positive().default(5_000),
    /** `waitUntilReachable` gives up (and terminates the pod) after this long; dstack uses 20 min. @default 1200000 */
    reachableTimeoutMs: z
      .number()
      .int()
      .positive()
      .default(20 * 60_000),
    /** Per request, on the clock. @default 30000 */
    requestTimeoutMs: z.number().int().positive().optional(),
    retry: retryPolicySchema.optional(),
    /** @default 4 */
    concurrency: z.number().int().min(1).max(64).optional(),
  })
  .superRefine((options, context) => {
    if (options.client === undefined && options.apiKey === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['apiKey'],
        message: 'set the RunPod API key (for example from the RUNPOD_API_KEY environment variable)',
      });
    }
  });

export type RunpodProviderOptions = z.input<typeof runpodProviderOptionsSchema>;
export type ResolvedRunpodProviderOptions = z.output<typeof runpodProviderOptionsSchema>;
