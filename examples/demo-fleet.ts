import { type CloudOffer, type LocalGpuState, parseCloudOffer, parseGpuRegistration } from '@aima/core';

/** A small on-premises fleet: two RTX 4090s, an A100 in maintenance, a T4 for one tenant only. */
export function demoFleet(now: number): LocalGpuState[] {
  const register = (id: string, input: Parameters<typeof parseGpuRegistration>[0]) => ({ ...parseGpuRegistration(input), id });
  const site = { cudaVersion: '12.4', location: 'on-prem-berlin', tags: ['gdpr'] };
  return [
    {
      gpu: register('gpu_a1b2c3d4', {
        ...site,
        model: 'NVIDIA GeForce RTX 4090',
        vramGb: 24,
        hostAddress: '10.0.0.11',
        computeCapability: '8.9',
      }),
    },
    {
      gpu: register('gpu_e5f6a7b8', {
        ...site,
        model: 'NVIDIA GeForce RTX 4090',
        vramGb: 24,
        hostAddress: '10.0.0.12',
        computeCapability: '8.9',
      }),
      busyUntil: now + 95 * 60_000,
    },
    {
      gpu: register('gpu_c9d0e1f2', {
        ...site,
        model: 'NVIDIA A100-SXM4-80GB',
        vramGb: 80,
        hostAddress: '10.0.0.13',
        computeCapability: '8.0',
        purchasePriceUsd: 15_000,
      }),
      health: 'maintenance',
    },
    {
      gpu: register('gpu_0a1b2c3d', {
        ...site,
        model: 'Tesla T4',
        vramGb: 16,
        hostAddress: '10.0.0.14',
        computeCapability: '7.5',
        purchasePriceUsd: 2_300,
        accessRestrictions: { tenants: ['radiology'] },
      }),
    },
  ];
}

/** A few simulated Vast.ai and RunPod offers at 2025 market prices. */
export function demoOffers(): CloudOffer[] {
  const offer = (
    fields: Partial<CloudOffer> & Pick<CloudOffer, 'provider' | 'offerId' | 'gpuModel' | 'vramGb' | 'pricePerHourUsd' | 'region'>,
  ) =>
    parseCloudOffer({
      gpuCount: 1,
      reliability: 0.98,
      uploadMbps: 800,
      downloadMbps: 800,
      interruptible: false,
      cudaVersion: '12.4',
      computeCapability: '8.9',
      ...fields,
    });
  return [
    offer({
      provider: 'vast',
      offerId: 'vast-4090-eu',
      gpuModel: 'RTX 4090',
      vramGb: 24,
      pricePerHourUsd: 0.38,
      region: 'eu-central',
      tags: ['gdpr'],
    }),
    offer({
      provider: 'vast',
      offerId: 'vast-3090-us',
      gpuModel: 'RTX 3090',
      vramGb: 24,
      pricePerHourUsd: 0.17,
      region: 'us-east',
      reliability: 0.93,
    }),
    offer({
      provider: 'vast',
      offerId: 'vast-4090-spot',
      gpuModel: 'RTX 4090',
      vramGb: 24,
      pricePerHourUsd: 0.21,
      region: 'eu-west',
      interruptible: true,
    }),
    offer({
      provider: 'runpod',
      offerId: 'runpod-a100-80',
      gpuModel: 'A100 80GB',
      vramGb: 80,
      pricePerHourUsd: 1.19,
      region: 'eu-west',
      computeCapability: '8.0',
    }),
    offer({
      provider: 'runpod',
      offerId: 'runpod-l4',
      gpuModel: 'L4',
      vramGb: 24,
      pricePerHourUsd: 0.43,
      region: 'eu-central',
      reliability: 0.99,
    }),
  ];
}
