import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JobInput } from '../config/job-spec.js';
import { ResidencyError } from '../errors/residency-error.js';
import { TransferError } from '../errors/transfer-error.js';
import type { ObjectStore } from '../spec/object-store.js';
import { createFilesystemObjectStore } from '../storage/filesystem-object-store.js';
import { VirtualClock } from '../time/virtual-clock.js';
import type { TransferProgressEvent } from './transfer-events.js';
import { executeTransferPlan, type TransferExecutionOptions } from './transfer-execution.js';
import { planTransfers } from './transfer-plan.js';

let root: string;
let from: ObjectStore;
let to: ObjectStore;
const clock = new VirtualClock(1_000);
const job = { id: 'job-1', confidentiality: 'internal' } as const;
const compressible = new TextEncoder().encode('frame metadata; '.repeat(40_000));
const incompressible = new Uint8Array(randomBytes(300_000));

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'aima-transfer-'));
  from = createFilesystemObjectStore({ root: join(root, 'premises') });
  to = createFilesystemObjectStore({ root: join(root, 'cloud'), residency: 'off-premises' });
});
afterEach(() => rm(root, { recursive: true, force: true }));

const planFor = (inputs: JobInput[]) =>
  planTransfers(inputs, { kind: 'cloud', location: 'eu-west-1' }, { thresholdBytes: 1_000, uploadBandwidthMbps: 100 });
const run = (inputs: JobInput[], options: Partial<TransferExecutionOptions> = {}) =>
  executeTransferPlan(planFor(inputs), { job, from, to, clock, destinationPrefix: 'jobs/job-1', ...options });
const destinationKeys = async () => (await to.list('')).items.map((item) => item.key);
/** Byte comparison; deep equality over 300 000 elements is slow. */
const sameBytes = (a: Uint8Array, b: Uint8Array) => Buffer.compare(a, b) === 0;
async function bytesAt(store: ObjectStore, key: string): Promise<Uint8Array> {
  const stream = await store.get(key);
  return new Uint8Array(stream ? await new Response(stream).arrayBuffer() : new ArrayBuffer(0));
}

