import type { CloudInstance } from '@aima/core';

/** What `reconcile` did. */
export interface ReconcileResult {
  /** Our pods no live job holds, now terminated. */
  readonly destroyed: readonly CloudInstance[];
  /** Our pods a live job holds, left alone. */
  readonly kept: readonly CloudInstance[];
  /** Orphans whose termination failed; the next reconcile tries again. */
  readonly failed: readonly { readonly instance: CloudInstance; readonly error: unknown }[];
}

/**
 * Terminates every pod carrying `label` whose launch key is not in `liveKeys` (C4): pods of jobs
 * that ended, crashed hosts' pods, pods without a key. Stopped pods count too: their disks bill.
 */
export async function reconcileOrphans(
  ours: readonly CloudInstance[],
  liveKeys: ReadonlySet<string>,
  terminate: (instanceId: string) => Promise<void>,
  signal?: AbortSignal,
): Promise<ReconcileResult> {
  const destroyed: CloudInstance[] = [];
  const kept: CloudInstance[] = [];
  const failed: { instance: CloudInstance; error: unknown }[] = [];
  for (const instance of ours) {
    if (instance.key !== undefined && liveKeys.has(instance.key)) {
      kept.push(instance);
      continue;
    }
    signal?.throwIfAborted();
    try {
      await terminate(instance.id);
      destroyed.push(instance);
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      failed.push({ instance, error });
    }
  }
  return { destroyed, kept, failed };
}
