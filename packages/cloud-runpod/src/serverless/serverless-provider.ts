import {
  type CloudGpuProvider,
  type CloudInstance,
  type CloudOffer,
  launchRequestSchema,
  offerMatchesQuery,
  offerQuerySchema,
  ProviderError,
  parseCloudOffer,
  parseInput,
  systemClock,
} from '@aima/core';
import { z } from 'zod';
import { clockSchema, parseOptions } from '../options/parse-options.js';
import { endpointIdSchema } from './endpoint-id.js';

/** Options of {@link createRunpodServerlessProvider}: the endpoint's GPU and price, which the host knows from its endpoint settings. */
export const serverlessProviderOptionsSchema = z.strictObject({
  endpointId: z.unknown(),
  /** Provider id the scheduler routes on. @default 'runpod-serverless' */
  id: z.string().min(1).default('runpod-serverless'),
  /** The GPU the endpoint's workers run on, e.g. `NVIDIA GeForce RTX 4090`. */
  gpuModel: z.string().trim().min(1),
  vramGb: z.number().positive(),
  /** Worker price per hour (RunPod bills serverless per second: per-second price × 3600). */
  pricePerHourUsd: z.number().nonnegative(),
  /** @default 'global' */
  region: z.string().min(1).default('global'),
  /** Assumed; RunPod publishes none. @default 0.99 */
  reliability: z.number().min(0).max(1).default(0.99),
  /** Assumed. @default 1000 */
  uploadMbps: z.number().nonnegative().default(1_000),
  /** Assumed. @default 1000 */
  downloadMbps: z.number().nonnegative().default(1_000),
  /** @default systemClock */
  clock: clockSchema.default(systemClock),
});

export type RunpodServerlessProviderOptions = Omit<z.input<typeof serverlessProviderOptionsSchema>, 'endpointId'> & {
  readonly endpointId: string;
};

/**
 * A serverless endpoint seen as a cloud with one offer, so a scheduler can choose it like any
 * other cloud and hand the placement to the serverless runner. Launching rents nothing (workers
 * bill per job), so instances are `running` at once and terminating them only forgets them. It
 * sends no request to RunPod.
 */
export function createRunpodServerlessProvider(options: RunpodServerlessProviderOptions): CloudGpuProvider {
  const settings = parseOptions(serverlessProviderOptionsSchema, options, 'RunPod serverless provider options');
  const endpointId = parseInput(endpointIdSchema, settings.endpointId, 'RunPod serverless endpoint id');
  const { id, clock } = settings;
  const offer: CloudOffer = parseCloudOffer({
    provider: id,
    offerId: `serverless|${endpointId}`,
    gpuModel: settings.gpuModel,
    gpuCount: 1,
    vramGb: settings.vramGb,
    pricePerHourUsd: settings.pricePerHourUsd,
    region: settings.region,
    reliability: settings.reliability,
    uploadMbps: settings.uploadMbps,
    downloadMbps: settings.downloadMbps,
    interruptible: false,
    verified: true,
    tags: ['serverless'],
  });
  const byKey = new Map<string, CloudInstance>();
  let closed = false;
  const guard = (signal?: AbortSignal) => {
    signal?.throwIfAborted();
    if (closed) throw new ProviderError(id, 'unavailable', 'the provider is closed; create a new one');
  };
  const byId = (instanceId: string) => [...byKey.values()].find((instance) => instance.id === instanceId);

  return {
    id,
    async listOffers(query, signal) {
      guard(signal);
      return offerMatchesQuery(offer, parseInput(offerQuerySchema, query, 'offer query')) ? [offer] : [];
    },
    async launch(input, signal) {
      guard(signal);
      const request = parseInput(launchRequestSchema, input, 'launch request');
      if (request.offerId !== offer.offerId)
        throw new ProviderError(id, 'not-found', `offer "${request.offerId}" is not ${offer.offerId}; list offers again`);
      const existing = byKey.get(request.key);
      if (existing !== undefined && existing.status !== 'terminated') return existing;
      const instance: CloudInstance = {
        id: `${endpointId}-${byKey.size + 1}`,
        providerId: id,
        offerId: offer.offerId,
        key: request.key,
        status: 'running',
        pricePerHourUsd: offer.pricePerHourUsd,
        startedAt: clock.now(),
        label: request.label,
        costSoFarUsd: 0,
        statusMessage: `jobs go to RunPod serverless endpoint ${endpointId}`,
      };
      byKey.set(request.key, instance);
      return instance;
    },
    async getInstance(instanceId, signal) {
      guard(signal);
      return byId(instanceId);
    },
    async terminate(instanceId, signal) {
      guard(signal);
      const instance = byId(instanceId);
      if (instance?.key !== undefined) byKey.set(instance.key, { ...instance, status: 'terminated' });
    },
    async listInstances(label, signal) {
      guard(signal);
      return [...byKey.values()].filter((instance) => instance.label === label && instance.status !== 'terminated');
    },
    async close() {
      closed = true;
    },
  };
}
