import { describe, expect, it } from 'vitest';
import { planOfferSearch } from './offer-search.js';

const options = { minReliability: 0.9, verifiedOnly: true, datacenterOnly: false, minDirectPorts: 1, searchLimit: 64, searchDiskGb: 20 };

describe('offer queries to Vast searches', () => {
  it('narrows by VRAM so that rounded sizes still match, and by count, price and bandwidth', () => {
    const { search } = planOfferSearch(
      { minVramGb: 24, gpuCount: 2, maxPricePerHourUsd: 1, minUploadMbps: 200, interruptible: false },
      options,
    );
    expect(search.filters).toMatchObject({ gpu_ram: { gte: 24_064 }, num_gpus: { eq: 2 }, dph_total: { lte: 1 }, inet_up: { gte: 200 } });
    expect(search).toMatchObject({ type: 'on-demand', limit: 64, allocatedStorageGb: 20 });
  });

  it('bounds both variants by the minimum bid, and bids alone by a bid search', () => {
    expect(planOfferSearch({ maxPricePerHourUsd: 1 }, options).search.filters).toMatchObject({ min_bid: { lte: 1 } });
    expect(planOfferSearch({ interruptible: true }, options).search).toMatchObject({ type: 'bid', order: [['min_bid', 'asc']] });
  });

  it('takes the stricter reliability, and adds datacenter and CUDA floors', () => {
    const { search } = planOfferSearch({ minReliability: 0.99 }, { ...options, datacenterOnly: true, minCudaVersion: '12.4' });
    expect(search.filters).toMatchObject({ reliability2: { gte: 0.99 }, datacenter: { eq: true }, cuda_max_good: { gte: 12.4 } });
  });

  it('leaves name and place to the local filter when the server cannot express them', () => {
    const { search } = planOfferSearch({ gpuModels: ['RTX 4090', 'L40S 48GB'], regions: ['eu-de', 'unknown'] }, options);
    expect(search.filters.gpu_name).toEqual({ in: ['RTX 4090', 'L40S'] });
    expect(search.filters.geolocation).toBeUndefined();
  });
});
