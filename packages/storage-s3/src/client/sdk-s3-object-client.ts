import { type Logger, raceAbort, silentLogger } from '@aima/core';
import type { S3Client } from '@aws-sdk/client-s3';
import { classifyS3Error } from './classify-s3-error.js';
import type { S3ObjectClient } from './s3-object-client.js';
import { presignWithSdk } from './sdk-presign.js';
import { bucketExists, deleteObject, getObject, headObject, listObjects } from './sdk-s3-requests.js';
import { uploadWithSdk } from './sdk-upload.js';

/** Settings of {@link createSdkS3ObjectClient}. */
export interface SdkS3ObjectClientSettings {
  /** The AWS SDK client calls go through. `destroy` destroys it. */
  readonly s3: S3Client;
  readonly bucket: string;
  /** Names the server in messages: the endpoint URL, or `AWS S3 (<region>)`. @default 'S3' */
  readonly target?: string;
  /** @default 8 MiB */
  readonly partSizeBytes?: number;
  /** @default 4 */
  readonly queueSize?: number;
  readonly serverSideEncryption?: 'AES256' | 'aws:kms';
  readonly kmsKeyId?: string;
  /** @default silentLogger */
  readonly logger?: Logger;
  /** Texts removed from every message (the secret key, the session token). @default [] */
  readonly secrets?: readonly string[];
}

/** Removes every secret from a text. */
function redactorOf(secrets: readonly string[]): (text: string) => string {
  const present = secrets.filter((secret) => secret.length > 0);
  return (text) => present.reduce((safe, secret) => safe.split(secret).join('[redacted]'), text);
}

/** The {@link S3ObjectClient} over the AWS SDK v3: lib-storage uploads, the presigner for URLs. */
export function createSdkS3ObjectClient(settings: SdkS3ObjectClientSettings): S3ObjectClient {
  const { s3, bucket, logger = silentLogger } = settings;
  const context = { bucket, target: settings.target ?? 'S3', redact: redactorOf(settings.secrets ?? []) };

  /** Runs one call: an aborted signal rejects with its reason, any other failure is classified. */
  async function call<T>(operation: string, signal: AbortSignal | undefined, run: () => Promise<T>): Promise<T> {
    signal?.throwIfAborted();
    try {
      return await raceAbort(run(), signal);
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      const classified = classifyS3Error(error, { ...context, operation });
      logger.debug('s3 call failed', { bucket, operation, kind: classified.kind, code: classified.storeCode });
      throw classified;
    }
  }

  const onAbandonedUpload = (key: string) => (uploadId: string | undefined, error: unknown) =>
    logger.warn('s3 multipart upload could not be aborted; its parts stay on the server until a lifecycle rule removes them', {
      bucket,
      key,
      uploadId,
      reason: classifyS3Error(error, { ...context, operation: 'abort-upload' }).message,
    });
  const encryption = {
    ...(settings.serverSideEncryption !== undefined && { ServerSideEncryption: settings.serverSideEncryption }),
    ...(settings.kmsKeyId !== undefined && { SSEKMSKeyId: settings.kmsKeyId }),
  };
  const target = { s3, bucket };

  return {
    bucket,
    putObject: (key, body, { contentType, signal }) =>
      call('put', signal, () =>
        uploadWithSdk({
          s3,
          params: { Bucket: bucket, Key: key, ...(contentType !== undefined && { ContentType: contentType }), ...encryption },
          body,
          partSizeBytes: settings.partSizeBytes ?? 8 * 1024 * 1024,
          queueSize: settings.queueSize ?? 4,
          signal,
          onAbandonedUpload: onAbandonedUpload(key),
        }),
      ),
    getObject: (key, signal) => call('get', signal, () => getObject(target, key, signal)),
    headObject: (key, signal) => call('head', signal, () => headObject(target, key, signal)),
    bucketExists: (signal) => call('head-bucket', signal, () => bucketExists(target, signal)),
    listObjects: (request, signal) => call('list', signal, () => listObjects(target, request, signal)),
    deleteObject: (key, signal) => call('delete', signal, () => deleteObject(target, key, signal)),
    presignUrl: (key, operation, ttlSeconds) => call('presign', undefined, () => presignWithSdk(s3, bucket, key, operation, ttlSeconds)),
    destroy: () => s3.destroy(),
  };
}
