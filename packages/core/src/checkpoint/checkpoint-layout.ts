import type { ObjectInfo, ObjectStore } from '../spec/object-store.js';
import { assertObjectKey } from '../storage/object-key.js';

/** Digits of the zero-padded sequence, so a listing's lexicographic order is sequence order. */
const sequenceDigits = 10;
/** The largest sequence the layout can hold. */
export const maxSequence = 10 ** sequenceDigits - 1;

const entryPattern = /^(\d{10})\/(data|manifest\.json)$/;

/** The objects one checkpoint consists of: `data` is written first, `manifest` commits it. */
export interface CheckpointKeys {
  readonly data: string;
  readonly manifest: string;
}

/** What a listing holds for one sequence number of a job. */
export interface StoredCheckpoint {
  readonly sequence: number;
  readonly keys: CheckpointKeys;
  readonly data?: ObjectInfo;
  readonly manifest?: ObjectInfo;
}

/**
 * The key prefix of a job's checkpoints, ending in `/`. The job id is URI-encoded into one key
 * segment, so ids with `/` or spaces cannot reach another job's checkpoints.
 * @throws ValidationError when the id makes no valid key (`.` or `..`).
 */
export function jobPrefixOf(prefix: string, jobId: string): string {
  const jobPrefix = `${prefix}/${encodeURIComponent(jobId)}/`;
  assertObjectKey(`${jobPrefix}data`, 'jobId');
  return jobPrefix;
}

/** The keys of checkpoint `sequence` under a job prefix from {@link jobPrefixOf}. */
export function checkpointKeys(jobPrefix: string, sequence: number): CheckpointKeys {
  const directory = `${jobPrefix}${String(sequence).padStart(sequenceDigits, '0')}`;
  return { data: `${directory}/data`, manifest: `${directory}/manifest.json` };
}

/** Every object under `prefix`, all pages. */
export async function listEverything(store: ObjectStore, prefix: string, signal?: AbortSignal): Promise<ObjectInfo[]> {
  const items: ObjectInfo[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.list(prefix, cursor, signal);
    items.push(...page.items);
    cursor = page.cursor;
  } while (cursor !== undefined);
  return items;
}

/** The job's checkpoints as stored, complete or not, newest (highest sequence) first. */
export async function listCheckpoints(store: ObjectStore, jobPrefix: string, signal?: AbortSignal): Promise<StoredCheckpoint[]> {
  const bySequence = new Map<number, { data?: ObjectInfo; manifest?: ObjectInfo }>();
  for (const item of await listEverything(store, jobPrefix, signal)) {
    const match = entryPattern.exec(item.key.slice(jobPrefix.length));
    if (match?.[1] === undefined) continue;
    const sequence = Number(match[1]);
    const entry = bySequence.get(sequence) ?? {};
    bySequence.set(sequence, match[2] === 'data' ? { ...entry, data: item } : { ...entry, manifest: item });
  }
  return [...bySequence.entries()]
    .sort(([a], [b]) => b - a)
    .map(([sequence, entry]) => ({ sequence, keys: checkpointKeys(jobPrefix, sequence), ...entry }));
}
