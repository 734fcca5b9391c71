import { describeObjectStoreConformance } from '@aima/core/testing';
import { afterAll, beforeAll } from 'vitest';
import { type S3rverProcess, startS3rver } from './testing-support/s3rver-harness.js';
import { storeOn } from './testing-support/s3rver-store.js';

let server: S3rverProcess;
beforeAll(async () => {
  server = await startS3rver();
});
afterAll(() => server.close());

describeObjectStoreConformance('s3 on s3rver (pages of 7)', async () => ({ store: (await storeOn(server, { pageSize: 7 })).store }));
describeObjectStoreConformance('s3 on s3rver under a key prefix', async () => ({
  store: (await storeOn(server, { prefix: 'tenants/acme', pageSize: 10 })).store,
}));
