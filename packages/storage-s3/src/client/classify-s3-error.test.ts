import { AimaError } from '@aima/core';
import { NoSuchBucket, S3ServiceException } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { StorageError, type StorageErrorKind } from '../storage-error.js';
import { classifyS3Error } from './classify-s3-error.js';

const context = {
  bucket: 'media',
  operation: 'put',
  target: 'http://minio:9000',
  redact: (text: string) => text.replaceAll('s3cr3t', '[redacted]'),
};

function serviceError(name: string, status: number, attempts = 1): S3ServiceException {
  return new S3ServiceException({
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status, attempts },
    message: `${name} said no`,
  });
}

const networkError = (code: string, attempts = 3) =>
  Object.assign(new Error(`connect ${code} 10.0.0.9:9000`), { code, $metadata: { attempts } });

describe('classifyS3Error', () => {
  it.each<[string, unknown, StorageErrorKind, RegExp]>([
    [
      'NoSuchBucket',
      new NoSuchBucket({ $metadata: { httpStatusCode: 404 }, message: 'gone' }),
      'bucket-not-found',
      /Bucket "media" does not exist at http:\/\/minio:9000\. Create it/,
    ],
    [
      'InvalidAccessKeyId',
      serviceError('InvalidAccessKeyId', 403),
      'auth',
      /refused the credentials \(InvalidAccessKeyId\).*Check accessKeyId/,
    ],
    ['SignatureDoesNotMatch', serviceError('SignatureDoesNotMatch', 403), 'auth', /Check accessKeyId and secretAccessKey/],
    [
      'a bare 403 (HEAD)',
      new S3ServiceException({ name: 'Unknown', $fault: 'client', $metadata: { httpStatusCode: 403 } }),
      'auth',
      /\(HTTP 403\)/,
    ],
    [
      'no credentials at all',
      Object.assign(new Error('Could not load credentials'), { name: 'CredentialsProviderError' }),
      'auth',
      /No AWS credentials found.*set `credentials`/,
    ],
    ['SlowDown after 5 attempts', serviceError('SlowDown', 503, 5), 'rate-limit', /kept throttling put .*\(SlowDown\) after 5 attempts/],
    ['429', serviceError('TooManyRequests', 429), 'rate-limit', /Retry later/],
    ['a plain 503', serviceError('ServiceUnavailable', 503), 'transient', /failed \(ServiceUnavailable: ServiceUnavailable said no\)/],
    ['500 InternalError', serviceError('InternalError', 500, 3), 'transient', /after 3 attempts/],
    ['ECONNREFUSED', networkError('ECONNREFUSED'), 'unavailable', /Cannot reach http:\/\/minio:9000 \(ECONNREFUSED\).*after 3 attempts/],
    ['an unknown host', networkError('ENOTFOUND'), 'unavailable', /Check `endpoint` and `region`/],
    ['a dropped connection', networkError('ECONNRESET'), 'transient', /\(ECONNRESET/],
    ['an idle timeout', Object.assign(new Error('socket timed out'), { name: 'TimeoutError' }), 'transient', /raise `requestTimeoutMs`/],
    ['KeyTooLongError', serviceError('KeyTooLongError', 400), 'invalid-request', /refused put .*\(KeyTooLongError/],
    ['a string', 'boom', 'unknown', /failed \(Unknown: boom\)/],
  ])('%s → %s', (_, error, kind, message) => {
    const classified = classifyS3Error(error, context);
    expect(classified.kind).toBe(kind);
    expect(classified.message).toMatch(message);
    expect(classified).toMatchObject({ bucket: 'media', operation: 'put', code: 'AIMA_STORAGE' });
  });

  it('keeps a plain, redacted cause instead of the SDK error and its HTTP exchange', () => {
    const original = serviceError('AccessDenied', 403);
    original.message = 'denied for s3cr3t';
    const classified = classifyS3Error(original, context);
    expect(classified.cause).not.toBe(original);
    expect(classified.cause).toMatchObject({ name: 'AccessDenied', message: 'denied for [redacted]', code: 'AccessDenied', status: 403 });
  });
});

describe('StorageError', () => {
  it('carries a stable code, its kind and what the store said', () => {
    const cause = new Error('root');
    const error = new StorageError('bucket-not-found', 'Bucket "b" does not exist.', {
      cause,
      bucket: 'b',
      operation: 'get',
      status: 404,
      storeCode: 'NoSuchBucket',
    });
    expect(error).toMatchObject({
      code: 'AIMA_STORAGE',
      name: 'StorageError',
      kind: 'bucket-not-found',
      bucket: 'b',
      operation: 'get',
      status: 404,
      storeCode: 'NoSuchBucket',
    });
    expect(error.cause).toBe(cause);
    expect(error).toBeInstanceOf(Error);
    expect(AimaError.isInstance(error)).toBe(true);
  });

  it.each<[StorageErrorKind, boolean]>([
    ['rate-limit', true],
    ['transient', true],
    ['unavailable', true],
    ['auth', false],
    ['bucket-not-found', false],
    ['invalid-request', false],
    ['unknown', false],
  ])('%s is retryable: %s', (kind, retryable) => {
    expect(new StorageError(kind, 'x').retryable).toBe(retryable);
  });

  it('isInstance survives a second copy of the package', () => {
    const foreign = Object.assign(new Error('copy'), { [Symbol.for('aima.error')]: true, [Symbol.for('aima.error.storage')]: true });
    expect(StorageError.isInstance(foreign)).toBe(true);
    expect(StorageError.isInstance(new Error('plain'))).toBe(false);
    expect(StorageError.isInstance(undefined)).toBe(false);
  });
});
