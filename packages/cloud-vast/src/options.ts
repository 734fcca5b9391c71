import {
  type Clock,
  ConfigError,
  type Logger,
  type OfferQuery,
  offerQuerySchema,
  type RandomSource,
  silentLogger,
  systemClock,
} from '@aima/core';
import { z } from 'zod';
import { type VastEndpoint, vastEndpoints } from './client/endpoints.js';
import type { VastApiClient } from './client/vast-api-client.js';

const missingKey =
  'set `apiKey` to your Vast.ai API key, e.g. `apiKey: process.env.VAST_API_KEY` (create one at https://cloud.vast.ai/manage-keys/)';

const isObjectWith =
  (...methods: string[]) =>
  (value: unknown): boolean =>
    typeof value === 'object' && value !== null && methods.every((name) => typeof (value as Record<string, unknown>)[name] === 'function');

const rateLimitSchema = z.strictObject({
  perInterval: z.number().int().positive(),
  intervalMs: z.number().int().positive(),
});

/** Options of {@link createVastProvider}. The schema is the only source of the option types. */
export const vastProviderOptionsSchema = z.strictObject({
  /** Vast.ai API key, sent as a Bearer token. Never logged and never put in an error message. */
  apiKey: z.string({ error: missingKey }).trim().min(1, missingKey).optional(),
  /** @default 'https://console.vast.ai/api/v0' (v1 routes replace the trailing `v0`) */
  baseUrl: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://console.vast.ai/api/v0' })
    .default('https://console.vast.ai/api/v0')
    .transform((url) => url.replace(/\/+$/, '')),
  /** Timeout of one HTTP request. @default 30000 */
  requestTimeoutMs: z.number().int().positive().default(30_000),
  /** Retries after a 429, a 5xx, a timeout or a network error (creates retry only on 429). @default 4 */
  retries: z.number().int().min(0).max(20).default(4),
  /** First backoff delay; doubles per retry, with jitter between half and all of it. @default 500 */
  retryBaseDelayMs: z.number().int().positive().default(500),
  /** Longest backoff delay; a Retry-After longer than this is not waited for. @default 20000 */
  retryMaxDelayMs: z.number().int().positive().default(20_000),
  /** Per-endpoint limits merged over the defaults, or `false` for none (tests). @default {} */
  rateLimits: z.union([z.literal(false), z.partialRecord(z.enum(vastEndpoints), rateLimitSchema)]).default({}),
  /** Offers below this reliability (Vast `reliability2`, 0..1) are never listed. @default 0.9 */
  minReliability: z.number().min(0).max(1).default(0.9),
  /** Only hosts Vast has verified. @default true */
  verifiedOnly: z.boolean().default(true),
  /** Only datacenter hosts (Vast "secure cloud"). @default false */
  datacenterOnly: z.boolean().default(false),
  /** Lowest CUDA version the host driver must support, e.g. `'12.1'`. */
  minCudaVersion: z
    .string()
    .regex(/^\d+(\.\d+)?$/, 'must be a CUDA version such as "12.1"')
    .optional(),
  /** Offers need at least this many directly mapped ports (0 allows proxy-only hosts). @default 1 */
  minDirectPorts: z.number().int().min(0).default(1),
  /**
   * Narrows every offer search; the caller's own query fields win. A scheduler that refreshes
   * with an empty query sees only the `searchLimit` cheapest offers of the whole market, so a
   * host sets e.g. `{ minVramGb: 24 }` here. @default {}
   */
  defaultQuery: z.custom<OfferQuery>((value) => typeof value === 'object' && value !== null, 'must be an offer query').default(() => ({})),
  /** Offers asked of Vast per search. @default 64 */
  searchLimit: z.number().int().min(1).max(1000).default(64),
  /** Disk size Vast prices offers with (`allocated_storage`). @default 20 */
  searchDiskGb: z.number().positive().default(20),
  /** `args` runs the image's own entrypoint; `ssh` runs Vast's SSH launcher instead. @default 'args' */
  runtype: z.enum(['args', 'ssh']).default('args'),
  /** Poll interval of `waitUntilRunning`. @default 10000 */
  pollIntervalMs: z.number().int().positive().default(10_000),
  /** Deadline of `waitUntilRunning` (dstack uses 10 minutes for Vast). @default 600000 */
  provisioningTimeoutMs: z.number().int().positive().default(600_000),
  /** @default systemClock */
  clock: z.custom<Clock>(isObjectWith('now', 'sleep', 'setTimer'), 'must be a Clock').default(() => systemClock),
  /** @default silentLogger */
  logger: z.custom<Logger>(isObjectWith('debug', 'info', 'warn', 'error'), 'must be a Logger').default(() => silentLogger),
  /** Source of backoff jitter. @default Math.random */
  random: z.custom<RandomSource>(isObjectWith('next'), 'must be a RandomSource').default(() => ({ next: Math.random })),
  /** A ready client (tests, proxies); when given, `apiKey` and the HTTP options are not used. */
  client: z.custom<VastApiClient>(isObjectWith('searchOffers', 'createInstance', 'destroyInstance'), 'must be a VastApiClient').optional(),
});

export type VastProviderOptions = z.input<typeof vastProviderOptionsSchema>;
export type ResolvedVastOptions = z.output<typeof vastProviderOptionsSchema>;
export type { VastEndpoint };

/** Validates options once, at the factory: every problem becomes one issue of a `ConfigError`. */
export function parseVastOptions(input: VastProviderOptions): ResolvedVastOptions {
  const result = vastProviderOptionsSchema.safeParse(input ?? {});
  const issues = result.success
    ? []
    : result.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
  if (result.success && result.data.apiKey === undefined && result.data.client === undefined) {
    issues.push({ path: 'apiKey', message: missingKey });
  }
  const query = result.success ? offerQuerySchema.safeParse(result.data.defaultQuery) : undefined;
  for (const issue of query?.error?.issues ?? [])
    issues.push({ path: ['defaultQuery', ...issue.path].map(String).join('.'), message: issue.message });
  if (!result.success || issues.length > 0) throw new ConfigError('Invalid Vast.ai provider options', issues);
  return result.data;
}
