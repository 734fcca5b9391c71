import { ConfigError, type ObjectInfo, type ObjectStore, ValidationError } from '@aima/core';
import { bucketNotFoundError } from '../client/classify-s3-error.js';
import { createOwnedS3ObjectClient, targetOf } from '../client/create-s3-sdk-client.js';
import type { S3ObjectFacts } from '../client/s3-object-client.js';
import { parseS3ObjectStoreOptions, type S3ObjectStoreOptions } from '../options.js';
import { storeKeys } from './store-keys.js';
import { countedBody } from './upload-body.js';

/** Longest validity of a SigV4 presigned URL. */
const maximumPresignSeconds = 7 * 24 * 3600;

/** An ObjectStore in an S3 bucket; `presign` is always there. */
export interface S3ObjectStore extends ObjectStore {
  readonly bucket: string;
  /** The key prefix inside the bucket: empty, or ending with `/`. */
  readonly prefix: string;
  /**
   * A URL granting one GET or PUT of `key` without credentials for `ttlSeconds` (1 s to 7 days).
   * Made with temporary credentials, the URL holds the session token and expires with it: treat
   * it as a secret and never log it.
   */
  presign(key: string, operation: 'get' | 'put', ttlSeconds: number): Promise<string>;
}

/**
 * Core's `ObjectStore` over S3 or an S3-compatible server (MinIO, Ceph, R2). Options are checked
 * here (a `ConfigError` lists every problem); keys are checked before any I/O (a
 * `ValidationError`); S3 failures are `StorageError`s; an aborted signal rejects with its reason.
 */
export function createS3ObjectStore(input: S3ObjectStoreOptions): S3ObjectStore {
  const options = parseS3ObjectStoreOptions(input);
  const { bucket, prefix, logger } = options;
  if (options.client !== undefined && options.client.bucket !== bucket)
    throw new ConfigError('Invalid S3 object store options', [
      { path: 'client', message: `is bound to bucket "${options.client.bucket}", not to \`bucket\` "${bucket}"` },
    ]);
  const client = options.client ?? createOwnedS3ObjectClient(options);
  const keys = storeKeys(prefix);
  /** S3 answers HEAD of a missing bucket like HEAD of a missing key; one HeadBucket tells them apart. */
  let bucketSeen = false;

  const infoOf = (key: string, facts: S3ObjectFacts): ObjectInfo => ({ ...facts, key });

  return {
    residency: options.residency,
    bucket,
    prefix,
    async put(key, body, putOptions = {}) {
      const bucketKey = keys.toBucketKey(key);
      putOptions.signal?.throwIfAborted();
      let sizeBytes = 0;
      const counted = countedBody(
        body,
        (bytes) => {
          sizeBytes += bytes;
        },
        putOptions.signal,
      );
      const { etag } = await client.putObject(bucketKey, counted, {
        ...(putOptions.contentType !== undefined && { contentType: putOptions.contentType }),
        ...(putOptions.signal !== undefined && { signal: putOptions.signal }),
      });
      bucketSeen = true;
      logger.debug('s3 object stored', { bucket, key: bucketKey, sizeBytes });
      return {
        key,
        sizeBytes,
        lastModified: Date.now(),
        ...(etag !== undefined && { etag: etag.replaceAll('"', '') }),
        ...(putOptions.contentType !== undefined && { contentType: putOptions.contentType }),
      };
    },
    async get(key, signal) {
      const bucketKey = keys.toBucketKey(key);
      signal?.throwIfAborted();
      return client.getObject(bucketKey, signal);
    },
    async head(key, signal) {
      const bucketKey = keys.toBucketKey(key);
      signal?.throwIfAborted();
      const facts = await client.headObject(bucketKey, signal);
      if (facts === undefined && !bucketSeen && !(await client.bucketExists(signal)))
        throw bucketNotFoundError({ bucket, operation: 'head', target: targetOf(options) });
      bucketSeen = true;
      return facts === undefined ? undefined : infoOf(key, facts);
    },
    async list(listPrefix, cursor, signal) {
      const bucketPrefix = keys.toBucketPrefix(listPrefix);
      if (cursor !== undefined && (typeof cursor !== 'string' || cursor === ''))
        throw new ValidationError('list cursor', [{ path: 'cursor', message: 'must be the cursor of the previous page' }]);
      signal?.throwIfAborted();
      const page = await client.listObjects(
        { prefix: bucketPrefix, maxKeys: options.pageSize, ...(cursor !== undefined && { continuationToken: cursor }) },
        signal,
      );
      bucketSeen = true;
      const items = page.objects.flatMap((facts) => {
        const key = keys.fromBucketKey(facts.key);
        return key === undefined ? [] : [infoOf(key, facts)];
      });
      return page.nextContinuationToken === undefined ? { items } : { items, cursor: page.nextContinuationToken };
    },
    async delete(key, signal) {
      const bucketKey = keys.toBucketKey(key);
      signal?.throwIfAborted();
      await client.deleteObject(bucketKey, signal);
    },
    async presign(key, operation, ttlSeconds) {
      const bucketKey = keys.toBucketKey(key);
      const issues = [];
      if (operation !== 'get' && operation !== 'put') issues.push({ path: 'operation', message: "must be 'get' or 'put'" });
      if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds > maximumPresignSeconds)
        issues.push({ path: 'ttlSeconds', message: `must be a whole number of seconds from 1 to ${maximumPresignSeconds} (7 days)` });
      if (issues.length > 0) throw new ValidationError('presign request', issues);
      return client.presignUrl(bucketKey, operation, ttlSeconds);
    },
    async close() {
      if (options.client === undefined) client.destroy?.();
    },
  } satisfies S3ObjectStore;
}