describe('executeTransferPlan', () => {
  it('streams only the ahead inputs, with started, progress and completed events', async () => {
    await from.put('media/raw.bin', incompressible);
    const events: string[] = [];
    const progress: TransferProgressEvent[] = [];
    const result = await run(
      [
        { key: 'media/raw.bin', sizeBytes: 300_000 },
        { key: 'media/small.txt', sizeBytes: 10 },
      ],
      {
        progressIntervalBytes: 100_000,
        onStarted: (event) => events.push(`started ${event.key} → ${event.destinationKey} at ${event.at}`),
        onProgress: (event) => progress.push(event),
        onCompleted: (event) => events.push(`completed ${event.bytes}/${event.storedBytes} compressed=${event.compressed}`),
      },
    );
    expect(events).toEqual(['started media/raw.bin → jobs/job-1/media/raw.bin at 1000', 'completed 300000/300000 compressed=false']);
    expect(result.transferred).toEqual([
      { sourceKey: 'media/raw.bin', destinationKey: 'jobs/job-1/media/raw.bin', compressed: false, bytes: 300_000, storedBytes: 300_000 },
    ]);
    expect(sameBytes(await bytesAt(to, 'jobs/job-1/media/raw.bin'), incompressible)).toBe(true);
    const steps = progress.map((event, index) => event.transferredBytes - (progress[index - 1]?.transferredBytes ?? 0));
    expect(Math.max(...steps)).toBeLessThan(100_000 + 65_536);
    expect(progress.at(-1)).toMatchObject({
      jobId: 'job-1',
      key: 'media/raw.bin',
      transferredBytes: 300_000,
      totalBytes: 300_000,
      fraction: 1,
    });
  });

  it('gzips what compresses, marks it .gz, and leaves compressed media types and incompressible data alone', async () => {
    await from.put('notes.txt', compressible);
    await from.put('clip.mp4', compressible);
    await from.put('noise.bin', incompressible);
    const result = await run([
      { key: 'notes.txt', sizeBytes: compressible.byteLength, contentType: 'text/plain' },
      { key: 'clip.mp4', sizeBytes: compressible.byteLength, contentType: 'video/mp4' },
      { key: 'noise.bin', sizeBytes: incompressible.byteLength },
    ]);
    expect(result.transferred.map((item) => [item.destinationKey, item.compressed])).toEqual([
      ['jobs/job-1/notes.txt.gz', true],
      ['jobs/job-1/clip.mp4', false],
      ['jobs/job-1/noise.bin', false],
    ]);
    expect(result.transferred[0]?.storedBytes).toBeLessThan(compressible.byteLength / 10);
    expect(sameBytes(gunzipSync(await bytesAt(to, 'jobs/job-1/notes.txt.gz')), compressible)).toBe(true);
    const uncompressed = await run([{ key: 'notes.txt', sizeBytes: compressible.byteLength }], {
      compress: false,
      destinationPrefix: 'plain',
    });
    expect(uncompressed.transferred[0]?.destinationKey).toBe('plain/notes.txt');
  });

  it('refuses a confidential job’s inputs going off premises before reading or writing', async () => {
    await from.put('secret.bin', incompressible);
    const reads: string[] = [];
    const watched: ObjectStore = {
      ...from,
      head: (key, signal) => {
        reads.push(key);
        return from.head(key, signal);
      },
    };
    const refused = run([{ key: 'secret.bin', sizeBytes: 300_000 }], {
      job: { id: 'job-1', confidentiality: 'confidential' },
      from: watched,
    });
    await expect(refused).rejects.toSatisfy((error) => ResidencyError.isInstance(error) && error.code === 'AIMA_RESIDENCY');
    expect([reads, await destinationKeys()]).toEqual([[], []]);
    const onPremises = createFilesystemObjectStore({ root: join(root, 'other-site') });
    await expect(
      run([{ key: 'secret.bin', sizeBytes: 300_000 }], { job: { id: 'j', confidentiality: 'confidential' }, to: onPremises }),
    ).resolves.toBeDefined();
  });

  it('deletes what it wrote when a later input is missing', async () => {
    await from.put('a.bin', incompressible);
    const failed = run([
      { key: 'a.bin', sizeBytes: 300_000 },
      { key: 'missing.bin', sizeBytes: 300_000 },
    ]);
    await expect(failed).rejects.toSatisfy((error) => TransferError.isInstance(error) && error.key === 'missing.bin');
    expect(await destinationKeys()).toEqual([]);
  });

  it('wraps a source that breaks mid-stream and leaves nothing half-copied', async () => {
    const broken: ObjectStore = {
      ...from,
      head: async (key) => ({ key, sizeBytes: 2_000_000, lastModified: 0 }),
      get: async () =>
        new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new Uint8Array(1_500_000));
            controller.error(new Error('connection reset'));
          },
        }),
    };
    const failed = run([{ key: 'big.bin', sizeBytes: 2_000_000 }], { from: broken });
    await expect(failed).rejects.toSatisfy((error) => TransferError.isInstance(error) && /connection reset/.test(error.message));
    expect(await destinationKeys()).toEqual([]);
  });

  it('stops on abort with the signal’s reason and removes the partial result', async () => {
    await from.put('first.txt', compressible);
    await from.put('second.txt', compressible);
    const controller = new AbortController();
    const aborted = run(
      [
        { key: 'first.txt', sizeBytes: 640_000 },
        { key: 'second.txt', sizeBytes: 640_000 },
      ],
      {
        signal: controller.signal,
        progressIntervalBytes: 65_536,
        onProgress: (event) => event.key === 'second.txt' && controller.abort(new Error('cancelled by host')),
      },
    );
    await expect(aborted).rejects.toThrow('cancelled by host');
    expect(await destinationKeys()).toEqual([]);
  });

  it('refuses to copy an object onto itself', async () => {
    await from.put('a.bin', incompressible);
    await expect(run([{ key: 'a.bin', sizeBytes: 300_000 }], { to: from, destinationPrefix: '', compress: false })).rejects.toThrow(
      /onto itself/,
    );
    expect(sameBytes(await bytesAt(from, 'a.bin'), incompressible)).toBe(true);
  });
});
