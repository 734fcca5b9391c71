import { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { S3ListRequest, S3ListResult, S3ObjectFacts } from './s3-object-client.js';

// The S3 requests of the SDK client, one function each. Failures are thrown as the SDK raised
// them; `createSdkS3ObjectClient` classifies them.

/** Where requests go: the SDK client and the bucket. */
export interface SdkTarget {
  readonly s3: S3Client;
  readonly bucket: string;
}

function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('$metadata' in error)) return undefined;
  const { $metadata } = error as { $metadata?: { httpStatusCode?: unknown } };
  return typeof $metadata?.httpStatusCode === 'number' ? $metadata.httpStatusCode : undefined;
}

/** Facts from a HeadObject answer or a ListObjectsV2 entry. */
function factsOf(key: string, object: { ContentLength?: number; Size?: number; LastModified?: Date; ETag?: string; ContentType?: string }) {
  const facts: S3ObjectFacts = {
    key,
    sizeBytes: object.ContentLength ?? object.Size ?? 0,
    lastModified: object.LastModified?.getTime() ?? 0,
    ...(object.ETag !== undefined && { etag: object.ETag.replaceAll('"', '') }),
    ...(object.ContentType !== undefined && { contentType: object.ContentType }),
  };
  return facts;
}

/** A Node body as a web stream that errors with the signal's reason when the signal aborts later. */
function webStreamOf(body: Readable, signal: AbortSignal | undefined): ReadableStream<Uint8Array> {
  if (signal !== undefined) {
    const onAbort = () => body.destroy(signal.reason instanceof Error ? signal.reason : new Error(String(signal.reason)));
    signal.addEventListener('abort', onAbort, { once: true });
    body.once('close', () => signal.removeEventListener('abort', onAbort));
  }
  return Readable.toWeb(body) as ReadableStream<Uint8Array>;
}

export async function getObject({ s3, bucket }: SdkTarget, key: string, signal?: AbortSignal) {
  try {
    const { Body: body } = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: signal });
    if (body === undefined) return new ReadableStream<Uint8Array>({ start: (controller) => controller.close() });
    return body instanceof Readable ? webStreamOf(body, signal) : (body.transformToWebStream() as ReadableStream<Uint8Array>);
  } catch (error) {
    if (typeof error === 'object' && error !== null && 'name' in error && error.name === 'NoSuchKey') return undefined;
    throw error;
  }
}

export async function headObject({ s3, bucket }: SdkTarget, key: string, signal?: AbortSignal) {
  try {
    return factsOf(key, await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: signal }));
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw error;
  }
}

export async function bucketExists({ s3, bucket }: SdkTarget, signal?: AbortSignal): Promise<boolean> {
  try {
    await s3.send(new HeadBucketCommand({ Bucket: bucket }), { abortSignal: signal });
    return true;
  } catch (error) {
    if (statusOf(error) === 404) return false;
    throw error;
  }
}

export async function listObjects({ s3, bucket }: SdkTarget, request: S3ListRequest, signal?: AbortSignal): Promise<S3ListResult> {
  const { prefix, continuationToken, maxKeys } = request;
  const input = {
    Bucket: bucket,
    Prefix: prefix,
    MaxKeys: maxKeys,
    ...(continuationToken !== undefined && { ContinuationToken: continuationToken }),
  };
  const response = await s3.send(new ListObjectsV2Command(input), { abortSignal: signal });
  const objects = (response.Contents ?? []).flatMap((object) => (object.Key === undefined ? [] : [factsOf(object.Key, object)]));
  const next = response.IsTruncated === true ? response.NextContinuationToken : undefined;
  return next === undefined ? { objects } : { objects, nextContinuationToken: next };
}

export async function deleteObject({ s3, bucket }: SdkTarget, key: string, signal?: AbortSignal): Promise<void> {
  await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: signal });
}
