import { ConfigError, silentLogger } from '@aima/core';
import { describe, expect, it } from 'vitest';
import { parseS3ObjectStoreOptions, type S3ObjectStoreOptions } from './options.js';
import { createS3ObjectStore } from './store/s3-object-store.js';

function issuesOf(options: unknown): string[] {
  try {
    parseS3ObjectStoreOptions(options as S3ObjectStoreOptions);
  } catch (error) {
    expect(ConfigError.isInstance(error)).toBe(true);
    return (error as ConfigError).issues.map((issue) => `${issue.path}: ${issue.message}`);
  }
  throw new Error('expected a ConfigError');
}

describe('S3 object store options', () => {
  it('fills every default', () => {
    const options = parseS3ObjectStoreOptions({ bucket: 'aima-media' });
    expect(options).toMatchObject({
      bucket: 'aima-media',
      prefix: '',
      forcePathStyle: false,
      residency: 'off-premises',
      partSizeBytes: 8 * 1024 * 1024,
      queueSize: 4,
      maxAttempts: 5,
      retryMode: 'standard',
      requestTimeoutMs: 30_000,
      connectionTimeoutMs: 5_000,
      pageSize: 1000,
      logger: silentLogger,
    });
    expect(options.credentials).toBeUndefined();
    expect(options.region).toBeUndefined();
  });

  it('adds the missing trailing slash of a prefix', () => {
    expect(parseS3ObjectStoreOptions({ bucket: 'b-1', prefix: 'tenants/acme' }).prefix).toBe('tenants/acme/');
    expect(parseS3ObjectStoreOptions({ bucket: 'b-1', prefix: 'tenants/acme/' }).prefix).toBe('tenants/acme/');
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['no bucket', {}, 'bucket: set `bucket` to the name of an existing bucket'],
    ['an upper-case bucket', { bucket: 'My_Bucket' }, 'bucket: must be 3–63 lowercase letters'],
    ['a prefix leaving the bucket', { bucket: 'b-1', prefix: '../other' }, 'prefix: has an empty, "." or ".." segment'],
    ['an absolute prefix', { bucket: 'b-1', prefix: '/data' }, 'prefix: must be relative'],
    ['an endpoint that is no URL', { bucket: 'b-1', endpoint: 'minio:9000' }, 'endpoint: must be an http(s) URL'],
    [
      'an endpoint with a password',
      { bucket: 'b-1', endpoint: 'http://u:p@minio:9000' },
      'endpoint: must not hold a user name or password',
    ],
    ['credentials without a secret', { bucket: 'b-1', credentials: { accessKeyId: 'AKIA' } }, 'credentials.secretAccessKey:'],
    ['an unknown residency', { bucket: 'b-1', residency: 'cloud' }, 'residency:'],
    ['an unknown encryption', { bucket: 'b-1', serverSideEncryption: 'aws:kms:dsse' }, 'serverSideEncryption:'],
    ['a KMS key without aws:kms', { bucket: 'b-1', kmsKeyId: 'alias/x' }, "kmsKeyId: needs `serverSideEncryption: 'aws:kms'`"],
    ['parts below 5 MiB', { bucket: 'b-1', partSizeBytes: 1024 * 1024 }, 'partSizeBytes: must be at least 5 MiB'],
    ['no parallel part', { bucket: 'b-1', queueSize: 0 }, 'queueSize:'],
    ['no attempt', { bucket: 'b-1', maxAttempts: 0 }, 'maxAttempts:'],
    ['a fractional timeout', { bucket: 'b-1', requestTimeoutMs: 1.5 }, 'requestTimeoutMs:'],
    ['pages above the S3 maximum', { bucket: 'b-1', pageSize: 5000 }, 'pageSize:'],
    ['a logger without methods', { bucket: 'b-1', logger: {} }, 'logger: must be a Logger'],
    ['a client without methods', { bucket: 'b-1', client: {} }, 'client: must be an S3ObjectClient'],
    ['an unknown option', { bucket: 'b-1', acl: 'public-read' }, 'Unrecognized key'],
  ])('refuses %s with a ConfigError naming the field', (_, options, expected) => {
    expect(issuesOf(options).join('\n')).toContain(expected);
  });

  it('lists every problem at once, and the factory throws the same error', () => {
    const bad = { bucket: 'x', partSizeBytes: 1, maxAttempts: -1 };
    expect(issuesOf(bad)).toHaveLength(3);
    expect(() => createS3ObjectStore(bad)).toThrow(/Invalid S3 object store options \(3 problems\)/);
  });
});
