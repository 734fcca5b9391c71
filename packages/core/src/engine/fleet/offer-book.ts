import type { CloudOffer } from '../../config/cloud-offer.js';

interface VramTier {
  readonly vramGb: number;
  /** The offers with at least `vramGb`, cheapest first. */
  readonly offers: readonly CloudOffer[];
  /** The cheapest offer with less than `vramGb`, if any. */
  readonly cheapestBelow: CloudOffer | undefined;
}

/**
 * Cloud offers sorted by hourly price (then provider and offer id), so the engine can walk them
 * cheapest first and stop as soon as no remaining offer can beat the best one found; plus one
 * tier per distinct VRAM size, so a walk can start among offers large enough for the job.
 */
export class OfferBook {
  /** Every offer, cheapest first. */
  readonly offers: readonly CloudOffer[];
  private readonly tiers: readonly VramTier[];

  constructor(offers: Iterable<CloudOffer>) {
    this.offers = [...offers].sort(
      (a, b) => a.pricePerHourUsd - b.pricePerHourUsd || compareStrings(a.provider, b.provider) || compareStrings(a.offerId, b.offerId),
    );
    const sizes = [...new Set(this.offers.map((offer) => offer.vramGb))].sort((a, b) => a - b);
    this.tiers = sizes.map((vramGb) => ({
      vramGb,
      offers: this.offers.filter((offer) => offer.vramGb >= vramGb),
      cheapestBelow: this.offers.find((offer) => offer.vramGb < vramGb),
    }));
  }

  get size(): number {
    return this.offers.length;
  }

  /** The offers with at least `vramGb` of VRAM per GPU, cheapest first. O(log tiers). */
  withVramAtLeast(vramGb: number): readonly CloudOffer[] {
    return this.tierFor(vramGb)?.offers ?? [];
  }

  /** The cheapest offer with less than `vramGb` (an example for explanations), if any. O(log tiers). */
  cheapestBelowVram(vramGb: number): CloudOffer | undefined {
    const tier = this.tierFor(vramGb);
    return tier === undefined ? this.offers[0] : tier.cheapestBelow;
  }

  /** The first tier with at least `vramGb`: no offer lies between `vramGb` and its size. */
  private tierFor(vramGb: number): VramTier | undefined {
    let low = 0;
    let high = this.tiers.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((this.tiers[middle]?.vramGb ?? 0) < vramGb) low = middle + 1;
      else high = middle;
    }
    return this.tiers[low];
  }
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Builds an offer book. */
export function createOfferBook(offers: Iterable<CloudOffer>): OfferBook {
  return new OfferBook(offers);
}
