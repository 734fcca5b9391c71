import { ConfigError, ValidationError } from '@aima/core';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSdkS3ObjectClient } from '../client/sdk-s3-object-client.js';
import { type S3rverProcess, s3rverCredentials, startS3rver } from '../testing-support/s3rver-harness.js';
import { bytesOf, storeOn } from '../testing-support/s3rver-store.js';
import { createS3ObjectStore } from './s3-object-store.js';

let server: S3rverProcess;
let sdk: S3Client;
beforeAll(async () => {
  server = await startS3rver();
  sdk = new S3Client({ endpoint: server.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: s3rverCredentials });
});
afterAll(async () => {
  sdk.destroy();
  await server.close();
});

const text = (value: string) => new TextEncoder().encode(value);

describe('S3 object store', () => {
  it('is off-premises unless the host says the server is its own', async () => {
    expect((await storeOn(server)).store.residency).toBe('off-premises');
    expect((await storeOn(server, { residency: 'on-premises' })).store.residency).toBe('on-premises');
  });

  it('keeps its objects under the prefix and answers with keys relative to it', async () => {
    const { store, bucket } = await storeOn(server, { prefix: 'tenants/acme' });
    const whole = createS3ObjectStore({ bucket, endpoint: server.endpoint, forcePathStyle: true, credentials: s3rverCredentials });
    await store.put('jobs/job_1/out.json', text('{}'));
    await whole.put('tenants/other/secret.txt', text('not acme'));
    expect((await whole.list('')).items.map((item) => item.key)).toEqual(['tenants/acme/jobs/job_1/out.json', 'tenants/other/secret.txt']);
    expect((await store.list('')).items.map((item) => item.key)).toEqual(['jobs/job_1/out.json']);
    expect(await store.head('jobs/job_1/out.json')).toMatchObject({ key: 'jobs/job_1/out.json', sizeBytes: 2 });
    await Promise.all([store.close(), whole.close()]);
  });

  it('pages with S3 continuation tokens and skips objects it cannot address', async () => {
    const { store, bucket } = await storeOn(server, { pageSize: 2 });
    for (const key of ['p/1', 'p/2', 'p/3', 'p/4', 'p/5']) await store.put(key, text(key));
    await sdk.send(new PutObjectCommand({ Bucket: bucket, Key: 'p/3.5/', Body: '' })); // a console "folder"
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await store.list('p/', cursor);
      pages.push(page.items.map((item) => item.key));
      if (page.cursor !== undefined) expect(page.cursor).not.toMatch(/^p\//);
      cursor = page.cursor;
    } while (cursor !== undefined);
    // At most two per page, the folder marker left out. s3rver lists `p/3.5/` before `p/3` and again
    // on the next page, so the page boundaries are not S3's; the keys the store answers are.
    expect(pages.flat()).toEqual(['p/1', 'p/2', 'p/3', 'p/4', 'p/5']);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(pages.every((page) => page.length <= 2)).toBe(true);
    await expect(store.list('p/', '')).rejects.toBeInstanceOf(ValidationError);
    await store.close();
  });

  it('refuses a key too long with the prefix before any request', async () => {
    const { store } = await storeOn(server, { prefix: 'p'.repeat(100) });
    const before = (await server.requests()).length;
    await expect(store.put('k'.repeat(1000), text('x'))).rejects.toThrow(/longer than 1024 bytes with the store prefix/);
    await expect(store.list('../up')).rejects.toBeInstanceOf(ValidationError);
    expect((await server.requests()).length).toBe(before);
    await store.close();
  });

  it('asks whether the bucket exists only on the first missing head', async () => {
    const { store } = await storeOn(server);
    const before = (await server.requests()).length;
    expect(await store.head('nothing/here')).toBeUndefined();
    expect(await store.head('nothing/there')).toBeUndefined();
    const sent = (await server.requests()).slice(before).map((request) => `${request.method} ${new URL(request.url, 'http://x').pathname}`);
    expect(sent).toEqual([`HEAD /${store.bucket}/nothing/here`, `HEAD /${store.bucket}/`, `HEAD /${store.bucket}/nothing/there`]);
    await store.close();
  });

  it('works over a client the host built, and leaves that client open on close', async () => {
    const { bucket } = await storeOn(server);
    const client = createSdkS3ObjectClient({ s3: sdk, bucket });
    const store = createS3ObjectStore({ bucket, client });
    await store.put('shared', text('one client'));
    await store.close();
    const again = createS3ObjectStore({ bucket, client });
    expect((await bytesOf(await again.get('shared')))?.toString()).toBe('one client');
    expect(() => createS3ObjectStore({ bucket: 'another-bucket', client })).toThrow(ConfigError);
  });
});
