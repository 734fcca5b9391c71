import type { CloudOffer } from '../config/cloud-offer.js';
import type { CloudInstance, LaunchRequestInput, OfferQuery } from './cloud-instance.js';

/**
 * A GPU cloud: offers, launch, poll, terminate, list our instances (P4). Implemented by
 * `@aima/cloud-vast` and `@aima/cloud-runpod`; contract tested by
 * `describeCloudGpuProviderConformance`.
 *
 * Contract: every offer returned satisfies the query; `launch` is idempotent per `request.key`
 * (a repeated call returns the same instance and rents nothing new) and a launch that fails
 * half-way leaves nothing billing; `terminate` is idempotent and succeeds for an instance that
 * is already gone; `listInstances(label)` returns every live instance carrying the label;
 * failures are `ProviderError`s with a `kind`; every call honours its AbortSignal.
 */
export interface CloudGpuProvider {
  /** E.g. `"vast"`, `"runpod"`. */
  readonly id: string;
  listOffers(query: OfferQuery, signal?: AbortSignal): Promise<CloudOffer[]>;
  launch(request: LaunchRequestInput, signal?: AbortSignal): Promise<CloudInstance>;
  getInstance(instanceId: string, signal?: AbortSignal): Promise<CloudInstance | undefined>;
  terminate(instanceId: string, signal?: AbortSignal): Promise<void>;
  listInstances(label: string, signal?: AbortSignal): Promise<CloudInstance[]>;
  /**
   * Optional push of instance changes (an interruption, a stop). Where a provider offers it, the
   * scheduler listens instead of polling `getInstance` every heartbeat. Returns the unsubscribe.
   */
  onInstanceChange?(listener: (instance: CloudInstance) => void): () => void;
  close(): Promise<void>;
}
