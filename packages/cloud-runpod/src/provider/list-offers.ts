import { type CloudOffer, type OfferQuery, offerMatchesQuery, offerQuerySchema, parseInput } from '@aima/core';
import type { CloudType } from '../api/client-inputs.js';
import type { RunpodApiClient } from '../api/runpod-api-client.js';
import type { GpuCatalogue } from './gpu-catalogue.js';
import { offersOfGpuType } from './gpu-offers.js';
import type { ResolvedRunpodProviderOptions } from './provider-options.js';

/** What listing offers needs. */
export interface OfferListing {
  readonly settings: ResolvedRunpodProviderOptions;
  readonly client: RunpodApiClient;
  readonly catalogue: GpuCatalogue;
  readonly spotAvailable: () => boolean;
}

/** The data center (secure) or country (community) the options pin a cloud to. */
export function placeOf(settings: ResolvedRunpodProviderOptions, cloud: CloudType): { dataCenterId?: string; countryCode?: string } {
  if (cloud === 'SECURE') return settings.dataCenterId === undefined ? {} : { dataCenterId: settings.dataCenterId };
  return settings.countryCode === undefined ? {} : { countryCode: settings.countryCode };
}

async function offersOf(
  listing: OfferListing,
  cloud: CloudType,
  gpuCount: number,
  includeSpot: boolean,
  signal?: AbortSignal,
): Promise<CloudOffer[]> {
  const { settings } = listing;
  const place = placeOf(settings, cloud);
  const types = await listing.client.listGpuTypes({ cloud, gpuCount, ...place, includeSpotPrices: includeSpot }, signal);
  listing.catalogue.remember(cloud, types);
  const offerSettings = {
    providerId: settings.id,
    cloud,
    gpuCount,
    region: (place.dataCenterId ?? place.countryCode ?? 'global').toLowerCase(),
    reliability: settings.reliability[cloud],
    ...settings.bandwidth[cloud],
    includeSpot,
    nvidiaOnly: settings.nvidiaOnly,
    minStockStatus: settings.minStockStatus,
  };
  return types.flatMap((type) => offersOfGpuType(type, offerSettings));
}

/**
 * One GraphQL `gpuTypes` query per cloud (skipping clouds whose assumed reliability is below the
 * query's), mapped to offers, then filtered with core's `offerMatchesQuery` so every offer
 * satisfies the query, cheapest first.
 */
export async function listOffers(listing: OfferListing, input: OfferQuery, signal?: AbortSignal): Promise<CloudOffer[]> {
  const query = parseInput(offerQuerySchema, input, 'offer query');
  const { settings } = listing;
  const includeSpot = settings.interruptible && listing.spotAvailable() && query.interruptible !== false;
  if (query.interruptible === true && !includeSpot) return [];
  const clouds = settings.clouds.filter(
    (cloud) => query.minReliability === undefined || settings.reliability[cloud] >= query.minReliability,
  );
  const gpuCount = query.gpuCount ?? settings.gpuCount;
  const lists = await Promise.all(clouds.map((cloud) => offersOf(listing, cloud, gpuCount, includeSpot, signal)));
  return lists
    .flat()
    .filter((offer) => offerMatchesQuery(offer, query))
    .sort((a, b) => a.pricePerHourUsd - b.pricePerHourUsd);
}
