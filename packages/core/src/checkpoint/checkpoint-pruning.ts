import type { Logger } from '../spec/job-runner.js';
import type { ObjectStore } from '../spec/object-store.js';
import { listCheckpoints } from './checkpoint-layout.js';
import { readCommittedManifest } from './checkpoint-verification.js';

/** What pruning needs from the store's settings. */
export interface PruneSettings {
  readonly store: ObjectStore;
  readonly log: Logger;
  readonly retain: number;
}

/** What a prune kept and removed. */
export interface PruneReport {
  /** Sequences of the complete checkpoints kept, newest first. */
  readonly retained: readonly number[];
  readonly deletedKeys: readonly string[];
}

/**
 * Walks the job's checkpoints newest first, keeping the first `retain` complete ones. Everything
 * older than the newest complete checkpoint that is not kept is deleted; incomplete ones newer
 * than it may be a write in progress and stay.
 */
export async function pruneCheckpoints(
  settings: PruneSettings,
  jobId: string,
  jobPrefix: string,
  signal?: AbortSignal,
): Promise<PruneReport> {
  const { store, log, retain } = settings;
  const retained: number[] = [];
  const doomed: string[] = [];
  for (const entry of await listCheckpoints(store, jobPrefix, signal)) {
    const olderThanNewest = retained.length > 0;
    if (retained.length >= retain) {
      doomed.push(entry.keys.manifest, entry.keys.data);
      continue;
    }
    const manifest = await readCommittedManifest(store, entry, jobId, signal);
    if (typeof manifest !== 'string') retained.push(entry.sequence);
    else if (olderThanNewest) {
      log.debug('deleting an incomplete checkpoint', { jobId, sequence: entry.sequence, problem: manifest });
      doomed.push(entry.keys.manifest, entry.keys.data);
    }
  }
  await removeInOrder(store, doomed, signal);
  return { retained, deletedKeys: doomed };
}

/**
 * Deletes keys, every manifest first: a checkpoint stops counting as complete before its data
 * goes, so an interruption leaves only leftovers that the next prune removes.
 */
export async function removeInOrder(store: ObjectStore, keys: readonly string[], signal?: AbortSignal): Promise<void> {
  const manifests = keys.filter((key) => key.endsWith('/manifest.json'));
  for (const key of [...manifests, ...keys.filter((key) => !key.endsWith('/manifest.json'))]) await store.delete(key, signal);
}
