import type { ProviderContext } from './provider-context.js';

/** What `reconcile` did, by instance id. */
export interface ReconcileResult {
  /** Ours without a live job: destroyed. */
  readonly destroyed: string[];
  /** Ours with a live job: left running. */
  readonly kept: string[];
  /** Ours without a live job that could not be destroyed; run `reconcile` again. */
  readonly failed: { readonly id: string; readonly error: string }[];
}

/**
 * No orphans (C4): destroys every instance labelled ours under `label` whose launch key is not in
 * `liveKeys` (the keys of jobs that still hold an instance). Instances of other labels, and
 * instances not launched by AIMA, are never touched.
 */
export async function reconcile(
  context: ProviderContext,
  liveKeys: ReadonlySet<string>,
  label: string,
  signal?: AbortSignal,
): Promise<ReconcileResult> {
  context.ensureOpen(signal);
  const result: ReconcileResult = { destroyed: [], kept: [], failed: [] };
  for (const instance of await context.listOurs(label, signal)) {
    if (instance.key !== undefined && liveKeys.has(instance.key)) {
      result.kept.push(instance.id);
      continue;
    }
    try {
      await context.client.destroyInstance(Number(instance.id), signal);
      result.destroyed.push(instance.id);
      context.options.logger.info('vast: destroyed an orphaned instance', {
        instanceId: instance.id,
        key: instance.key,
        costSoFarUsd: instance.costSoFarUsd,
      });
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      result.failed.push({ id: instance.id, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return result;
}
