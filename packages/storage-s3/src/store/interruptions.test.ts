import { createServer, type Socket } from 'node:net';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StorageError } from '../storage-error.js';
import { type RecordedRequest, type S3rverProcess, startS3rver } from '../testing-support/s3rver-harness.js';
import { bytesOf, rejectionOf, storeOn } from '../testing-support/s3rver-store.js';

// Interrupted calls: an AbortSignal, a server that dies or hangs. Whatever happens, a reader sees
// the old object or none, never part of a new one.

const mebibyte = 1024 * 1024;
const isPart = (request: RecordedRequest) => request.method === 'PUT' && request.url.includes('partNumber=');
const isAbortUpload = (request: RecordedRequest) => request.method === 'DELETE' && request.url.includes('uploadId=');
const twelveMebibytes = () => Readable.from(Array.from({ length: 12 }, (_, index) => Buffer.alloc(mebibyte, index + 1)));
const fastFailure = { partSizeBytes: 5 * mebibyte, maxAttempts: 2, requestTimeoutMs: 2_000, connectionTimeoutMs: 1_000 } as const;

let server: S3rverProcess;
beforeAll(async () => {
  server = await startS3rver();
});
afterAll(() => server.close());

describe('AbortSignal', () => {
  it('aborts a multipart upload in flight: rejects at once with the reason, stores nothing, aborts the upload on the server', async () => {
    const { store, logger } = await storeOn(server, { partSizeBytes: 5 * mebibyte });
    const controller = new AbortController();
    const reason = new Error('job cancelled');
    const partArrived = server.nextRequest(isPart);
    const abortSent = server.nextRequest(isAbortUpload);
    const body = Readable.from(Array.from({ length: 16 }, () => Buffer.alloc(mebibyte, 3)));
    const putting = rejectionOf(store.put('media/big.bin', body, { signal: controller.signal }));
    await partArrived;
    const abortedAt = performance.now();
    controller.abort(reason);
    expect(await putting).toBe(reason);
    expect(performance.now() - abortedAt).toBeLessThan(500);
    expect(body.destroyed).toBe(true);
    expect((await abortSent).url).toMatch(/\/media\/big\.bin\?uploadId=[0-9a-f]+/);
    expect(await store.head('media/big.bin')).toBeUndefined();
    // s3rver does not implement AbortMultipartUpload (405): the store logs the parts left behind.
    await expect.poll(() => logger.entries.some((entry) => entry.level === 'warn' && entry.fields?.key === 'media/big.bin')).toBe(true);
    await store.close();
  });

  it('aborts a small upload whose body stalls, and cancels the body', async () => {
    const { store } = await storeOn(server);
    const controller = new AbortController();
    let cancelled: unknown;
    const stalled = new ReadableStream<Uint8Array>({
      start: (stream) => stream.enqueue(new TextEncoder().encode('half a checkpoint')),
      cancel: (why) => {
        cancelled = why;
      },
    });
    const putting = rejectionOf(store.put('checkpoints/stalled', stalled, { signal: controller.signal }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const reason = new Error('deadline');
    controller.abort(reason);
    expect(await putting).toBe(reason);
    await expect.poll(() => cancelled).toBeDefined();
    expect(await store.get('checkpoints/stalled')).toBeUndefined();
    await store.close();
  });

  it('aborts a download half-way: the stream errors with the reason', async () => {
    const { store } = await storeOn(server);
    await store.put('media/video.bin', new Uint8Array(4 * mebibyte).fill(9));
    const controller = new AbortController();
    const stream = await store.get('media/video.bin', controller.signal);
    const reader = stream?.getReader();
    expect((await reader?.read())?.done).toBe(false);
    const reason = new Error('stop reading');
    controller.abort(reason);
    const drained = (async () => {
      while (!(await reader?.read())?.done);
    })();
    await expect(drained).rejects.toBe(reason);
    expect((await bytesOf(await store.get('media/video.bin')))?.byteLength).toBe(4 * mebibyte);
    await store.close();
  });

  it('rejects every call under an aborted signal with its reason, sending no request', async () => {
    const { store } = await storeOn(server);
    const reason = new Error('already over');
    const signal = AbortSignal.abort(reason);
    const before = (await server.requests()).length;
    await expect(store.get('a', signal)).rejects.toBe(reason);
    await expect(store.head('a', signal)).rejects.toBe(reason);
    await expect(store.delete('a', signal)).rejects.toBe(reason);
    await expect(store.list('a/', undefined, signal)).rejects.toBe(reason);
    await expect(store.put('a', new Uint8Array([1]), { signal })).rejects.toBe(reason);
    expect((await server.requests()).length).toBe(before);
    await store.close();
  });
});

describe('a server that dies or hangs', () => {
  it('dies mid multipart upload: put fails fast with a StorageError and no partial object ever shows', async () => {
    const { store, logger } = await storeOn(server, fastFailure);
    await store.put('checkpoints/latest', new TextEncoder().encode('checkpoint v1'));
    const partArrived = server.nextRequest(isPart);
    const started = performance.now();
    const putting = rejectionOf(store.put('checkpoints/latest', twelveMebibytes()));
    const putNew = rejectionOf(store.put('checkpoints/new', twelveMebibytes()));
    await partArrived;
    await server.kill();
    const errors = [await putting, await putNew];
    expect(performance.now() - started).toBeLessThan(5_000);
    for (const error of errors) {
      expect(StorageError.isInstance(error)).toBe(true);
      expect(['unavailable', 'transient']).toContain((error as StorageError).kind);
      expect((error as StorageError).message).toContain(server.endpoint);
      expect((error as StorageError).retryable).toBe(true);
    }
    // Telling the dead server to drop the parts failed too: logged with the upload id (an upload
    // whose CreateMultipartUpload had no answer yet has no id, and nothing to drop).
    const abandoned = logger.entries.filter((entry) => entry.level === 'warn' && /could not be aborted/.test(entry.message));
    expect(abandoned.length).toBeGreaterThanOrEqual(1);
    for (const entry of abandoned)
      expect(entry.fields).toMatchObject({ key: expect.stringMatching(/^checkpoints\/(latest|new)$/), uploadId: expect.any(String) });

    await server.restart();
    expect((await bytesOf(await store.get('checkpoints/latest')))?.toString()).toBe('checkpoint v1');
    expect(await store.head('checkpoints/new')).toBeUndefined();
    expect(await store.get('checkpoints/new')).toBeUndefined();
    expect((await store.list('checkpoints/')).items.map((item) => [item.key, item.sizeBytes])).toEqual([['checkpoints/latest', 13]]);
    await store.close();
  });

  it('is not running: the error says the endpoint cannot be reached', async () => {
    const { store } = await storeOn(server, { ...fastFailure, endpoint: 'http://127.0.0.1:1', bucket: 'anything' });
    const error = await rejectionOf(store.put('a', new Uint8Array([1])));
    expect(StorageError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ kind: 'unavailable', storeCode: 'ECONNREFUSED', bucket: 'anything', operation: 'put' });
    expect((error as Error).message).toMatch(/Cannot reach http:\/\/127\.0\.0\.1:1 \(ECONNREFUSED\).*after 2 attempts.*Check `endpoint`/);
    await store.close();
  });

  it('accepts connections but never answers: the idle timeout fails the call', async () => {
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const address = silent.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    const { store } = await storeOn(server, {
      endpoint: `http://127.0.0.1:${port}`,
      bucket: 'silent',
      maxAttempts: 1,
      requestTimeoutMs: 300,
    });
    const started = performance.now();
    const error = await rejectionOf(store.list(''));
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(error).toMatchObject({ kind: 'transient', storeCode: 'TimeoutError' });
    expect((error as Error).message).toMatch(/raise `requestTimeoutMs`/);
    await store.close();
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });
});
