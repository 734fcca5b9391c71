/**
 * @aima/storage-s3: core's `ObjectStore` in an S3 bucket or on an S3-compatible server (MinIO,
 * Ceph, R2), for checkpoints, media and migration packages. `createS3ObjectStore(options)`
 * streams uploads (multipart beyond one part), lists by prefix, and presigns GET and PUT URLs
 * that a cloud GPU can use without credentials.
 * @packageDocumentation
 */

export type {
  S3ListRequest,
  S3ListResult,
  S3ObjectClient,
  S3ObjectFacts,
  S3UploadBody,
} from './client/s3-object-client.js';
export { createSdkS3ObjectClient, type SdkS3ObjectClientSettings } from './client/sdk-s3-object-client.js';
export {
  parseS3ObjectStoreOptions,
  type ResolvedS3ObjectStoreOptions,
  type S3ObjectStoreOptions,
  s3ObjectStoreOptionsSchema,
} from './options.js';
export { StorageError, type StorageErrorKind, type StorageErrorOptions } from './storage-error.js';
export { createS3ObjectStore, type S3ObjectStore } from './store/s3-object-store.js';
