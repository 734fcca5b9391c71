import { Readable } from 'node:stream';
import { raceAbort } from '@aima/core';
import { AbortMultipartUploadCommand, type PutObjectCommandInput, type S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { S3UploadBody } from './s3-object-client.js';

/** One upload through `@aws-sdk/lib-storage`. */
export interface SdkUploadRequest {
  readonly s3: S3Client;
  readonly params: Omit<PutObjectCommandInput, 'Body'>;
  readonly body: S3UploadBody;
  readonly partSizeBytes: number;
  readonly queueSize: number;
  readonly signal: AbortSignal | undefined;
  /** Called when the server could not be told to drop the parts of a failed multipart upload. */
  readonly onAbandonedUpload: (uploadId: string | undefined, error: unknown) => void;
}

type SdkCommand = Parameters<S3Client['send']>[0];

/**
 * The client `Upload` sends through: every request carries the caller's signal, so an abort
 * cancels parts in flight instead of letting them finish. `AbortMultipartUpload` runs without
 * the signal (it has to run after an abort), and when it fails the upload's own error is the
 * one reported, not the failed clean-up.
 */
function signalledClient(s3: S3Client, request: SdkUploadRequest): S3Client {
  const scoped: S3Client = Object.create(s3);
  const send = async (command: SdkCommand) => {
    if (!(command instanceof AbortMultipartUploadCommand)) return s3.send(command, { abortSignal: request.signal });
    try {
      return await s3.send(command);
    } catch (error) {
      request.onAbandonedUpload(command.input.UploadId, error);
      return {};
    }
  };
  Object.defineProperty(scoped, 'send', { value: send });
  return scoped;
}

/**
 * Streams a body to S3: one PutObject up to `partSizeBytes`, a multipart upload beyond. S3 shows
 * the object only after CompleteMultipartUpload, so a failed or aborted upload never leaves a
 * partial object visible; its parts are aborted on the server (`leavePartsOnError: false`).
 */
export async function uploadWithSdk(request: SdkUploadRequest): Promise<{ etag?: string }> {
  const { signal } = request;
  signal?.throwIfAborted();
  const body = request.body instanceof Uint8Array ? request.body : Readable.from(request.body, { objectMode: false });
  const upload = new Upload({
    client: signalledClient(request.s3, request),
    params: { ...request.params, Body: body },
    partSize: request.partSizeBytes,
    queueSize: request.queueSize,
    leavePartsOnError: false,
  });
  const onAbort = () => {
    void upload.abort();
    if (body instanceof Readable) body.destroy(signal?.reason instanceof Error ? signal.reason : undefined);
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const result = await raceAbort(upload.done(), signal);
    return result.ETag === undefined ? {} : { etag: result.ETag };
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}
