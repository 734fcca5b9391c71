import { S3Client } from '@aws-sdk/client-s3';
import type { ResolvedS3ObjectStoreOptions } from '../options.js';
import type { S3ObjectClient } from './s3-object-client.js';
import { createSdkS3ObjectClient } from './sdk-s3-object-client.js';

/** How messages name the server: the endpoint URL, or AWS S3 and its region. */
export function targetOf(options: Pick<ResolvedS3ObjectStoreOptions, 'endpoint' | 'region'>): string {
  return options.endpoint ?? `AWS S3 (${options.region ?? 'region from the AWS SDK chain'})`;
}

/**
 * The AWS SDK client the store's options describe. Retries use the SDK's own strategy: 5xx,
 * throttling (503 SlowDown) and dropped connections are retried with backoff up to
 * `maxAttempts`; `requestTimeoutMs` is the socket idle timeout.
 */
function s3ClientOf(options: ResolvedS3ObjectStoreOptions): S3Client {
  const region = options.region ?? (options.endpoint === undefined ? undefined : 'us-east-1');
  const { credentials } = options;
  return new S3Client({
    ...(region !== undefined && { region }),
    ...(options.endpoint !== undefined && { endpoint: options.endpoint }),
    forcePathStyle: options.forcePathStyle,
    ...(credentials !== undefined && {
      credentials: {
        accessKeyId: credentials.accessKeyId,
        secretAccessKey: credentials.secretAccessKey,
        ...(credentials.sessionToken !== undefined && { sessionToken: credentials.sessionToken }),
      },
    }),
    maxAttempts: options.maxAttempts,
    retryMode: options.retryMode,
    requestHandler: { connectionTimeout: options.connectionTimeoutMs, socketTimeout: options.requestTimeoutMs },
  });
}

/** The store's own client over the AWS SDK, built from its options. */
export function createOwnedS3ObjectClient(options: ResolvedS3ObjectStoreOptions): S3ObjectClient {
  return createSdkS3ObjectClient({
    s3: s3ClientOf(options),
    bucket: options.bucket,
    target: targetOf(options),
    partSizeBytes: options.partSizeBytes,
    queueSize: options.queueSize,
    ...(options.serverSideEncryption !== undefined && { serverSideEncryption: options.serverSideEncryption }),
    ...(options.kmsKeyId !== undefined && { kmsKeyId: options.kmsKeyId }),
    logger: options.logger,
    secrets: [options.credentials?.secretAccessKey ?? '', options.credentials?.sessionToken ?? ''],
  });
}
