import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/validation-error.js';
import { describeObjectStoreConformance } from '../testing/conformance/object-store-conformance.js';
import { createFilesystemObjectStore } from './filesystem-object-store.js';

async function tempStore(pageSize?: number) {
  const root = await mkdtemp(join(tmpdir(), 'aima-store-'));
  return {
    root,
    store: createFilesystemObjectStore({ root, ...(pageSize !== undefined && { pageSize }) }),
    teardown: () => rm(root, { recursive: true, force: true }),
  };
}

describeObjectStoreConformance('filesystem (small pages)', async () => {
  const { store, teardown } = await tempStore(7);
  return { store, teardown };
});

describe('filesystem object store', () => {
  it('leaves the old object intact and no visible trace when a write fails half-way', async () => {
    const { root, store, teardown } = await tempStore();
    try {
      await store.put('cp/latest', new TextEncoder().encode('complete checkpoint'));
      async function* broken() {
        yield new TextEncoder().encode('partial ');
        throw new Error('connection lost');
      }
      await expect(store.put('cp/latest', broken())).rejects.toThrow('connection lost');
      const stream = await store.get('cp/latest');
      expect(stream && (await new Response(stream).text())).toBe('complete checkpoint');
      expect(await readdir(join(root, 'cp'))).toEqual(['latest']);
      expect((await store.list('')).items.map((item) => item.key)).toEqual(['cp/latest']);
    } finally {
      await teardown();
    }
  });

  it('gives a content hash as etag and refuses a bad page size', async () => {
    const { store, teardown } = await tempStore();
    try {
      const info = await store.put('h', new TextEncoder().encode('abc'));
      expect(info.etag).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
      expect(store.residency).toBe('on-premises');
      expect(() => createFilesystemObjectStore({ root: '/tmp/x', pageSize: 0 })).toThrow(ValidationError);
    } finally {
      await teardown();
    }
  });
});
