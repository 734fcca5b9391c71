import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ResidencyError } from '../errors/residency-error.js';
import { ValidationError } from '../errors/validation-error.js';
import type { ObjectStore } from '../spec/object-store.js';
import { createFilesystemObjectStore } from '../storage/filesystem-object-store.js';
import { createTemporaryArea } from './temporary-area.js';

let root: string;
let store: ObjectStore;
const bytes = (text: string) => new TextEncoder().encode(text);
const keys = async () => (await store.list('')).items.map((item) => item.key);

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'aima-temporary-'));
  store = createFilesystemObjectStore({ root });
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe('temporary area', () => {
  it('deletes what the job put, what was tracked and what it wrote directly under its prefix, and nothing else', async () => {
    const area = createTemporaryArea(store, { prefix: 'tmp/', jobId: 'job 1' });
    expect(area.prefix).toBe('tmp/job%201/');
    await area.put('frames/0001.json', bytes('{}'));
    await store.put('inputs/job-1/clip.mp4', bytes('video'));
    area.track('inputs/job-1/clip.mp4');
    await store.put(area.keyFor('written-by-runner.bin'), bytes('direct'));
    await store.put('tmp/job-2/keep.bin', bytes('other job'));
    expect(area.trackedKeys()).toEqual(['tmp/job%201/frames/0001.json', 'inputs/job-1/clip.mp4']);
    const report = await area.cleanup();
    expect([...report.deleted].sort()).toEqual([
      'inputs/job-1/clip.mp4',
      'tmp/job%201/frames/0001.json',
      'tmp/job%201/written-by-runner.bin',
    ]);
    expect(report.failed).toEqual([]);
    expect(await keys()).toEqual(['tmp/job-2/keep.bin']);
    expect(area.trackedKeys()).toEqual([]);
    expect(await area.cleanup()).toEqual({ deleted: [], failed: [] });
  });

  it('reports keys it could not delete and retries them on the next cleanup', async () => {
    let failing = true;
    const flaky: ObjectStore = {
      ...store,
      delete: async (key, signal) => {
        if (failing) throw new Error('store unavailable');
        await store.delete(key, signal);
      },
    };
    const area = createTemporaryArea(flaky, { prefix: 'tmp', jobId: 'job-1' });
    await area.put('a.bin', bytes('a'));
    expect(await area.cleanup()).toEqual({ deleted: [], failed: [{ key: 'tmp/job-1/a.bin', message: 'store unavailable' }] });
    failing = false;
    expect(await area.cleanup()).toEqual({ deleted: ['tmp/job-1/a.bin'], failed: [] });
    expect(await keys()).toEqual([]);
  });

  it('rejects on abort, refuses a confidential job’s data off premises, and rejects bad keys', async () => {
    const area = createTemporaryArea(store, { prefix: 'tmp', jobId: 'job-1' });
    await area.put('a.bin', bytes('a'));
    await expect(area.cleanup(AbortSignal.abort(new Error('shutting down')))).rejects.toThrow('shutting down');
    expect(await keys()).toEqual(['tmp/job-1/a.bin']);
    const offPremises = createTemporaryArea(
      { ...store, residency: 'off-premises' },
      { prefix: 'tmp', jobId: 's', confidentiality: 'confidential' },
    );
    await expect(offPremises.put('x', bytes('secret'))).rejects.toSatisfy(ResidencyError.isInstance);
    expect(() => area.keyFor('../escape')).toThrow(ValidationError);
    expect(() => area.track('/absolute')).toThrow(ValidationError);
  });
});
