import { type CloudOffer, cloudOfferSchema } from '@aima/core';
import type { VastOffer } from '../client/schemas/offer.js';
import { canonicalGpuModel } from './gpu-names.js';
import { regionOf } from './regions.js';

/** Suffix of the offer id of an offer's interruptible (bid) variant: `11684738-bid`. */
export const bidSuffix = '-bid';

/** Which variants of a Vast offer to produce. */
export interface OfferVariants {
  readonly onDemand: boolean;
  readonly interruptible: boolean;
}

/**
 * Maps one Vast offer to ours. Every Vast offer can be rented on demand (at `dph_total`) or as an
 * interruptible bid (from `min_bid`); each wanted variant becomes one offer. The bid variant's
 * id ends in `-bid` because core tells offers apart by id. An offer that does not fit the schema
 * (no VRAM, say) is dropped, with the reason.
 */
export function toCloudOffers(offer: VastOffer, variants: OfferVariants): { offers: CloudOffer[]; problems: string[] } {
  const base = baseOffer(offer);
  const candidates: unknown[] = [];
  if (variants.onDemand) candidates.push({ ...base, offerId: String(offer.id), pricePerHourUsd: offer.dph_total, interruptible: false });
  const minBid = offer.min_bid ?? undefined;
  if (variants.interruptible && minBid !== undefined && minBid > 0) {
    candidates.push({ ...base, offerId: `${offer.id}${bidSuffix}`, pricePerHourUsd: minBid, interruptible: true });
  }
  const offers: CloudOffer[] = [];
  const problems: string[] = [];
  for (const candidate of candidates) {
    const parsed = cloudOfferSchema.safeParse(candidate);
    if (parsed.success) offers.push(parsed.data);
    else problems.push(`offer ${offer.id}: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  }
  return { offers, problems };
}

function baseOffer(offer: VastOffer) {
  const vramGb = Math.round(offer.gpu_ram / 1024);
  return {
    provider: 'vast',
    gpuModel: canonicalGpuModel(offer.gpu_name, vramGb),
    gpuCount: offer.num_gpus,
    vramGb,
    region: regionOf(offer.geolocation),
    reliability: Math.min(1, Math.max(0, offer.reliability2 ?? offer.reliability ?? 0)),
    uploadMbps: Math.max(0, offer.inet_up ?? 0),
    downloadMbps: Math.max(0, offer.inet_down ?? 0),
    verified: offer.verification === 'verified',
    tags: isDatacenter(offer) ? ['datacenter'] : [],
    ...optionalVersions(offer),
  };
}

/** Vast marks datacenter hosts with `hosting_type` 1 (SkyPilot) or `datacenter` (dstack's filter). */
export function isDatacenter(offer: Pick<VastOffer, 'hosting_type' | 'datacenter'>): boolean {
  return (offer.hosting_type ?? 0) >= 1 || offer.datacenter === true || offer.datacenter === 1;
}

function optionalVersions(offer: VastOffer): { cudaVersion?: string; computeCapability?: string } {
  const cuda = offer.cuda_max_good;
  const capability = offer.compute_cap;
  return {
    ...(cuda !== null && cuda !== undefined && cuda > 0 && { cudaVersion: String(Math.round(cuda * 10) / 10) }),
    ...(capability !== null && capability !== undefined && capability > 0 && { computeCapability: computeCapabilityOf(capability) }),
  };
}

/** `890` → `"8.9"`, `1200` → `"12.0"`. */
export function computeCapabilityOf(value: number): string {
  const major = Math.floor(value / 100);
  const minor = Math.floor((value % 100) / 10);
  return `${major}.${minor}`;
}
