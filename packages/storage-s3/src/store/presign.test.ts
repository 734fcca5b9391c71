import { ValidationError } from '@aima/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type S3rverProcess, s3rverCredentials, startS3rver } from '../testing-support/s3rver-harness.js';
import { bytesOf, storeOn } from '../testing-support/s3rver-store.js';

let server: S3rverProcess;
beforeAll(async () => {
  server = await startS3rver();
});
afterAll(() => server.close());

describe('presigned URLs, used with plain fetch and no credentials', () => {
  it('a PUT URL uploads and a GET URL downloads the object', async () => {
    const { store, bucket } = await storeOn(server, { prefix: 'runs' });
    const putUrl = await store.presign('job_7/input.mp4', 'put', 300);
    expect(new URL(putUrl).pathname).toBe(`/${bucket}/runs/job_7/input.mp4`);
    expect(new URL(putUrl).searchParams.get('X-Amz-Expires')).toBe('300');
    // The SDK's default CRC32 of the (empty, at signing) body would make MinIO or R2 refuse the upload.
    expect([...new URL(putUrl).searchParams.keys()].filter((name) => /checksum/i.test(name))).toEqual([]);
    const uploaded = await fetch(putUrl, { method: 'PUT', body: 'frames from a cloud GPU' });
    expect(uploaded.status).toBe(200);
    expect((await bytesOf(await store.get('job_7/input.mp4')))?.toString()).toBe('frames from a cloud GPU');

    await store.put('job_7/result.json', new TextEncoder().encode('{"ok":true}'));
    const downloaded = await fetch(await store.presign('job_7/result.json', 'get', 60));
    expect(downloaded.status).toBe(200);
    expect(await downloaded.text()).toBe('{"ok":true}');
    await store.close();
  });

  it('carries the access key id, never the secret key', async () => {
    const { store } = await storeOn(server, { credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'not-in-any-url-9c41' } });
    const url = await store.presign('a/b', 'get', 60);
    expect(new URL(url).searchParams.get('X-Amz-Credential')).toMatch(/^S3RVER\//);
    expect(url).not.toContain('not-in-any-url-9c41');
    await store.close();
  });

  it('an expired URL is refused by the server', async () => {
    const { store } = await storeOn(server, { credentials: s3rverCredentials });
    await store.put('short/lived', new TextEncoder().encode('x'));
    const url = await store.presign('short/lived', 'get', 1);
    expect((await fetch(url)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const refused = await fetch(url);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('Request has expired');
    await store.close();
  });

  it('refuses a bad key, operation or lifetime before signing anything', async () => {
    const { store } = await storeOn(server);
    for (const attempt of [
      () => store.presign('../escape', 'get', 60),
      () => store.presign('a', 'delete' as 'get', 60),
      () => store.presign('a', 'get', 0),
      () => store.presign('a', 'put', 1.5),
      () => store.presign('a', 'put', 8 * 24 * 3600),
    ])
      await expect(attempt()).rejects.toBeInstanceOf(ValidationError);
    await store.close();
  });
});
