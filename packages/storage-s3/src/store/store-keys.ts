import { assertObjectKey, objectKeyProblem, ValidationError } from '@aima/core';

/** S3's limit on a key, store prefix included. */
const maximumKeyBytes = 1024;

/** Maps the store's keys to bucket keys under `prefix` (empty or ending with `/`), and back. */
export function storeKeys(prefix: string) {
  return {
    /** The bucket key of `key`; a `ValidationError` before any I/O when the key is bad. */
    toBucketKey(key: string): string {
      assertObjectKey(key);
      const bucketKey = `${prefix}${key}`;
      if (Buffer.byteLength(bucketKey) > maximumKeyBytes)
        throw new ValidationError('object key', [
          { path: 'key', message: `${JSON.stringify(key)} is longer than ${maximumKeyBytes} bytes with the store prefix "${prefix}"` },
        ]);
      return bucketKey;
    },
    /** The bucket prefix of a `list` prefix. */
    toBucketPrefix(listPrefix: string): string {
      const problem = objectKeyProblem(listPrefix, { prefix: true });
      if (problem !== undefined)
        throw new ValidationError('object key prefix', [{ path: 'prefix', message: `${JSON.stringify(listPrefix)} ${problem}` }]);
      return `${prefix}${listPrefix}`;
    },
    /**
     * The store key of a listed bucket key, or undefined for an object this store cannot address
     * (written by another tool, e.g. a console "folder" marker ending with `/`).
     */
    fromBucketKey(bucketKey: string): string | undefined {
      if (!bucketKey.startsWith(prefix)) return undefined;
      const key = bucketKey.slice(prefix.length);
      return objectKeyProblem(key) === undefined ? key : undefined;
    },
  };
}
