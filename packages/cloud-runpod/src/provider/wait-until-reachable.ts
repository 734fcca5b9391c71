import type { Clock, CloudInstance, Logger } from '@aima/core';
import type { RunpodPod } from '../api/rest-v2-schemas.js';
import type { RunpodApiClient } from '../api/runpod-api-client.js';
import { RunpodApiError } from '../api/runpod-api-error.js';
import { isReachable } from './pod-instance.js';

/** Options of `waitUntilReachable`. */
export interface WaitUntilReachableOptions {
  /** Give up (and terminate the pod) after this long. @default the provider's `reachableTimeoutMs` */
  readonly timeoutMs?: number;
  /** @default the provider's `pollIntervalMs` */
  readonly pollIntervalMs?: number;
  /** Aborting stops the wait (rejecting with the reason) and leaves the pod alone. */
  readonly signal?: AbortSignal;
}

export interface WaitContext {
  readonly providerId: string;
  readonly client: RunpodApiClient;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly toInstance: (pod: RunpodPod) => CloudInstance;
  readonly terminate: (podId: string) => Promise<void>;
}

const dead = new Set(['EXITED', 'ERROR', 'TERMINATED']);

/**
 * Polls a pod until it is `RUNNING` with its runtime and every requested port published. A pod
 * that dies while starting, or is still not reachable at the deadline, is terminated (so nothing
 * keeps billing) and the wait fails with a `not-reachable` error (kind `capacity`: try another offer).
 */
export async function waitUntilReachable(
  context: WaitContext,
  podId: string,
  timeoutMs: number,
  pollIntervalMs: number,
  signal?: AbortSignal,
): Promise<CloudInstance> {
  const deadline = context.clock.now() + timeoutMs;
  for (;;) {
    const pod = await context.client.getPod(podId, signal);
    if (pod === undefined)
      throw new RunpodApiError(context.providerId, 'not-found', `pod ${podId} disappeared while starting`, {
        operation: 'wait until reachable',
      });
    if (isReachable(pod)) return context.toInstance(pod);
    if (dead.has(pod.status)) throw await giveUp(context, pod, `stopped with status ${pod.status} before it became reachable`);
    if (context.clock.now() + pollIntervalMs > deadline) {
      const what = pod.status === 'RUNNING' ? 'RUNNING, but its ports were never published' : `still ${pod.status}`;
      throw await giveUp(context, pod, `was not reachable within ${Math.round(timeoutMs / 1000)} s (${what})`);
    }
    await context.clock.sleep(pollIntervalMs, signal);
  }
}

async function giveUp(context: WaitContext, pod: RunpodPod, what: string): Promise<RunpodApiError> {
  let cleanup = 'it was terminated so it bills no more';
  try {
    await context.terminate(pod.id);
  } catch (error) {
    cleanup = `terminating it failed too (${String(error)}); reconcile() will retry`;
    context.logger.error('could not terminate a pod that never became reachable', { podId: pod.id, error: String(error) });
  }
  return new RunpodApiError(context.providerId, 'not-reachable', `pod ${pod.id} ${what}; ${cleanup}. Try another offer.`, {
    operation: 'wait until reachable',
  });
}
