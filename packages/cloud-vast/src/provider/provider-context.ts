import { createHttpTransport } from '../client/http-transport.js';
import { createVastApiClient, type VastApiClient } from '../client/vast-api-client.js';
import { VastApiError } from '../client/vast-api-error.js';
import type { ResolvedVastOptions } from '../options.js';
import { decodeInstanceLabel, type InstanceIdentity } from './instance-label.js';
import { toCloudInstance, type VastCloudInstance } from './instance-mapping.js';

/** What the provider's parts share: the client, the options and a few helpers over them. */
export interface ProviderContext {
  readonly client: VastApiClient;
  readonly options: ResolvedVastOptions;
  /** Minimum bids seen in searches, by bid-variant offer id, so a launch need not search again. */
  readonly minimumBids: Map<string, number>;
  /** Throws the abort reason, or an `unavailable` error once the provider is closed. */
  ensureOpen(signal?: AbortSignal): void;
  readInstance(instanceId: number, signal?: AbortSignal, fallback?: InstanceIdentity): Promise<VastCloudInstance | undefined>;
  /** Live instances whose label says they are ours under `label`. */
  listOurs(label: string, signal?: AbortSignal): Promise<VastCloudInstance[]>;
  /** Destroys an instance we must not leave billing; logs (never throws) when that fails. */
  destroyQuietly(instanceId: number, why: string): Promise<boolean>;
  /** Runs cleanup after the caller stopped waiting; `close()` waits for it. */
  inBackground(task: Promise<unknown>): void;
  close(): Promise<void>;
}

export function createProviderContext(options: ResolvedVastOptions): ProviderContext {
  const client = options.client ?? createOwnClient(options);
  const background = new Set<Promise<unknown>>();
  let closed = false;
  const map = (raw: Parameters<typeof toCloudInstance>[0], id: number, fallback?: InstanceIdentity) =>
    toCloudInstance(raw, { id, now: options.clock.now(), ...(fallback !== undefined && { fallback }) });

  const context: ProviderContext = {
    client,
    options,
    minimumBids: new Map(),
    ensureOpen(signal) {
      signal?.throwIfAborted();
      if (closed) throw new VastApiError('unavailable', 'the Vast.ai provider is closed; create a new one.');
    },
    async readInstance(instanceId, signal, fallback) {
      const raw = await client.getInstance(instanceId, signal);
      return raw === undefined ? undefined : map(raw, raw.id ?? instanceId, fallback);
    },
    async listOurs(label, signal) {
      const all = await client.listInstances(signal);
      return all.filter((raw) => decodeInstanceLabel(raw.label)?.label === label).map((raw) => map(raw, raw.id));
    },
    async destroyQuietly(instanceId, why) {
      try {
        await client.destroyInstance(instanceId);
        options.logger.info('vast: destroyed an instance so that it bills nothing', { instanceId, why });
        return true;
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        options.logger.error('vast: could not destroy an instance; destroy it by hand or run reconcile()', {
          instanceId,
          why,
          error: detail,
        });
        return false;
      }
    },
    inBackground(task) {
      const tracked = task.catch(() => undefined).finally(() => background.delete(tracked));
      background.add(tracked);
    },
    async close() {
      closed = true;
      await Promise.all(background);
      if (options.client === undefined) await client.close();
    },
  };
  return context;
}

function createOwnClient(options: ResolvedVastOptions): VastApiClient {
  const transport = createHttpTransport({
    baseUrl: options.baseUrl,
    apiKey: options.apiKey ?? '',
    requestTimeoutMs: options.requestTimeoutMs,
    retries: options.retries,
    backoff: { baseDelayMs: options.retryBaseDelayMs, maxDelayMs: options.retryMaxDelayMs, random: options.random },
    rateLimits: options.rateLimits,
    clock: options.clock,
    logger: options.logger,
  });
  return createVastApiClient(transport);
}

/** A Vast instance id from ours, or `undefined` when it cannot be one (Vast ids are integers). */
export function parseInstanceId(instanceId: string): number | undefined {
  if (!/^\d{1,15}$/.test(instanceId)) return undefined;
  return Number(instanceId);
}
