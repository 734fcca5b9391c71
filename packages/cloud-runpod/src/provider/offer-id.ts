import type { CloudType } from '../api/client-inputs.js';

/** What an offer id names: a GPU type, a cloud, a pricing and a GPU count. */
export interface OfferKey {
  readonly gpuTypeId: string;
  readonly cloud: CloudType;
  readonly pricing: 'ondemand' | 'spot';
  readonly gpuCount: number;
}

/** `NVIDIA GeForce RTX 4090|SECURE|ondemand|1`: readable, and enough to launch without a lookup. */
export function encodeOfferId(key: OfferKey): string {
  return `${key.gpuTypeId}|${key.cloud}|${key.pricing}|${key.gpuCount}`;
}

/** The parts of an offer id this provider issued; undefined for anything else. */
export function parseOfferId(offerId: string): OfferKey | undefined {
  const parts = offerId.split('|');
  if (parts.length !== 4) return undefined;
  const [gpuTypeId, cloud, pricing, count] = parts as [string, string, string, string];
  const gpuCount = Number(count);
  if (gpuTypeId.trim() === '' || !Number.isInteger(gpuCount) || gpuCount < 1) return undefined;
  if (cloud !== 'SECURE' && cloud !== 'COMMUNITY') return undefined;
  if (pricing !== 'ondemand' && pricing !== 'spot') return undefined;
  return { gpuTypeId, cloud, pricing, gpuCount };
}
