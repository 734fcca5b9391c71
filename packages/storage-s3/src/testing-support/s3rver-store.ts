import { createMemoryLogger } from '@aima/core/testing';
import type { S3ObjectStoreOptions } from '../options.js';
import { createS3ObjectStore, type S3ObjectStore } from '../store/s3-object-store.js';
import { type S3rverProcess, s3rverCredentials } from './s3rver-harness.js';

/** A Logger keeping every line (core's test helper, under the name these tests use). */
export const memoryLogger = createMemoryLogger;

let buckets = 0;

/**
 * A store on `server` (path style, s3rver's keys, 2 attempts) in a fresh bucket, or in
 * `overrides.bucket` as it is (created or not).
 */
export async function storeOn(
  server: S3rverProcess,
  overrides: Partial<S3ObjectStoreOptions> = {},
): Promise<{ store: S3ObjectStore; bucket: string; logger: ReturnType<typeof memoryLogger> }> {
  const bucket = overrides.bucket ?? `aima-test-${process.pid}-${buckets++}`;
  if (overrides.bucket === undefined) await server.createBucket(bucket);
  const logger = memoryLogger();
  const options: S3ObjectStoreOptions = {
    bucket,
    endpoint: server.endpoint,
    forcePathStyle: true,
    credentials: s3rverCredentials,
    maxAttempts: 2,
    logger,
    ...overrides,
  };
  return { store: createS3ObjectStore(options), bucket, logger };
}

/** All bytes of a stream. */
export async function bytesOf(stream: ReadableStream<Uint8Array> | undefined): Promise<Buffer | undefined> {
  return stream === undefined ? undefined : Buffer.from(await new Response(stream).arrayBuffer());
}

/** The rejection of `promise`, or a failure when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection, got a value');
}
