/** Facts about one stored S3 object; `key` is the full key inside the bucket. */
export interface S3ObjectFacts {
  readonly key: string;
  readonly sizeBytes: number;
  /** Epoch ms. */
  readonly lastModified: number;
  /** Without the quotes S3 puts around it; `<md5>-<parts>` for a multipart upload. */
  readonly etag?: string;
  readonly contentType?: string;
}

/** One page of {@link S3ObjectClient.listObjects}. */
export interface S3ListResult {
  /** In S3 key order (UTF-8 bytes). */
  readonly objects: readonly S3ObjectFacts[];
  /** Present when more objects follow: pass it back to get the next page. */
  readonly nextContinuationToken?: string;
}

/** What {@link S3ObjectClient.listObjects} lists. */
export interface S3ListRequest {
  readonly prefix: string;
  /** The `nextContinuationToken` of the previous page. */
  readonly continuationToken?: string;
  readonly maxKeys: number;
}

/** A body on its way to S3: whole bytes, or chunks of unknown total length. */
export type S3UploadBody = Uint8Array | AsyncIterable<Uint8Array>;

/**
 * The S3 calls the object store makes, bound to one bucket (HABITS #7: every vendor sits behind
 * a small injectable client). `createSdkS3ObjectClient` gives the AWS SDK one; a host can give
 * its own (a proxy, a different SDK) through the store's `client` option.
 *
 * Contract: keys are full keys inside the bucket (the store adds its prefix). A failure rejects
 * with a `StorageError` whose message says what to do; an aborted signal rejects with the
 * signal's reason. No message, log field or `cause` may hold a secret.
 */
export interface S3ObjectClient {
  readonly bucket: string;
  /**
   * Stores a body under `key` atomically: readers see the old object or the whole new one. A
   * large body goes as a multipart upload that is aborted on the server when anything fails.
   */
  putObject(
    key: string,
    body: S3UploadBody,
    options: { readonly contentType?: string; readonly signal?: AbortSignal },
  ): Promise<{ etag?: string }>;
  /** The object's bytes, or undefined when S3 answers `NoSuchKey`. */
  getObject(key: string, signal?: AbortSignal): Promise<ReadableStream<Uint8Array> | undefined>;
  /** Facts about the object, or undefined on a 404 (which S3 also gives for a missing bucket). */
  headObject(key: string, signal?: AbortSignal): Promise<S3ObjectFacts | undefined>;
  /** Whether the bucket exists (S3 `HeadBucket`). */
  bucketExists(signal?: AbortSignal): Promise<boolean>;
  listObjects(request: S3ListRequest, signal?: AbortSignal): Promise<S3ListResult>;
  /** Succeeds when the key is missing. */
  deleteObject(key: string, signal?: AbortSignal): Promise<void>;
  /** A URL that grants one GET or PUT of `key` without credentials until `ttlSeconds` pass. */
  presignUrl(key: string, operation: 'get' | 'put', ttlSeconds: number): Promise<string>;
  /** Releases sockets. */
  destroy?(): void;
}
