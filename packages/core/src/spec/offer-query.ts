import type { CloudOffer } from '../config/cloud-offer.js';
import { normaliseGpuModel } from '../cost/gpu-cost-table.js';
import { sameRegion } from '../engine/upload-time.js';
import type { OfferQuery } from './cloud-instance.js';

/**
 * Whether an offer satisfies a query, as every provider must read it: regions match as the
 * engine's residency filter does (`eu` allows `eu-west-1`), GPU models by words (`A100 80GB`
 * matches `A100-SXM4-80GB`). Providers filter server-side where they can and apply this after.
 */
export function offerMatchesQuery(offer: CloudOffer, query: OfferQuery): boolean {
  return (
    (query.minVramGb === undefined || offer.vramGb >= query.minVramGb) &&
    (query.maxPricePerHourUsd === undefined || offer.pricePerHourUsd <= query.maxPricePerHourUsd) &&
    (query.minReliability === undefined || offer.reliability >= query.minReliability) &&
    (query.minUploadMbps === undefined || offer.uploadMbps >= query.minUploadMbps) &&
    (query.interruptible === undefined || offer.interruptible === query.interruptible) &&
    (query.gpuCount === undefined || offer.gpuCount === query.gpuCount) &&
    (query.regions === undefined || query.regions.some((region) => sameRegion(region, offer.region))) &&
    (query.gpuModels === undefined || query.gpuModels.some((model) => modelMatches(model, offer.gpuModel)))
  );
}

/** Whether a GPU model name holds every word of a wanted model (vendor words ignored). */
export function modelMatches(wanted: string, model: string): boolean {
  const words = new Set(normaliseGpuModel(model).split(' '));
  const needed = normaliseGpuModel(wanted);
  return needed === '' || needed.split(' ').every((word) => words.has(word));
}
