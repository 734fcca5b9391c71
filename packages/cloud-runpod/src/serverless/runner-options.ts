import { silentLogger, systemClock } from '@aima/core';
import { z } from 'zod';
import { retryPolicySchema } from '../api/retry-policy.js';
import { defaultUserAgent } from '../api/user-agent.js';
import { apiKeySchema, clockSchema, loggerSchema } from '../options/parse-options.js';
import type { ServerlessEndpointClient } from './serverless-client.js';

/** Options of {@link createRunpodServerlessRunner}; `endpointId` is checked on its own (a `ValidationError`). */
export const serverlessRunnerOptionsSchema = z
  .strictObject({
    /** The serverless endpoint's id, e.g. `4m7x2k9q`. */
    endpointId: z.unknown(),
    /** Required unless `client` is given. */
    apiKey: apiKeySchema.optional(),
    /** A ready client (tests); the runner then does not close it. */
    client: z.custom<ServerlessEndpointClient>((value) => typeof value === 'object' && value !== null && 'submit' in value).optional(),
    /** Up to and including `/v2`. @default 'https://api.runpod.ai/v2' */
    baseUrl: z.url().default('https://api.runpod.ai/v2'),
    /** @default systemClock */
    clock: clockSchema.default(systemClock),
    /** @default silentLogger */
    logger: loggerSchema.default(silentLogger),
    /** Status (or stream) polls this often. @default 2000 */
    pollIntervalMs: z.number().int().positive().default(2_000),
    /** Poll `/stream` and hand each output chunk to `onStreamOutput`; for generator handlers. @default false */
    stream: z.boolean().default(false),
    /** Receives each streamed output chunk. A chunk `{ progress: 0..1, message? }` also reports progress. */
    onStreamOutput: z.custom<(output: unknown, jobId: string) => void>((value) => typeof value === 'function').optional(),
    /** RunPod `policy.executionTimeout`: RunPod ends the job (TIMED_OUT) after this long (5 s – 7 days). */
    executionTimeoutMs: z
      .number()
      .int()
      .min(5_000)
      .max(7 * 24 * 3_600_000)
      .optional(),
    /** RunPod `policy.ttl`: the job's whole life, queue included (10 s – 7 days). */
    ttlMs: z
      .number()
      .int()
      .min(10_000)
      .max(7 * 24 * 3_600_000)
      .optional(),
    /** Per request; the SDK's timeout, in real time. @default 10000 */
    requestTimeoutMs: z.number().int().positive().default(10_000),
    /** @default { maxAttempts: 4, initialBackoffMs: 500, maxBackoffMs: 8000, maxRetryAfterMs: 60000 } */
    retry: retryPolicySchema.prefault({}),
    /** Provider id in errors. @default 'runpod' */
    providerId: z.string().min(1).default('runpod'),
    /** @default 'aima-cloud-runpod/<version> (node <version>)' */
    userAgent: z.string().min(1).default(defaultUserAgent),
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

export type RunpodServerlessRunnerOptions = Omit<z.input<typeof serverlessRunnerOptionsSchema>, 'endpointId'> & {
  readonly endpointId: string;
};
export type ResolvedServerlessRunnerOptions = z.output<typeof serverlessRunnerOptionsSchema>;
