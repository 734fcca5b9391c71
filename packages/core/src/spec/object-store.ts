/** Facts about a stored object. */
export interface ObjectInfo {
  readonly key: string;
  readonly sizeBytes: number;
  /** Epoch ms. */
  readonly lastModified: number;
  readonly etag?: string;
  readonly contentType?: string;
}

/** Options of `put`. */
export interface PutOptions {
  readonly contentType?: string;
  readonly signal?: AbortSignal;
}

/** A page of `list`. */
export interface ObjectPage {
  readonly items: readonly ObjectInfo[];
  /** Pass to the next `list` call; absent on the last page. */
  readonly cursor?: string;
}

/** A body to store: bytes, a web stream or any async iterable of bytes (a Node stream). */
export type ObjectBody = Uint8Array | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

/**
 * Where checkpoints, migration packages and media live (S1). A filesystem store in core, S3 in
 * `@aima/storage-s3`; contract tested by `describeObjectStoreConformance`.
 *
 * Contract: keys are relative paths of `/`-separated segments (no empty, `.` or `..` segment, no
 * leading `/`, no backslash or NUL, at most 1024 bytes); a bad key is a `ValidationError` before
 * any I/O. A `put` is atomic: readers see the old object or the new one, never a part. `list`
 * returns keys in lexicographic order, a page at a time. `delete` of a missing key succeeds.
 * Every call honours its AbortSignal. Confidential data goes only to an `on-premises` store.
 */
export interface ObjectStore {
  readonly residency: 'on-premises' | 'off-premises';
  put(key: string, body: ObjectBody, options?: PutOptions): Promise<ObjectInfo>;
  /** The object's bytes as a stream, or undefined when there is none. */
  get(key: string, signal?: AbortSignal): Promise<ReadableStream<Uint8Array> | undefined>;
  head(key: string, signal?: AbortSignal): Promise<ObjectInfo | undefined>;
  list(prefix: string, cursor?: string, signal?: AbortSignal): Promise<ObjectPage>;
  delete(key: string, signal?: AbortSignal): Promise<void>;
  /** A URL that grants `operation` on the object for `ttlSeconds`, where the store supports it. */
  presign?(key: string, operation: 'get' | 'put', ttlSeconds: number): Promise<string>;
  close(): Promise<void>;
}
