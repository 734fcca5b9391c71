import type { Clock, CloudInstance, Logger } from '@aima/core';
import type { RunpodPod } from '../api/rest-v2-schemas.js';
import type { RunpodApiClient } from '../api/runpod-api-client.js';
import { aimaEnv, hasLabel, podToInstance } from './pod-instance.js';
import { SpendLedger } from './spend-ledger.js';

/** Our view of the account's pods: reading them as instances, finding ours, terminating, tracking spend. */
export class RunpodPods {
  readonly ledger = new SpendLedger();

  constructor(
    private readonly providerId: string,
    private readonly client: RunpodApiClient,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** A pod as an instance, its cost raised to the highest figure seen. */
  toInstance(pod: RunpodPod): CloudInstance {
    return this.ledger.observe(podToInstance(pod, this.providerId, this.clock.now()));
  }

  async instanceOf(podId: string, signal?: AbortSignal): Promise<CloudInstance | undefined> {
    const pod = await this.client.getPod(podId, signal);
    return pod === undefined ? undefined : this.toInstance(pod);
  }

  /** Live pods carrying the label (in their env). */
  async ours(label: string, signal?: AbortSignal): Promise<RunpodPod[]> {
    return (await this.client.listPods(signal)).filter((pod) => hasLabel(pod, label) && pod.status !== 'TERMINATED');
  }

  async findByKey(label: string, key: string, signal?: AbortSignal): Promise<CloudInstance | undefined> {
    const pod = (await this.ours(label, signal)).find((candidate) => candidate.env?.[aimaEnv.key] === key);
    return pod === undefined ? undefined : this.toInstance(pod);
  }

  /** Reads the pod once more for the spend ledger (best effort), then deletes it; a pod already gone is fine. */
  async terminate(podId: string, signal?: AbortSignal): Promise<void> {
    try {
      await this.instanceOf(podId, signal);
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      this.logger.debug('could not read a pod before terminating it', { podId, error: String(error) });
    }
    await this.client.terminatePod(podId, signal);
    this.logger.info('terminated pod', { podId });
  }
}
