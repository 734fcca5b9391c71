import { gunzipBytes } from '../locality/compression.js';
import type { Checkpoint } from '../spec/job-runner.js';
import type { ObjectStore } from '../spec/object-store.js';
import type { StoredCheckpoint } from './checkpoint-layout.js';
import { type CheckpointManifest, decodeManifest, maxManifestBytes, sha256Hex } from './checkpoint-manifest.js';
import { readBytes } from './read-bytes.js';

/**
 * The manifest of a stored checkpoint when its structure is whole: a manifest that parses, names
 * this job and sequence, and a data object of the recorded stored size. Otherwise why not.
 * The checksum is not checked here; see {@link readVerifiedCheckpoint}.
 */
export async function readCommittedManifest(
  store: ObjectStore,
  entry: StoredCheckpoint,
  jobId: string,
  signal?: AbortSignal,
): Promise<CheckpointManifest | string> {
  if (entry.manifest === undefined) return 'no manifest: the write was interrupted before its commit';
  if (entry.data === undefined) return 'the data object is missing';
  const stream = await store.get(entry.keys.manifest, signal);
  const bytes = stream && (await readBytes(stream, maxManifestBytes, signal));
  if (bytes === undefined) return 'the manifest is missing or too large';
  const manifest = decodeManifest(bytes);
  if (typeof manifest === 'string') return manifest;
  if (manifest.jobId !== jobId || manifest.sequence !== entry.sequence) return 'the manifest names another job or sequence';
  if (entry.data.sizeBytes !== manifest.storedSizeBytes)
    return `the data holds ${entry.data.sizeBytes} bytes, the manifest says ${manifest.storedSizeBytes}`;
  return manifest;
}

/** The checkpoint with its data when it is complete and its checksum matches; otherwise why not. */
export async function readVerifiedCheckpoint(
  store: ObjectStore,
  entry: StoredCheckpoint,
  jobId: string,
  signal?: AbortSignal,
): Promise<Checkpoint | string> {
  const manifest = await readCommittedManifest(store, entry, jobId, signal);
  if (typeof manifest === 'string') return manifest;
  const stream = await store.get(entry.keys.data, signal);
  const stored = stream && (await readBytes(stream, manifest.storedSizeBytes, signal));
  if (stored === undefined || stored.byteLength !== manifest.storedSizeBytes) return 'the data changed or vanished while it was read';
  const data = manifest.compression === 'gzip' ? await gunzipBytes(stored, manifest.sizeBytes).catch(() => undefined) : stored;
  if (data === undefined) return 'the data is not valid gzip';
  if (data.byteLength !== manifest.sizeBytes || sha256Hex(data) !== manifest.sha256) return 'the data does not match the manifest checksum';
  return {
    id: `${jobId}-cp${manifest.sequence}`,
    jobId,
    sequence: manifest.sequence,
    createdAt: manifest.createdAt,
    sizeBytes: manifest.sizeBytes,
    data,
  };
}
