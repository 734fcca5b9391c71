import { InvariantError } from '../errors/invariant-error.js';
import { type CompressionOption, gzipIfWorthwhile, minSavingRatioOf } from '../locality/compression.js';
import type { Checkpoint } from '../spec/job-runner.js';
import type { ObjectStore } from '../spec/object-store.js';
import { checkpointKeys, listCheckpoints, maxSequence } from './checkpoint-layout.js';
import { type CheckpointManifest, checkpointFormatVersion, encodeManifest, sha256Hex } from './checkpoint-manifest.js';
import { removeInOrder } from './checkpoint-pruning.js';

/** One checkpoint to write. */
export interface CheckpointWrite {
  readonly store: ObjectStore;
  readonly jobId: string;
  readonly jobPrefix: string;
  readonly data: Uint8Array;
  readonly createdAt: number;
  readonly compress: CompressionOption;
}

/**
 * Writes the data object, then the manifest that commits it. The sequence follows the highest one
 * stored, complete or not, so a leftover of an interrupted write is never overwritten in place.
 * When either write fails (or the signal aborts) both objects are removed before rethrowing.
 */
export async function writeCheckpoint(write: CheckpointWrite, signal?: AbortSignal): Promise<Checkpoint> {
  const { store, jobId, jobPrefix, data, createdAt } = write;
  signal?.throwIfAborted();
  const sequence = ((await listCheckpoints(store, jobPrefix, signal))[0]?.sequence ?? 0) + 1;
  if (sequence > maxSequence)
    throw new InvariantError(`Job ${jobId} has more than ${maxSequence} checkpoints; delete them with deleteAll.`);
  const ratio = minSavingRatioOf(write.compress);
  const compressed = ratio === undefined ? undefined : await gzipIfWorthwhile(data, ratio);
  const stored = compressed ?? data;
  const manifest: CheckpointManifest = {
    formatVersion: checkpointFormatVersion,
    jobId,
    sequence,
    createdAt,
    sizeBytes: data.byteLength,
    storedSizeBytes: stored.byteLength,
    sha256: sha256Hex(data),
    compression: compressed === undefined ? 'none' : 'gzip',
  };
  const keys = checkpointKeys(jobPrefix, sequence);
  try {
    signal?.throwIfAborted();
    await store.put(keys.data, stored, {
      contentType: compressed ? 'application/gzip' : 'application/octet-stream',
      ...(signal && { signal }),
    });
    await store.put(keys.manifest, encodeManifest(manifest), { contentType: 'application/json', ...(signal && { signal }) });
  } catch (error) {
    await removeInOrder(store, [keys.manifest, keys.data]).catch(() => undefined);
    throw error;
  }
  return { id: `${jobId}-cp${sequence}`, jobId, sequence, createdAt, sizeBytes: data.byteLength, data };
}
