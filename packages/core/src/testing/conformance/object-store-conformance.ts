import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ValidationError } from '../../errors/validation-error.js';
import type { ObjectStore } from '../../spec/object-store.js';

/** What an ObjectStore implementation hands the conformance suite. */
export interface ObjectStoreHarness {
  readonly store: ObjectStore;
  readonly teardown?: () => Promise<void> | void;
}

async function bytesOf(stream: ReadableStream<Uint8Array> | undefined): Promise<Buffer | undefined> {
  if (stream === undefined) return undefined;
  const parts: Uint8Array[] = [];
  const reader = stream.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) parts.push(next.value);
  return Buffer.concat(parts);
}

/** The ObjectStore contract as tests: `describeObjectStoreConformance('s3 (s3rver)', async () => ({ store }))`. */
export function describeObjectStoreConformance(name: string, setup: () => Promise<ObjectStoreHarness>): void {
  describe(`ObjectStore conformance: ${name}`, () => {
    let harness: ObjectStoreHarness;
    beforeEach(async () => {
      harness = await setup();
    });
    afterEach(async () => {
      await harness.store.close();
      await harness.teardown?.();
    });

    it('stores bytes and gives the same bytes back, with their size', async () => {
      const body = new TextEncoder().encode('frame data ✓');
      const info = await harness.store.put('jobs/job_1/checkpoint-1.bin', body);
      expect(info).toMatchObject({ key: 'jobs/job_1/checkpoint-1.bin', sizeBytes: body.byteLength });
      expect(await bytesOf(await harness.store.get('jobs/job_1/checkpoint-1.bin'))).toEqual(Buffer.from(body));
      expect(await harness.store.head('jobs/job_1/checkpoint-1.bin')).toMatchObject({ sizeBytes: body.byteLength });
      expect(['on-premises', 'off-premises']).toContain(harness.store.residency);
    });

    it('streams both ways: a web stream and a Node stream of several megabytes', async () => {
      const chunk = Buffer.alloc(1 << 20, 7);
      const web = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let index = 0; index < 3; index++) controller.enqueue(chunk);
          controller.close();
        },
      });
      await harness.store.put('media/web.bin', web);
      expect((await bytesOf(await harness.store.get('media/web.bin')))?.byteLength).toBe(3 << 20);
      await harness.store.put('media/node.bin', Readable.from([chunk, chunk, chunk, chunk, chunk]));
      const read = await bytesOf(await harness.store.get('media/node.bin'));
      expect(read?.byteLength).toBe(5 << 20);
      expect(read?.every((byte) => byte === 7)).toBe(true);
    });

    it('replaces an object on a second put and answers undefined for missing keys', async () => {
      await harness.store.put('a/b', new TextEncoder().encode('first'));
      await harness.store.put('a/b', new TextEncoder().encode('second'));
      expect((await bytesOf(await harness.store.get('a/b')))?.toString()).toBe('second');
      expect(await harness.store.get('a/missing')).toBeUndefined();
      expect(await harness.store.head('a/missing')).toBeUndefined();
    });

    it('lists by prefix in key order, every key exactly once across pages', async () => {
      const keys = Array.from({ length: 25 }, (_, index) => `list/${String(index).padStart(3, '0')}`);
      for (const key of [...keys].reverse()) await harness.store.put(key, new Uint8Array([1]));
      await harness.store.put('other/x', new Uint8Array([1]));
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await harness.store.list('list/', cursor);
        seen.push(...page.items.map((item) => item.key));
        cursor = page.cursor;
      } while (cursor !== undefined);
      expect(seen).toEqual(keys);
    });

    it('deletes idempotently', async () => {
      await harness.store.put('gone/soon', new Uint8Array([1, 2, 3]));
      await harness.store.delete('gone/soon');
      await harness.store.delete('gone/soon');
      expect(await harness.store.get('gone/soon')).toBeUndefined();
    });

    it.each(['', '/etc/passwd', '../outside', 'a/../../b', 'a//b', 'a\\b', './a'])(
      'refuses the key %j with a ValidationError before any I/O',
      async (key) => {
        await expect(harness.store.put(key, new Uint8Array([1]))).rejects.toBeInstanceOf(ValidationError);
        await expect(harness.store.get(key)).rejects.toBeInstanceOf(ValidationError);
        await expect(harness.store.delete(key)).rejects.toBeInstanceOf(ValidationError);
      },
    );

    it('rejects with the abort reason when the signal is already aborted', async () => {
      const reason = new Error('conformance abort');
      await expect(harness.store.put('x', new Uint8Array([1]), { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
      await expect(harness.store.list('', undefined, AbortSignal.abort(reason))).rejects.toBe(reason);
    });
  });
}
