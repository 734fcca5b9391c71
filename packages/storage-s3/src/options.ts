import { ConfigError, type Logger, objectKeyProblem, silentLogger } from '@aima/core';
import { z } from 'zod';
import type { S3ObjectClient } from './client/s3-object-client.js';

const mebibyte = 1024 * 1024;

const isObjectWith =
  (...methods: string[]) =>
  (value: unknown): boolean =>
    typeof value === 'object' && value !== null && methods.every((name) => typeof (value as Record<string, unknown>)[name] === 'function');

/** AWS bucket naming rules (3–63 characters: lowercase letters, digits, dots and hyphens). */
const bucketSchema = z
  .string({ error: 'set `bucket` to the name of an existing bucket' })
  .regex(
    /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
    'must be 3–63 lowercase letters, digits, dots or hyphens, starting and ending with a letter or digit',
  );

const prefixSchema = z
  .string()
  .superRefine((prefix, context) => {
    const problem = objectKeyProblem(prefix, { prefix: true });
    if (problem !== undefined) context.addIssue({ code: 'custom', message: problem });
  })
  .transform((prefix) => (prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`));

const endpointSchema = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as http://minio.internal:9000' })
  .refine((url) => !/^https?:\/\/[^/]*@/.test(url), 'must not hold a user name or password; use `credentials`');

const credentialsSchema = z.object({
  accessKeyId: z.string().min(1, 'must not be empty'),
  /** Never logged and never put in an error message. */
  secretAccessKey: z.string().min(1, 'must not be empty'),
  /** Temporary (STS) credentials only. Never logged and never put in an error message. */
  sessionToken: z.string().min(1, 'must not be empty').optional(),
});

/** Options of {@link createS3ObjectStore}. The schema is the only source of the option types. */
export const s3ObjectStoreOptionsSchema = z.strictObject({
  /** The bucket objects live in; it must exist. */
  bucket: bucketSchema,
  /** Key prefix inside the bucket, validated like a key; a missing trailing `/` is added. @default '' */
  prefix: prefixSchema.default(''),
  /** AWS region. Omitted: the AWS SDK chain (`AWS_REGION`, `~/.aws/config`), or `us-east-1` with an `endpoint`. */
  region: z
    .string()
    .regex(/^[a-z0-9-]+$/, 'must be a region name such as eu-central-1')
    .optional(),
  /** URL of an S3-compatible server (MinIO, Ceph, R2). Omitted: AWS S3 of `region`. */
  endpoint: endpointSchema.optional(),
  /** Address buckets as `endpoint/bucket` instead of `bucket.endpoint` (MinIO needs it). @default false */
  forcePathStyle: z.boolean().default(false),
  /** Static keys. Omitted: the AWS SDK default chain (environment, profile, instance role). */
  credentials: credentialsSchema.optional(),
  /** Where the bytes physically live. Only an `on-premises` store may hold confidential data. @default 'off-premises' */
  residency: z.enum(['on-premises', 'off-premises']).default('off-premises'),
  /** Server-side encryption asked for on every upload. Omitted: the bucket's default encryption. */
  serverSideEncryption: z.enum(['AES256', 'aws:kms']).optional(),
  /** KMS key of `serverSideEncryption: 'aws:kms'`. Omitted: the account's default S3 KMS key. */
  kmsKeyId: z.string().min(1).optional(),
  /** Size of one multipart part; bodies up to this size go in a single PUT. At least 5 MiB. @default 8 MiB */
  partSizeBytes: z
    .number()
    .int()
    .min(5 * mebibyte, 'must be at least 5 MiB (5242880), the S3 minimum part size')
    .max(5 * 1024 * mebibyte)
    .default(8 * mebibyte),
  /** Parts of one upload sent at the same time. @default 4 */
  queueSize: z.number().int().min(1).max(64).default(4),
  /** Attempts per request, with backoff; throttling (503 SlowDown) and 5xx are retried. @default 5 */
  maxAttempts: z.number().int().min(1).max(20).default(5),
  /** `adaptive` also slows the client down after throttling. @default 'standard' */
  retryMode: z.enum(['standard', 'adaptive']).default('standard'),
  /** A request that sends or receives nothing for this long fails (and is retried). @default 30000 */
  requestTimeoutMs: z.number().int().positive().default(30_000),
  /** Longest wait for a TCP connection to the endpoint. @default 5000 */
  connectionTimeoutMs: z.number().int().positive().default(5_000),
  /** Objects per `list` page (S3 `MaxKeys`), at most 1000. @default 1000 */
  pageSize: z.number().int().min(1).max(1000).default(1000),
  /** @default silentLogger */
  logger: z.custom<Logger>(isObjectWith('debug', 'info', 'warn', 'error'), 'must be a Logger').default(() => silentLogger),
  /**
   * A ready client (a proxy, another SDK setup, tests). When given, it is used as is: the
   * connection, credential, encryption and multipart options are not used, and `close` leaves
   * the client open.
   */
  client: z
    .custom<S3ObjectClient>(
      isObjectWith('putObject', 'getObject', 'headObject', 'listObjects', 'deleteObject'),
      'must be an S3ObjectClient',
    )
    .optional(),
});

export type S3ObjectStoreOptions = z.input<typeof s3ObjectStoreOptionsSchema>;
export type ResolvedS3ObjectStoreOptions = z.output<typeof s3ObjectStoreOptionsSchema>;

/** Validates options once, at the factory: every problem becomes one issue of a `ConfigError`. */
export function parseS3ObjectStoreOptions(input: S3ObjectStoreOptions): ResolvedS3ObjectStoreOptions {
  const result = s3ObjectStoreOptionsSchema.safeParse(input ?? {});
  const issues = result.success
    ? []
    : result.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
  if (result.success && result.data.kmsKeyId !== undefined && result.data.serverSideEncryption !== 'aws:kms')
    issues.push({ path: 'kmsKeyId', message: "needs `serverSideEncryption: 'aws:kms'`" });
  if (!result.success || issues.length > 0) throw new ConfigError('Invalid S3 object store options', issues);
  return result.data;
}
