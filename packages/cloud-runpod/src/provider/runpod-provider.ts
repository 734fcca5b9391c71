import { type CloudGpuProvider, type CloudInstance, launchRequestSchema, ProviderError, parseInput } from '@aima/core';
import { raceAbort } from '../api/abort.js';
import { nextStep } from '../api/classify-failure.js';
import { createRunpodApiClient, type RunpodApiClient } from '../api/runpod-api-client.js';
import { RunpodApiError } from '../api/runpod-api-error.js';
import { parseOptions } from '../options/parse-options.js';
import { GpuCatalogue } from './gpu-catalogue.js';
import { KeyLock } from './key-lock.js';
import { checkGpuType, type LaunchContext, launchPod } from './launch-pod.js';
import { listOffers, placeOf } from './list-offers.js';
import { type OfferKey, parseOfferId } from './offer-id.js';
import { type ResolvedRunpodProviderOptions, type RunpodProviderOptions, runpodProviderOptionsSchema } from './provider-options.js';
import { type ReconcileResult, reconcileOrphans } from './reconcile.js';
import { RunpodPods } from './runpod-pods.js';
import type { PodSpend } from './spend-ledger.js';
import { type WaitUntilReachableOptions, waitUntilReachable } from './wait-until-reachable.js';

/** RunPod pods as a core `CloudGpuProvider`, plus what a host needs around it. */
export interface RunpodProvider extends CloudGpuProvider {
  /** Polls until the pod is RUNNING with its ports published; terminates it on timeout or death. */
  waitUntilReachable(instanceId: string, options?: WaitUntilReachableOptions): Promise<CloudInstance>;
  /** Terminates our pods (by label) whose launch key no live job holds (C4). */
  reconcile(liveKeys: ReadonlySet<string>, label: string, signal?: AbortSignal): Promise<ReconcileResult>;
  /** Spend per pod seen so far (estimated from price × running time). */
  spend(): PodSpend[];
  totalSpendUsd(): number;
  /** False once RunPod has answered "Spot pods are no longer offered": spot offers are no longer listed. */
  readonly spotAvailable: boolean;
}

/**
 * RunPod pods behind core's `CloudGpuProvider`: offers from GraphQL `gpuTypes` (one per GPU
 * type × cloud × on-demand/spot), on-demand pods over REST v2, spot pods over GraphQL.
 * @throws ConfigError when the options are wrong, e.g. no API key (before any request).
 */
export function createRunpodProvider(options: RunpodProviderOptions): RunpodProvider {
  const settings = parseOptions(runpodProviderOptionsSchema, options, 'RunPod provider options');
  const client = settings.client ?? clientFrom(settings);
  const { id, clock, logger } = settings;
  const pods = new RunpodPods(id, client, clock, logger);
  const catalogue = new GpuCatalogue();
  const keyLock = new KeyLock();
  const state = { closed: false, spotAvailable: true };
  const guard = (signal?: AbortSignal) => {
    signal?.throwIfAborted();
    if (state.closed) throw new ProviderError(id, 'unavailable', 'the provider is closed; create a new one');
  };
  const launchContext = createLaunchContext(settings, client, pods, catalogue, state);
  return {
    id,
    get spotAvailable() {
      return state.spotAvailable;
    },
    async listOffers(query, signal) {
      guard(signal);
      return listOffers({ settings, client, catalogue, spotAvailable: () => state.spotAvailable }, query, signal);
    },
    async launch(input, signal) {
      guard(signal);
      const request = parseInput(launchRequestSchema, input, 'launch request');
      const offer = offerOf(id, request.offerId, state.spotAvailable);
      await checkGpuType(launchContext, offer, signal);
      return raceAbort(
        keyLock.run(request.key, () => launchPod(launchContext, request, offer, signal)),
        signal,
      );
    },
    async getInstance(instanceId, signal) {
      guard(signal);
      return pods.instanceOf(instanceId, signal);
    },
    async terminate(instanceId, signal) {
      guard(signal);
      await pods.terminate(instanceId, signal);
    },
    async listInstances(label, signal) {
      guard(signal);
      return (await pods.ours(label, signal)).map((pod) => pods.toInstance(pod));
    },
    async waitUntilReachable(instanceId, wait = {}) {
      guard(wait.signal);
      const context = {
        providerId: id,
        client,
        clock,
        logger,
        toInstance: pods.toInstance.bind(pods),
        terminate: (podId: string) => pods.terminate(podId),
      };
      return waitUntilReachable(
        context,
        instanceId,
        wait.timeoutMs ?? settings.reachableTimeoutMs,
        wait.pollIntervalMs ?? settings.pollIntervalMs,
        wait.signal,
      );
    },
    async reconcile(liveKeys, label, signal) {
      guard(signal);
      const ours = (await pods.ours(label, signal)).map((pod) => pods.toInstance(pod));
      const result = await reconcileOrphans(ours, liveKeys, (podId) => pods.terminate(podId, signal), signal);
      if (result.destroyed.length > 0)
        logger.warn('terminated orphaned pods', { label, podIds: result.destroyed.map((instance) => instance.id) });
      return result;
    },
    spend: () => pods.ledger.entries(),
    totalSpendUsd: () => pods.ledger.totalUsd(),
    async close() {
      state.closed = true;
      if (settings.client === undefined) client.close();
    },
  };
}

