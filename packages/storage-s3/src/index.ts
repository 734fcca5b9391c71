/**
 * @aima/storage-s3 — not built yet.
 *
 * Coming: an ObjectStore over @aws-sdk/client-s3 with streaming, multipart and presigned URLs, tested against s3rver (issue 7).
 *
 * Nothing is exported until the adapter exists: no placeholder behaviour ships.
 * @packageDocumentation
 */
export {};
