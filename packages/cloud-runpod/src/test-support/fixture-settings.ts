import type { OfferSettings } from '../provider/gpu-offers.js';

/** Offer settings for replaying recorded GPU types: secure cloud, one GPU, spot included. */
export const gpuOffersFixtureSettings: OfferSettings = {
  providerId: 'runpod',
  cloud: 'SECURE',
  gpuCount: 1,
  region: 'global',
  reliability: 0.99,
  uploadMbps: 1_000,
  downloadMbps: 1_000,
  includeSpot: true,
  nvidiaOnly: true,
  minStockStatus: 'Low',
};