/** The offer an id names; refuses ids this provider never issued and spot once RunPod ended it. */
function offerOf(providerId: string, offerId: string, spotAvailable: boolean): OfferKey {
  const offer = parseOfferId(offerId);
  if (offer === undefined) {
    const message = `offer "${offerId}" is not an offer of this provider (expected "<gpuTypeId>|SECURE|ondemand|1"); list offers again`;
    throw new RunpodApiError(providerId, 'not-found', message, { operation: 'launch' });
  }
  if (offer.pricing === 'spot' && !spotAvailable) {
    throw new RunpodApiError(providerId, 'spot-discontinued', `cannot launch ${offerId}: ${nextStep['spot-discontinued']}`, {
      operation: 'launch',
    });
  }
  return offer;
}

function createLaunchContext(
  settings: ResolvedRunpodProviderOptions,
  client: RunpodApiClient,
  pods: RunpodPods,
  catalogue: GpuCatalogue,
  state: { spotAvailable: boolean },
): LaunchContext {
  return {
    providerId: settings.id,
    client,
    catalogue,
    logger: settings.logger,
    dataCenterId: settings.dataCenterId,
    minCudaVersion: settings.minCudaVersion,
    async loadCatalogue(offer, signal) {
      const query = {
        cloud: offer.cloud,
        gpuCount: offer.gpuCount,
        ...placeOf(settings, offer.cloud),
        includeSpotPrices: settings.interruptible,
      };
      catalogue.remember(offer.cloud, await client.listGpuTypes(query, signal));
    },
    findByKey: (label, key, signal) => pods.findByKey(label, key, signal),
    toInstance: (pod) => pods.toInstance(pod),
    instanceOf: (podId, signal) => pods.instanceOf(podId, signal),
    terminate: (podId) => pods.terminate(podId),
    spotDiscontinued() {
      if (state.spotAvailable) settings.logger.warn('RunPod no longer offers spot pods; listing on-demand offers only from now on');
      state.spotAvailable = false;
    },
  };
}

function clientFrom(settings: ResolvedRunpodProviderOptions): RunpodApiClient {
  return createRunpodApiClient({
    apiKey: settings.apiKey ?? '',
    providerId: settings.id,
    clock: settings.clock,
    logger: settings.logger,
    ...(settings.graphqlUrl !== undefined && { graphqlUrl: settings.graphqlUrl }),
    ...(settings.restUrl !== undefined && { restUrl: settings.restUrl }),
    ...(settings.requestTimeoutMs !== undefined && { requestTimeoutMs: settings.requestTimeoutMs }),
    ...(settings.retry !== undefined && { retry: settings.retry }),
    ...(settings.concurrency !== undefined && { concurrency: settings.concurrency }),
  });
}
