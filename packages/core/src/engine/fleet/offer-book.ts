import type { CloudOffer } from '../../config/cloud-offer.js';

/**
 * Cloud offers sorted by hourly price (then provider and offer id), so the engine can walk them
 * cheapest first and stop as soon as no remaining offer can beat the best one found.
 */
export class OfferBook {
  readonly offers: readonly CloudOffer[];

  constructor(offers: Iterable<CloudOffer>) {
    this.offers = [...offers].sort(
      (a, b) => a.pricePerHourUsd - b.pricePerHourUsd || compareStrings(a.provider, b.provider) || compareStrings(a.offerId, b.offerId),
    );
  }

  get size(): number {
    return this.offers.length;
  }
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Builds an offer book. */
export function createOfferBook(offers: Iterable<CloudOffer>): OfferBook {
  return new OfferBook(offers);
}
