import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../errors/config-error.js';
import { ResidencyError } from '../errors/residency-error.js';
import type { Logger } from '../spec/job-runner.js';
import type { ObjectStore } from '../spec/object-store.js';
import { createFilesystemObjectStore } from '../storage/filesystem-object-store.js';
import { VirtualClock } from '../time/virtual-clock.js';
import { listEverything } from './checkpoint-layout.js';
import { type CheckpointStoreOptions, createCheckpointStore } from './checkpoint-store.js';

const job = { id: 'job-1', confidentiality: 'internal' } as const;
const bytes = (text: string) => new TextEncoder().encode(text);
const text = (data: Uint8Array | undefined) => (data === undefined ? undefined : new TextDecoder().decode(data));
/** Byte comparison; deep equality over thousands of elements is slow. */
const sameBytes = (a: Uint8Array | undefined, b: Uint8Array) => a !== undefined && Buffer.compare(a, b) === 0;
const cp = (sequence: number, file: 'data' | 'manifest.json') => `checkpoints/job-1/${String(sequence).padStart(10, '0')}/${file}`;

let root: string;
let store: ObjectStore;
let clock: VirtualClock;
let warnings: Array<Readonly<Record<string, unknown>> | undefined>;
const log: Logger = { debug() {}, info() {}, warn: (_message, fields) => warnings.push(fields), error() {} };

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'aima-checkpoints-'));
  store = createFilesystemObjectStore({ root });
  clock = new VirtualClock(1_700_000_000_000);
  warnings = [];
});
afterEach(() => rm(root, { recursive: true, force: true }));

const checkpoints = (options: Partial<CheckpointStoreOptions> = {}) => createCheckpointStore({ store, clock, log, ...options });
async function rewriteManifest(sequence: number, change: (manifest: Record<string, unknown>) => Record<string, unknown>) {
  const stream = await store.get(cp(sequence, 'manifest.json'));
  const manifest = JSON.parse(stream ? await new Response(stream).text() : '{}') as Record<string, unknown>;
  await store.put(cp(sequence, 'manifest.json'), bytes(JSON.stringify(change(manifest))));
}
const keys = async () => (await listEverything(store, '')).map((item) => item.key);

