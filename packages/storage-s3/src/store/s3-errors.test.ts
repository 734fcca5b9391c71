import { inspect } from 'node:util';
import { ConfigError } from '@aima/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StorageError } from '../storage-error.js';
import { type S3rverProcess, startS3rver } from '../testing-support/s3rver-harness.js';
import { rejectionOf, storeOn } from '../testing-support/s3rver-store.js';
import { createS3ObjectStore } from './s3-object-store.js';

let server: S3rverProcess;
beforeAll(async () => {
  server = await startS3rver();
});
afterAll(() => server.close());

const text = (value: string) => new TextEncoder().encode(value);
const secretAccessKey = 'wJalrXUtnFEMIK7MDENGbPxRfiCYsecret4f1d';
const sessionToken = 'FwoGZXIvYXdzEBoaDtokenSessionA9c7e';

/** Everything an error can show: inspection with hidden fields, message, stack, JSON, the whole cause chain. */
function everything(value: unknown): string {
  const parts: string[] = [inspect(value, { depth: 10, showHidden: true }), String(value)];
  for (let current: unknown = value; current instanceof Error; current = current.cause) {
    parts.push(current.message, current.stack ?? '', JSON.stringify(current), JSON.stringify(Object.entries(current)));
  }
  return parts.join('\n');
}

function expectNoSecret(shown: string): void {
  expect(shown).not.toContain(secretAccessKey);
  expect(shown).not.toContain(sessionToken);
}

describe('S3 failures become StorageErrors that say what to do', () => {
  it('a missing bucket, on every call, names the bucket', async () => {
    const { store } = await storeOn(server, { bucket: 'no-such-bucket-here' });
    const calls = [store.put('a', text('x')), store.get('a'), store.head('a'), store.list(''), store.delete('a')];
    for (const error of await Promise.all(calls.map(rejectionOf))) {
      expect(StorageError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ code: 'AIMA_STORAGE', kind: 'bucket-not-found', bucket: 'no-such-bucket-here', retryable: false });
      expect((error as Error).message).toContain('Bucket "no-such-bucket-here" does not exist at http://127.0.0.1:');
    }
    await store.close();
  });

  it('an unknown access key id says to check the credentials', async () => {
    const { store } = await storeOn(server, { credentials: { accessKeyId: 'AKIAWRONG', secretAccessKey: 'whatever' } });
    const errors = await Promise.all([store.put('a', text('x')), store.head('a'), store.list('')].map(rejectionOf));
    // A HEAD answer has no body, so no S3 code: the status stands in for it.
    expect(errors.map((error) => (error as StorageError).storeCode)).toEqual(['InvalidAccessKeyId', 'HTTP 403', 'InvalidAccessKeyId']);
    for (const error of errors) {
      expect(error).toMatchObject({ kind: 'auth', status: 403 });
      expect((error as Error).message).toMatch(
        /refused the credentials \((InvalidAccessKeyId|HTTP 403)\).*Check accessKeyId and secretAccessKey/,
      );
    }
    await store.close();
  });

  it.each([
    [403, 'SignatureDoesNotMatch'],
    [403, 'AccessDenied'],
    [400, 'ExpiredToken'],
  ])('a %i %s answer is an auth error and is not retried', async (status, code) => {
    const { store } = await storeOn(server, { maxAttempts: 3 });
    await server.failNext(1, status, code);
    const error = await rejectionOf(store.list(''));
    expect(error).toMatchObject({ kind: 'auth', storeCode: code, status, operation: 'list' });
    expect((error as Error).message).toContain(`(${code})`);
    await store.close();
  });

  it('retries 503 SlowDown with backoff and succeeds when the throttling stops', async () => {
    const { store } = await storeOn(server, { maxAttempts: 2 });
    await server.failNext(1, 503, 'SlowDown');
    const before = (await server.requests()).length;
    expect(await store.put('throttled', text('eventually'))).toMatchObject({ sizeBytes: 10 });
    expect((await server.requests()).length - before).toBe(2);
    await store.close();
  });

  it('reports throttling that outlasts every attempt as a retryable rate-limit error', async () => {
    const { store } = await storeOn(server, { maxAttempts: 2 });
    await server.failNext(2, 503, 'SlowDown');
    const error = await rejectionOf(store.put('throttled', text('never')));
    expect(error).toMatchObject({ kind: 'rate-limit', storeCode: 'SlowDown', status: 503, retryable: true });
    expect((error as Error).message).toMatch(/kept throttling put .* \(SlowDown\) after 2 attempts\. Retry later, lower `queueSize`/);
    await store.close();
  });

  it('reports a persistent 500 as transient after the retries', async () => {
    const { store } = await storeOn(server, { maxAttempts: 2 });
    await server.failNext(2, 500, 'InternalError');
    expect(await rejectionOf(store.list(''))).toMatchObject({ kind: 'transient', storeCode: 'InternalError', retryable: true });
    await server.failNext(2, 500, 'InternalError');
    expect(await rejectionOf(store.head('x'))).toMatchObject({ kind: 'transient', storeCode: 'HTTP 500', status: 500 });
    await store.close();
  });

  it('sends the configured server-side encryption with single and multipart uploads', async () => {
    const { store } = await storeOn(server, { serverSideEncryption: 'aws:kms', kmsKeyId: 'alias/aima', partSizeBytes: 5 * 1024 * 1024 });
    const before = (await server.requests()).length;
    await store.put('small', text('x'));
    await store.put('large', new Uint8Array(6 * 1024 * 1024));
    const uploads = (await server.requests()).slice(before).filter((request) => !request.url.includes('partNumber='));
    expect(uploads.map((request) => [request.method, request.headers])).toEqual([
      [
        'PUT',
        expect.objectContaining({ 'x-amz-server-side-encryption': 'aws:kms', 'x-amz-server-side-encryption-aws-kms-key-id': 'alias/aima' }),
      ],
      [
        'POST',
        expect.objectContaining({ 'x-amz-server-side-encryption': 'aws:kms', 'x-amz-server-side-encryption-aws-kms-key-id': 'alias/aima' }),
      ],
      ['POST', expect.not.objectContaining({ 'x-amz-server-side-encryption': expect.anything() })],
    ]);
    await store.close();
  });
});

