import { silentLogger, systemClock } from '@aima/core';
import { z } from 'zod';
import { apiKeySchema, clockSchema, loggerSchema } from '../options/parse-options.js';
import { retryPolicySchema } from './retry-policy.js';
import { defaultUserAgent } from './user-agent.js';

/** Options of {@link createRunpodApiClient}. */
export const runpodApiClientOptionsSchema = z.strictObject({
  apiKey: apiKeySchema,
  /** @default 'https://api.runpod.io/graphql' */
  graphqlUrl: z.url().default('https://api.runpod.io/graphql'),
  /** Server of REST v2; paths start with `/v2/`. @default 'https://api.runpod.io' */
  restUrl: z.url().default('https://api.runpod.io'),
  /** Times retries, backoff and request timeouts. @default systemClock */
  clock: clockSchema.default(systemClock),
  /** Receives one debug line per request (operation, path, status, attempt); never headers or the key. @default silentLogger */
  logger: loggerSchema.default(silentLogger),
  /** Per try, on the clock. @default 30000 */
  requestTimeoutMs: z.number().int().positive().default(30_000),
  /** @default { maxAttempts: 4, initialBackoffMs: 500, maxBackoffMs: 8000, maxRetryAfterMs: 60000 } */
  retry: retryPolicySchema.prefault({}),
  /** Requests in flight at once. @default 4 */
  concurrency: z.number().int().min(1).max(64).default(4),
  /** @default 'aima-cloud-runpod/<version> (node <version>)' */
  userAgent: z.string().min(1).default(defaultUserAgent),
  /** Provider id in errors. @default 'runpod' */
  providerId: z.string().min(1).default('runpod'),
});

export type RunpodApiClientOptions = z.input<typeof runpodApiClientOptionsSchema>;
export type ResolvedRunpodApiClientOptions = z.output<typeof runpodApiClientOptionsSchema>;