describe('checkpoint store', () => {
  it('saves and returns the newest checkpoint, with sequence, id, time and data', async () => {
    const checkpointStore = checkpoints();
    await checkpointStore.save(job, bytes('first'));
    await clock.advanceBy(5_000);
    const saved = await checkpointStore.save(job, bytes('second'));
    expect(saved).toMatchObject({ id: 'job-1-cp2', jobId: 'job-1', sequence: 2, createdAt: 1_700_000_005_000, sizeBytes: 6 });
    const latest = await checkpointStore.latest('job-1');
    expect({ ...latest, data: text(latest?.data) }).toEqual({ ...saved, data: 'second' });
    expect(await keys()).toEqual([cp(1, 'data'), cp(1, 'manifest.json'), cp(2, 'data'), cp(2, 'manifest.json')]);
    expect(await checkpointStore.latest('another-job')).toBeUndefined();
  });

  it.each([
    ['data without a manifest', () => store.delete(cp(2, 'manifest.json'))],
    ['a manifest whose checksum does not match', () => rewriteManifest(2, (manifest) => ({ ...manifest, sha256: '0'.repeat(64) }))],
    ['data changed after the commit', () => store.put(cp(2, 'data'), bytes('SECOND'))],
    ['truncated data', () => store.put(cp(2, 'data'), bytes('sec'))],
    ['a manifest that is not JSON', () => store.put(cp(2, 'manifest.json'), bytes('{"formatVersion":'))],
    ['a manifest without its data', () => store.delete(cp(2, 'data'))],
  ])('never lets an interrupted write win over an older complete checkpoint: %s', async (_name, damage) => {
    const checkpointStore = checkpoints();
    await checkpointStore.save(job, bytes('first'));
    await checkpointStore.save(job, bytes('second'));
    await damage();
    const latest = await checkpointStore.latest('job-1');
    expect([latest?.sequence, text(latest?.data)]).toEqual([1, 'first']);
    expect(warnings).toEqual([expect.objectContaining({ jobId: 'job-1', sequence: 2, problem: expect.any(String) })]);
  });

  it('continues after a leftover with the next sequence and prunes the leftover', async () => {
    const checkpointStore = checkpoints();
    await checkpointStore.save(job, bytes('first'));
    await store.put(cp(2, 'data'), bytes('half-written'));
    expect((await checkpointStore.save(job, bytes('third'))).sequence).toBe(3);
    expect(await keys()).toEqual([cp(1, 'data'), cp(1, 'manifest.json'), cp(3, 'data'), cp(3, 'manifest.json')]);
  });

  it('keeps the retained newest complete checkpoints and an incomplete write newer than them', async () => {
    const checkpointStore = checkpoints({ retain: 2 });
    for (const state of ['a', 'b', 'c', 'd']) await checkpointStore.save(job, bytes(state));
    expect(await keys()).toEqual([cp(3, 'data'), cp(3, 'manifest.json'), cp(4, 'data'), cp(4, 'manifest.json')]);
    await store.put(cp(5, 'data'), bytes('in progress elsewhere'));
    expect(await checkpointStore.prune('job-1')).toEqual({ retained: [4, 3], deletedKeys: [] });
    expect(await keys()).toContain(cp(5, 'data'));
  });

  it('deletes every checkpoint of a job, complete or not, and no other job’s', async () => {
    const checkpointStore = checkpoints();
    await checkpointStore.save(job, bytes('a'));
    await checkpointStore.save({ id: 'job-1/x', confidentiality: 'public' }, bytes('other'));
    await store.put(cp(7, 'data'), bytes('leftover'));
    await checkpointStore.deleteAll('job-1');
    expect(await keys()).toEqual(['checkpoints/job-1%2Fx/0000000001/data', 'checkpoints/job-1%2Fx/0000000001/manifest.json']);
    expect(text((await checkpointStore.latest('job-1/x'))?.data)).toBe('other');
  });

  it('refuses a confidential job’s checkpoint on an off-premises store before writing anything', async () => {
    const offPremises: ObjectStore = { ...store, residency: 'off-premises' };
    const checkpointStore = checkpoints({ store: offPremises });
    const refused = checkpointStore.save({ id: 'secret', confidentiality: 'confidential' }, bytes('state'));
    await expect(refused).rejects.toSatisfy((error) => ResidencyError.isInstance(error) && error.code === 'AIMA_RESIDENCY');
    await expect(refused).rejects.toThrow(/configure an on-premises store for confidential jobs/);
    expect(await keys()).toEqual([]);
    await expect(checkpointStore.save(job, bytes('internal may go'))).resolves.toMatchObject({ sequence: 1 });
  });

  it('compresses when it pays, stores incompressible data as is, and reads both back', async () => {
    const checkpointStore = checkpoints({ compress: { minSavingRatio: 0.2 } });
    const compressible = bytes('weights '.repeat(4_096));
    await checkpointStore.save(job, compressible);
    expect((await store.head(cp(1, 'data')))?.sizeBytes).toBeLessThan(compressible.byteLength / 5);
    expect(sameBytes((await checkpointStore.latest('job-1'))?.data, compressible)).toBe(true);
    const random = new Uint8Array(randomBytes(8_192));
    await checkpointStore.save(job, random);
    expect((await store.head(cp(2, 'data')))?.sizeBytes).toBe(8_192);
    expect(sameBytes((await checkpointStore.latest('job-1'))?.data, random)).toBe(true);
  });

  it('treats damaged gzip data as incomplete', async () => {
    const checkpointStore = checkpoints({ compress: true });
    await checkpointStore.save(job, bytes('a'.repeat(1_000)));
    await checkpointStore.save(job, bytes('b'.repeat(1_000)));
    const size = (await store.head(cp(2, 'data')))?.sizeBytes ?? 0;
    await store.put(cp(2, 'data'), new Uint8Array(size).fill(7));
    expect(text((await checkpointStore.latest('job-1'))?.data)).toBe('a'.repeat(1_000));
  });

  it('honours an abort signal and leaves nothing of an aborted save', async () => {
    const controller = new AbortController();
    const abortingStore: ObjectStore = {
      ...store,
      async put(key, body, options) {
        const info = await store.put(key, body, options);
        if (key.endsWith('/data')) controller.abort(new Error('stop'));
        return info;
      },
    };
    const checkpointStore = checkpoints({ store: abortingStore });
    await expect(checkpointStore.save(job, bytes('state'), controller.signal)).rejects.toThrow('stop');
    expect(await keys()).toEqual([]);
    await expect(checkpointStore.latest('job-1', controller.signal)).rejects.toThrow('stop');
    await expect(checkpointStore.save(job, bytes('state'), AbortSignal.abort(new Error('early')))).rejects.toThrow('early');
    expect(await keys()).toEqual([]);
  });

  it('gives concurrent saves of one job distinct sequences', async () => {
    const checkpointStore = checkpoints({ retain: 5 });
    const saved = await Promise.all(['a', 'b', 'c'].map((state) => checkpointStore.save(job, bytes(state))));
    expect(saved.map((checkpoint) => checkpoint.sequence).sort()).toEqual([1, 2, 3]);
  });

  it('rejects bad options with a ConfigError', () => {
    expect(() => checkpoints({ retain: 0 })).toThrow(ConfigError);
    expect(() => checkpoints({ prefix: '../escape' })).toThrow(ConfigError);
    expect(() => checkpoints({ compress: { minSavingRatio: 1 } })).toThrow(ConfigError);
  });
});