describe('the secret key and the session token never show', () => {
  it('not in errors of any kind, nor in the log, nor in the store itself', async () => {
    const credentials = { accessKeyId: 'S3RVER', secretAccessKey, sessionToken };
    const { store, logger } = await storeOn(server, { credentials, maxAttempts: 2 });
    const wrongKey = await storeOn(server, { credentials: { ...credentials, accessKeyId: 'AKIAUNKNOWN' } });
    const missing = await storeOn(server, { credentials, bucket: 'missing-bucket' });
    const unreachable = await storeOn(server, { credentials, endpoint: 'http://127.0.0.1:1', bucket: 'b-1', maxAttempts: 1 });
    const errors: unknown[] = [
      await rejectionOf(wrongKey.store.put('a', new Uint8Array([1]))),
      await rejectionOf(missing.store.head('a')),
      await rejectionOf(unreachable.store.list('')),
    ];
    await server.failNext(1, 403, 'SignatureDoesNotMatch');
    errors.push(await rejectionOf(store.get('a')));
    // A server that echoes the secret back, as a code and a message, is redacted too.
    await server.failNext(1, 400, `Echo${secretAccessKey}`);
    errors.push(await rejectionOf(store.list('')));

    expect(errors.map((error) => (error as StorageError).kind)).toEqual([
      'auth',
      'bucket-not-found',
      'unavailable',
      'auth',
      'invalid-request',
    ]);
    expect((errors[4] as Error).message).toContain('Echo[redacted]');
    for (const error of errors) {
      expect(StorageError.isInstance(error)).toBe(true);
      expectNoSecret(everything(error));
    }
    for (const each of [store, wrongKey.store, missing.store, unreachable.store]) expectNoSecret(everything(each) + JSON.stringify(each));
    const entries = [logger, wrongKey.logger, missing.logger, unreachable.logger].flatMap((log) => log.entries);
    expect(entries.length).toBeGreaterThanOrEqual(4);
    expectNoSecret(JSON.stringify(entries));
    await Promise.all([store, wrongKey.store, missing.store, unreachable.store].map((each) => each.close()));
  });

  it('not in a configuration error', () => {
    let caught: unknown;
    try {
      createS3ObjectStore({
        bucket: 'Not_A_Bucket',
        endpoint: `https://user:${secretAccessKey}@minio.internal`,
        credentials: { accessKeyId: '', secretAccessKey, sessionToken },
        partSizeBytes: secretAccessKey as unknown as number,
      });
    } catch (error) {
      caught = error;
    }
    expect(ConfigError.isInstance(caught)).toBe(true);
    expect((caught as ConfigError).issues.map((issue) => issue.path).sort()).toEqual([
      'bucket',
      'credentials.accessKeyId',
      'endpoint',
      'partSizeBytes',
    ]);
    expectNoSecret(everything(caught));
  });
});
