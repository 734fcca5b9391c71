import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RecordedRequest, type S3rverProcess, startS3rver } from '../testing-support/s3rver-harness.js';
import { bytesOf, storeOn } from '../testing-support/s3rver-store.js';

const mebibyte = 1024 * 1024;

/** Bytes that differ at every offset, so a part out of place or a byte lost shows. */
function patterned(size: number): Buffer {
  const bytes = Buffer.alloc(size);
  for (let offset = 0; offset < size; offset++) bytes[offset] = (offset * 31 + (offset >> 12)) & 0xff;
  return bytes;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const isPart = (request: RecordedRequest) => request.method === 'PUT' && request.url.includes('partNumber=');

let server: S3rverProcess;
beforeAll(async () => {
  server = await startS3rver();
});
afterAll(() => server.close());

describe('uploads through lib-storage', () => {
  it('sends 12 MiB as three 5 MiB-sized parts and reads it back byte for byte', async () => {
    const { store } = await storeOn(server, { partSizeBytes: 5 * mebibyte });
    const data = patterned(12 * mebibyte);
    const before = (await server.requests()).length;
    const chunks = Array.from({ length: 12 * 16 }, (_, index) => data.subarray(index * 65_536, (index + 1) * 65_536));
    const info = await store.put('checkpoints/job_1/state.bin', Readable.from(chunks), { contentType: 'application/octet-stream' });
    const sent = (await server.requests()).slice(before);
    expect(sent.filter((request) => request.method === 'POST' && request.url.includes('uploads'))).toHaveLength(1);
    expect(
      sent
        .filter(isPart)
        .map((request) => new URL(request.url, 'http://x').searchParams.get('partNumber'))
        .sort(),
    ).toEqual(['1', '2', '3']);
    expect(info).toMatchObject({ key: 'checkpoints/job_1/state.bin', sizeBytes: 12 * mebibyte, contentType: 'application/octet-stream' });
    // AWS gives a multipart ETag `<md5 of part md5s>-3`; s3rver gives the whole body's MD5.
    expect(info.etag).toMatch(/^[0-9a-f]{32}(-3)?$/);
    const read = await bytesOf(await store.get('checkpoints/job_1/state.bin'));
    expect(read?.byteLength).toBe(data.byteLength);
    expect(read && sha256(read)).toBe(sha256(data));
    expect(await store.head('checkpoints/job_1/state.bin')).toMatchObject({
      sizeBytes: 12 * mebibyte,
      contentType: 'application/octet-stream',
    });
    await store.close();
  });

  it('sends a web stream and a byte array larger than one part as multipart too', async () => {
    const { store } = await storeOn(server, { partSizeBytes: 5 * mebibyte, queueSize: 1 });
    const data = patterned(5 * mebibyte + 17);
    const web = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let offset = 0; offset < data.byteLength; offset += mebibyte) controller.enqueue(data.subarray(offset, offset + mebibyte));
        controller.close();
      },
    });
    const before = (await server.requests()).length;
    await store.put('media/web.bin', web);
    await store.put('media/bytes.bin', new Uint8Array(data));
    expect((await server.requests()).slice(before).filter(isPart)).toHaveLength(4);
    for (const key of ['media/web.bin', 'media/bytes.bin']) {
      const read = await bytesOf(await store.get(key));
      expect(read && sha256(read)).toBe(sha256(data));
    }
    await store.close();
  });

  it('sends a body up to one part in a single PUT, an empty one included', async () => {
    const { store } = await storeOn(server);
    const before = (await server.requests()).length;
    expect(await store.put('small', Readable.from([Buffer.from('tiny')]))).toMatchObject({ sizeBytes: 4 });
    expect(await store.put('empty', new Uint8Array(0))).toMatchObject({ sizeBytes: 0 });
    const sent = (await server.requests()).slice(before);
    expect(sent.map((request) => request.method)).toEqual(['PUT', 'PUT']);
    expect(sent.every((request) => request.url.includes('x-id=PutObject'))).toBe(true);
    expect((await bytesOf(await store.get('empty')))?.byteLength).toBe(0);
    await store.close();
  });
});
