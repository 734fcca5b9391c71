import { type CloudInstance, type LaunchRequest, type Logger, ValidationError } from '@aima/core';
import type { CreatePodInput } from '../api/client-inputs.js';
import type { RunpodPod } from '../api/rest-v2-schemas.js';
import type { RunpodApiClient } from '../api/runpod-api-client.js';
import { RunpodApiError } from '../api/runpod-api-error.js';
import type { GpuCatalogue } from './gpu-catalogue.js';
import { spotPricePerGpu } from './gpu-offers.js';
import type { OfferKey } from './offer-id.js';
import { aimaEnv } from './pod-instance.js';

/** What a launch needs from the provider. */
export interface LaunchContext {
  readonly providerId: string;
  readonly client: RunpodApiClient;
  readonly catalogue: GpuCatalogue;
  readonly logger: Logger;
  readonly dataCenterId?: string | undefined;
  readonly minCudaVersion?: string | undefined;
  /** Loads the GPU types of a cloud into the catalogue. */
  loadCatalogue(offer: OfferKey, signal?: AbortSignal): Promise<void>;
  /** Our live pod with this label and key, if any. */
  findByKey(label: string, key: string, signal?: AbortSignal): Promise<CloudInstance | undefined>;
  /** A pod as an instance. */
  toInstance(pod: RunpodPod): CloudInstance;
  /** A pod id as an instance (read back after a spot create, whose GraphQL answer is thin). */
  instanceOf(podId: string, signal?: AbortSignal): Promise<CloudInstance | undefined>;
  terminate(podId: string): Promise<void>;
  /** Called once RunPod says spot pods are no longer offered. */
  spotDiscontinued(): void;
}

/** Refuses an offer whose GPU type RunPod does not list (a `ValidationError`, before any create). */
export async function checkGpuType(context: LaunchContext, offer: OfferKey, signal?: AbortSignal): Promise<void> {
  if (!context.catalogue.has(offer.cloud)) await context.loadCatalogue(offer, signal);
  if (context.catalogue.find(offer.cloud, offer.gpuTypeId) !== undefined) return;
  throw new ValidationError('launch request', [
    {
      path: 'offerId',
      message: `RunPod lists no GPU type "${offer.gpuTypeId}" in ${offer.cloud.toLowerCase()} cloud; list offers again and launch one of them`,
    },
  ]);
}

function podInput(context: LaunchContext, request: LaunchRequest, offer: OfferKey): CreatePodInput {
  return {
    name: `${request.label}:${request.key}`.slice(0, 191),
    image: request.image,
    gpuTypeId: offer.gpuTypeId,
    gpuCount: offer.gpuCount,
    cloud: offer.cloud,
    containerDiskGb: Math.max(1, Math.ceil(request.diskGb)),
    ports: request.ports.map((port) => `${port}/tcp`),
    env: { ...request.env, [aimaEnv.label]: request.label, [aimaEnv.key]: request.key, [aimaEnv.offerId]: request.offerId },
    ...(context.dataCenterId !== undefined && offer.cloud === 'SECURE' && { dataCenterId: context.dataCenterId }),
    ...(context.minCudaVersion !== undefined && { minCudaVersion: context.minCudaVersion }),
  };
}

/** Creates the pod: REST v2 for on-demand, GraphQL `podRentInterruptable` for spot (v2 has no spot). */
async function createPod(context: LaunchContext, request: LaunchRequest, offer: OfferKey, signal?: AbortSignal): Promise<CloudInstance> {
  const input = podInput(context, request, offer);
  if (offer.pricing === 'ondemand') {
    return context.toInstance(await context.client.createPod(input, signal));
  }
  const listed = context.catalogue.find(offer.cloud, offer.gpuTypeId);
  const bidPerGpu =
    request.bidPricePerHourUsd !== undefined ? request.bidPricePerHourUsd / offer.gpuCount : listed && spotPricePerGpu(listed, offer.cloud);
  if (bidPerGpu === undefined) {
    throw new RunpodApiError(
      context.providerId,
      'no-capacity',
      `RunPod lists no spot price for ${offer.gpuTypeId}; launch an on-demand offer`,
      { operation: 'launch' },
    );
  }
  const pod = await context.client.rentInterruptablePod({ ...input, bidPerGpu }, signal);
  return (await context.instanceOf(pod.id, signal)) ?? unreadable(context, pod.id);
}

function unreadable(context: LaunchContext, podId: string): never {
  throw new RunpodApiError(context.providerId, 'unexpected-response', `pod ${podId} was created but cannot be read back`, {
    operation: 'launch',
  });
}

/** Answers after which RunPod surely made no pod: nothing to look for. */
const refusals = new Set([
  'no-capacity',
  'spot-discontinued',
  'low-balance',
  'unauthorized',
  'forbidden',
  'invalid-request',
  'conflict',
  'not-found',
]);

/**
 * One launch, idempotent per key: an existing pod of ours with the key is returned as is. When
 * a create fails in a way that may still have made a pod (5xx, timeout, lost or unreadable
 * answer, abort), the pod is looked up by key: returned if the failure was transient and the
 * caller still waits, terminated otherwise, so a failed launch leaves nothing billing.
 */
export async function launchPod(
  context: LaunchContext,
  request: LaunchRequest,
  offer: OfferKey,
  signal?: AbortSignal,
): Promise<CloudInstance> {
  const existing = await context.findByKey(request.label, request.key, signal);
  if (existing !== undefined) return existing;
  try {
    return await createPod(context, request, offer, signal);
  } catch (error) {
    if (RunpodApiError.isInstance(error) && error.reason === 'spot-discontinued') context.spotDiscontinued();
    if (signal?.aborted) {
      void cleanUp(context, request, 'its launch was aborted');
      throw signal.reason;
    }
    if (!RunpodApiError.isInstance(error) || refusals.has(error.reason)) throw error;
    if (!error.retryable) {
      await cleanUp(context, request, `its create answer could not be used (${error.reason})`);
      throw error;
    }
    const made = await context.findByKey(request.label, request.key).catch(() => undefined);
    if (made !== undefined) return made;
    throw error;
  }
}

/** Terminates the pod a failed launch may have made; failures are logged (reconcile() finds the pod later). */
async function cleanUp(context: LaunchContext, request: LaunchRequest, why: string): Promise<void> {
  try {
    const made = await context.findByKey(request.label, request.key);
    if (made === undefined) return;
    await context.terminate(made.id);
    context.logger.warn(`terminated a pod because ${why}`, { podId: made.id, label: request.label, key: request.key });
  } catch (error) {
    context.logger.error('could not clean up after a failed launch; reconcile() will find the pod', {
      label: request.label,
      key: request.key,
      error: String(error),
    });
  }
}
