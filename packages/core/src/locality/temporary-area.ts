import { listEverything } from '../checkpoint/checkpoint-layout.js';
import type { Confidentiality } from '../config/job-spec.js';
import { ResidencyError } from '../errors/residency-error.js';
import type { ObjectBody, ObjectInfo, ObjectStore, PutOptions } from '../spec/object-store.js';
import { assertObjectKey } from '../storage/object-key.js';

/** Options of {@link createTemporaryArea}. */
export interface TemporaryAreaOptions {
  /** Prefix of every job's area, e.g. `tmp`. */
  readonly prefix: string;
  readonly jobId: string;
  /** When `confidential`, `put` refuses an off-premises store. @default 'internal' */
  readonly confidentiality?: Confidentiality;
}

/** What a cleanup removed and what it could not. */
export interface CleanupReport {
  readonly deleted: readonly string[];
  /** Keys whose delete failed; they stay tracked, so the next `cleanup` tries again. */
  readonly failed: readonly { readonly key: string; readonly message: string }[];
}

/**
 * A job's temporary data (S4): intermediate results, inputs moved ahead of it. Everything written
 * through `put`, every key passed to `track` and everything under `prefix` is deleted by `cleanup`,
 * which the scheduler calls when the job ends, whether it succeeded or failed.
 */
export interface TemporaryArea {
  /** The area's own key prefix, ending in `/`; objects the job writes here directly are cleaned up too. */
  readonly prefix: string;
  /** The key of `name` inside the area. */
  keyFor(name: string): string;
  /** Marks a key (anywhere in the store) for deletion at cleanup. */
  track(key: string): void;
  /** Writes `name` inside the area and tracks it. */
  put(name: string, body: ObjectBody, options?: PutOptions): Promise<ObjectInfo>;
  /** The tracked keys, in the order first tracked. */
  trackedKeys(): readonly string[];
  /** Deletes every tracked key and everything under `prefix`. Idempotent; only an abort rejects. */
  cleanup(signal?: AbortSignal): Promise<CleanupReport>;
}

/** Creates the job's {@link TemporaryArea} at `${prefix}/${URI-encoded jobId}/`. */
export function createTemporaryArea(store: ObjectStore, options: TemporaryAreaOptions): TemporaryArea {
  const areaPrefix = `${options.prefix.replace(/\/+$/, '')}/${encodeURIComponent(options.jobId)}/`;
  assertObjectKey(`${areaPrefix}x`, 'prefix');
  const tracked = new Set<string>();
  const keyFor = (name: string) => {
    const key = `${areaPrefix}${name}`;
    assertObjectKey(key, 'name');
    return key;
  };
  return {
    prefix: areaPrefix,
    keyFor,
    track(key) {
      assertObjectKey(key);
      tracked.add(key);
    },
    async put(name, body, putOptions) {
      if (options.confidentiality === 'confidential' && store.residency === 'off-premises')
        throw new ResidencyError(options.jobId, `temporary data ${name}`);
      const key = keyFor(name);
      tracked.add(key);
      return store.put(key, body, putOptions);
    },
    trackedKeys: () => [...tracked],
    async cleanup(signal) {
      const deleted: string[] = [];
      const failed: { key: string; message: string }[] = [];
      const listed = await listEverything(store, areaPrefix, signal).catch((error: unknown) => {
        if (signal?.aborted) throw signal.reason;
        failed.push({ key: areaPrefix, message: messageOf(error) });
        return [];
      });
      for (const key of new Set([...tracked, ...listed.map((item) => item.key)])) {
        signal?.throwIfAborted();
        try {
          await store.delete(key, signal);
          tracked.delete(key);
          deleted.push(key);
        } catch (error) {
          if (signal?.aborted) throw signal.reason;
          tracked.add(key);
          failed.push({ key, message: messageOf(error) });
        }
      }
      return { deleted, failed };
    },
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
