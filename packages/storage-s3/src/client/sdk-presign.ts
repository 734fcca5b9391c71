import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';

/** `x-amz-checksum-<algorithm>` and `x-amz-sdk-checksum-algorithm`, not `x-amz-checksum-mode`. */
const bodyChecksumHeader = /^x-amz-(sdk-checksum-algorithm$|checksum-(?!mode$))/i;

/**
 * Drops the body checksum the SDK adds to every PutObject (since 3.729 it checksums by default).
 * A presigned PUT has no body when it is signed, so the URL would carry the CRC32 of an empty
 * body and S3-compatible servers (MinIO, R2) refuse every real upload with BadDigest.
 */
function withoutBodyChecksum(command: PutObjectCommand): PutObjectCommand {
  command.middlewareStack.add(
    (next) => (args) => {
      const { request } = args;
      if (
        typeof request === 'object' &&
        request !== null &&
        'headers' in request &&
        typeof request.headers === 'object' &&
        request.headers
      ) {
        const headers = request.headers as Record<string, string>;
        for (const name of Object.keys(headers)) if (bodyChecksumHeader.test(name)) delete headers[name];
      }
      return next(args);
    },
    { step: 'build', priority: 'low', name: 'aimaPresignWithoutBodyChecksum' },
  );
  return command;
}

/** A SigV4 query-string URL for one GET or PUT of `key`, valid for `ttlSeconds`. */
export function presignWithSdk(s3: S3Client, bucket: string, key: string, operation: 'get' | 'put', ttlSeconds: number): Promise<string> {
  const command =
    operation === 'get'
      ? new GetObjectCommand({ Bucket: bucket, Key: key })
      : withoutBodyChecksum(new PutObjectCommand({ Bucket: bucket, Key: key }));
  return getSignedUrl(s3, command, { expiresIn: ttlSeconds });
}
