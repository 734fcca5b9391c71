import { VastApiError } from '../client/vast-api-error.js';
import type { VastCloudInstance } from './instance-mapping.js';
import type { ProviderContext } from './provider-context.js';

export interface WaitUntilRunningOptions {
  /** @default the provider's provisioningTimeoutMs (10 minutes) */
  readonly timeoutMs?: number;
  /** @default the provider's pollIntervalMs (10 s) */
  readonly pollIntervalMs?: number;
  /** Aborting stops the wait only; the instance is left as it is. */
  readonly signal?: AbortSignal;
}

/**
 * Polls (on the injected clock) until the instance runs with a reachable endpoint. An instance
 * that fails while provisioning (container not created, outbid, host offline), or is still loading
 * at the deadline, is destroyed, so nothing bills for a job that never started, and the wait ends
 * with a `capacity` error: try another offer. A 429 while polling skips that poll (as dstack does).
 */
export async function waitUntilRunning(
  context: ProviderContext,
  instanceId: number,
  options: WaitUntilRunningOptions = {},
): Promise<VastCloudInstance> {
  const { clock } = context.options;
  const { signal } = options;
  context.ensureOpen(signal);
  const timeoutMs = options.timeoutMs ?? context.options.provisioningTimeoutMs;
  const deadline = clock.now() + timeoutMs;
  let last: VastCloudInstance | undefined;
  for (;;) {
    last = (await poll(context, instanceId, signal)) ?? last;
    if (last?.status === 'running' && last.endpoint !== undefined) return last;
    if (last !== undefined && last.status !== 'provisioning' && last.status !== 'running') {
      await context.destroyQuietly(instanceId, `failed while provisioning: ${last.statusMessage ?? last.status}`);
      throw new VastApiError(
        'capacity',
        `instance ${instanceId} failed while provisioning (${last.statusMessage ?? last.status}); destroyed it; try another offer.`,
      );
    }
    const remaining = deadline - clock.now();
    if (remaining <= 0) {
      await context.destroyQuietly(instanceId, `not running after ${timeoutMs} ms`);
      const state = last?.vast.actualStatus ?? 'not yet scheduled';
      const said = last?.statusMessage ? `: ${last.statusMessage}` : '';
      throw new VastApiError(
        'capacity',
        `instance ${instanceId} was not running after ${timeoutMs} ms (still ${state}${said}); destroyed it; try another offer.`,
      );
    }
    await clock.sleep(Math.min(options.pollIntervalMs ?? context.options.pollIntervalMs, remaining), signal);
  }
}

/** One read; `undefined` when rate-limited. An instance that is gone ends the wait. */
async function poll(context: ProviderContext, instanceId: number, signal?: AbortSignal): Promise<VastCloudInstance | undefined> {
  try {
    const instance = await context.readInstance(instanceId, signal);
    if (instance === undefined || instance.status === 'terminated') {
      throw new VastApiError('not-found', `instance ${instanceId} is gone (destroyed outside AIMA?) while waiting for it to run.`);
    }
    return instance;
  } catch (error) {
    if (VastApiError.isInstance(error) && error.kind === 'rate-limit') return undefined;
    throw error;
  }
}
