import { type CloudGpuProvider, type CloudOffer, type LaunchRequestInput, type OfferQuery, offerMatchesQuery } from '@aima/core';
import { VastApiError } from '../client/vast-api-error.js';
import { parseVastOptions, type VastProviderOptions } from '../options.js';
import { type AccountSpend, accountSpend } from './account-spend.js';
import type { VastCloudInstance } from './instance-mapping.js';
import { createLaunch } from './launch.js';
import { isDatacenter, toCloudOffers } from './offer-mapping.js';
import { planOfferSearch } from './offer-search.js';
import { createProviderContext, type ProviderContext, parseInstanceId } from './provider-context.js';
import { type ReconcileResult, reconcile } from './reconcile.js';
import { type WaitUntilRunningOptions, waitUntilRunning } from './wait-until-running.js';

/** Core's `CloudGpuProvider` over Vast.ai, plus what only a Vast host needs. */
export interface VastProvider extends CloudGpuProvider {
  readonly id: 'vast';
  launch(request: LaunchRequestInput, signal?: AbortSignal): Promise<VastCloudInstance>;
  getInstance(instanceId: string, signal?: AbortSignal): Promise<VastCloudInstance | undefined>;
  listInstances(label: string, signal?: AbortSignal): Promise<VastCloudInstance[]>;
  /** Polls until running; destroys the instance and throws a `capacity` error if it fails or the deadline passes. */
  waitUntilRunning(instanceId: string, options?: WaitUntilRunningOptions): Promise<VastCloudInstance>;
  /** Destroys our instances under `label` whose key is not in `liveKeys` (C4). */
  reconcile(liveKeys: ReadonlySet<string>, label: string, signal?: AbortSignal): Promise<ReconcileResult>;
  /** What Vast billed between two instants (epoch ms), per instance. */
  accountSpend(range: { readonly fromMs: number; readonly toMs: number }, signal?: AbortSignal): Promise<AccountSpend>;
}

/**
 * Creates the Vast.ai provider. Options are checked here, before any request: a missing API key is
 * a `ConfigError` that says to set `apiKey`.
 */
export function createVastProvider(options: VastProviderOptions): VastProvider {
  const context = createProviderContext(parseVastOptions(options));
  const launch = createLaunch(context);
  return {
    id: 'vast',
    listOffers: (query, signal) => listOffers(context, query, signal),
    launch,
    async getInstance(instanceId, signal) {
      context.ensureOpen(signal);
      const id = parseInstanceId(instanceId);
      return id === undefined ? undefined : context.readInstance(id, signal);
    },
    async terminate(instanceId, signal) {
      context.ensureOpen(signal);
      const id = parseInstanceId(instanceId);
      if (id === undefined) return;
      const outcome = await context.client.destroyInstance(id, signal);
      context.options.logger.info('vast: terminated an instance', { instanceId, outcome });
    },
    async listInstances(label, signal) {
      context.ensureOpen(signal);
      return context.listOurs(label, signal);
    },
    waitUntilRunning(instanceId, waitOptions = {}) {
      const id = parseInstanceId(instanceId);
      if (id === undefined) return Promise.reject(new VastApiError('not-found', `"${instanceId}" is not a Vast.ai instance id.`));
      return waitUntilRunning(context, id, waitOptions);
    },
    reconcile: (liveKeys, label, signal) => reconcile(context, liveKeys, label, signal),
    accountSpend: (range, signal) => accountSpend(context, range.fromMs, range.toMs, signal),
    close: () => context.close(),
  };
}

/**
 * Searches once, maps each Vast offer to its on-demand and/or interruptible variant, keeps those
 * that satisfy the query exactly (core's `offerMatchesQuery`) and the provider's own floors, and
 * orders them cheapest first, then most reliable.
 */
async function listOffers(context: ProviderContext, query: OfferQuery, signal?: AbortSignal): Promise<CloudOffer[]> {
  context.ensureOpen(signal);
  const { options } = context;
  const plan = planOfferSearch({ ...options.defaultQuery, ...query }, options);
  const { offers: found, skipped } = await context.client.searchOffers(plan.search, signal);
  const offers: CloudOffer[] = [];
  const problems = skipped.map((skip) => `offer #${skip.index}: ${skip.problem}`);
  for (const vastOffer of found) {
    if ((options.datacenterOnly && !isDatacenter(vastOffer)) || (options.verifiedOnly && vastOffer.verification !== 'verified')) continue;
    const mapped = toCloudOffers(vastOffer, plan.variants);
    problems.push(...mapped.problems);
    for (const offer of mapped.offers) {
      if (offer.reliability < options.minReliability || !offerMatchesQuery(offer, plan.query)) continue;
      if (offer.interruptible) rememberBid(context.minimumBids, offer);
      offers.push(offer);
    }
  }
  if (problems.length > 0)
    options.logger.warn('vast: left out offers Vast.ai described incompletely', { count: problems.length, problems: problems.slice(0, 5) });
  const unique = new Map(offers.map((offer) => [offer.offerId, offer]));
  return [...unique.values()].sort(
    (a, b) => a.pricePerHourUsd - b.pricePerHourUsd || b.reliability - a.reliability || a.offerId.localeCompare(b.offerId),
  );
}

/** Keeps the minimum bids of recent searches for launches (bounded; a miss only costs a search). */
function rememberBid(bids: Map<string, number>, offer: CloudOffer): void {
  if (bids.size >= 10_000) bids.clear();
  bids.set(offer.offerId, offer.pricePerHourUsd);
}
