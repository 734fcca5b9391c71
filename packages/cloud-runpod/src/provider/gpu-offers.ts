import { type CloudOffer, type CloudOfferInput, parseCloudOffer } from '@aima/core';
import type { CloudType } from '../api/client-inputs.js';
import type { RunpodGpuType } from '../api/graphql-schemas.js';
import { encodeOfferId } from './offer-id.js';

export type StockStatus = 'Low' | 'Medium' | 'High';
const stockRank: Record<StockStatus, number> = { Low: 1, Medium: 2, High: 3 };

/** How GPU types of one cloud become offers. */
export interface OfferSettings {
  readonly providerId: string;
  readonly cloud: CloudType;
  readonly gpuCount: number;
  readonly region: string;
  readonly reliability: number;
  readonly uploadMbps: number;
  readonly downloadMbps: number;
  readonly includeSpot: boolean;
  readonly nvidiaOnly: boolean;
  readonly minStockStatus: StockStatus;
}

/** `High`/`Medium`/`Low` in any case; anything else (null, `None`) means no stock. */
export function normaliseStock(value: string | null | undefined): StockStatus | undefined {
  const found = (['Low', 'Medium', 'High'] as const).find((status) => status.toLowerCase() === value?.toLowerCase());
  return found;
}

function isNvidia(type: RunpodGpuType): boolean {
  return /nvidia/i.test(type.manufacturer ?? '') || /^nvidia\b/i.test(type.id);
}

/** RunPod's per-GPU hourly price for the cloud: `lowestPrice` first (it reflects stock), then the list price. */
function onDemandPricePerGpu(type: RunpodGpuType, cloud: CloudType): number | undefined {
  const price = type.lowestPrice?.uninterruptablePrice ?? (cloud === 'SECURE' ? type.securePrice : type.communityPrice);
  return price !== null && price !== undefined && price > 0 ? price : undefined;
}

/** The spot price per GPU for the cloud, when RunPod lists one. */
export function spotPricePerGpu(type: RunpodGpuType, cloud: CloudType): number | undefined {
  const price = cloud === 'SECURE' ? type.secureSpotPrice : type.communitySpotPrice;
  return price !== null && price !== undefined && price > 0 ? price : undefined;
}

const money = (value: number) => Math.round(value * 1e6) / 1e6;

/**
 * The offers of one GPU type in one cloud: on-demand, plus spot when a spot price exists.
 * None when the cloud does not carry the type, stock is missing or below `minStockStatus`, or
 * the type is not NVIDIA while `nvidiaOnly`. Prices are per GPU in RunPod and per offer here.
 */
export function offersOfGpuType(type: RunpodGpuType, settings: OfferSettings): CloudOffer[] {
  const carried = settings.cloud === 'SECURE' ? type.secureCloud : type.communityCloud;
  const stock = normaliseStock(type.lowestPrice?.stockStatus);
  const perGpu = onDemandPricePerGpu(type, settings.cloud);
  const vramGb = type.memoryInGb ?? 0;
  if (carried === false || stock === undefined || perGpu === undefined || vramGb <= 0) return [];
  if (stockRank[stock] < stockRank[settings.minStockStatus] || (settings.nvidiaOnly && !isNvidia(type))) return [];
  const base = {
    provider: settings.providerId,
    gpuModel: type.id,
    gpuCount: settings.gpuCount,
    vramGb,
    region: settings.region,
    reliability: settings.reliability,
    uploadMbps: settings.uploadMbps,
    downloadMbps: settings.downloadMbps,
    verified: settings.cloud === 'SECURE',
    tags: [settings.cloud === 'SECURE' ? 'secure-cloud' : 'community-cloud', ...(stock === 'Low' ? ['low-stock'] : [])],
  };
  const key = { gpuTypeId: type.id, cloud: settings.cloud, gpuCount: settings.gpuCount };
  const offers: CloudOfferInput[] = [
    {
      ...base,
      offerId: encodeOfferId({ ...key, pricing: 'ondemand' }),
      pricePerHourUsd: money(perGpu * settings.gpuCount),
      interruptible: false,
    },
  ];
  const spot = settings.includeSpot ? spotPricePerGpu(type, settings.cloud) : undefined;
  if (spot !== undefined) {
    offers.push({
      ...base,
      offerId: encodeOfferId({ ...key, pricing: 'spot' }),
      pricePerHourUsd: money(spot * settings.gpuCount),
      interruptible: true,
      tags: [...base.tags, 'spot'],
    });
  }
  return offers.map(parseCloudOffer);
}
