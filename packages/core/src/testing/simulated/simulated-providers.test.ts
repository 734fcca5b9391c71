import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../../random/random-source.js';
import { VirtualClock } from '../../time/virtual-clock.js';
import { describeCloudGpuProviderConformance } from '../conformance/cloud-gpu-provider-conformance.js';
import { describeLocalGpuProviderConformance } from '../conformance/local-gpu-provider-conformance.js';
import { generateOffers } from '../generate-fleet.js';
import { createSimulatedCloudProvider } from './simulated-cloud-provider.js';
import { createSimulatedLocalGpuProvider } from './simulated-local-gpu-provider.js';

describeLocalGpuProviderConformance('simulated local GPUs', async () => {
  const provider = createSimulatedLocalGpuProvider({
    host: 'sim-a',
    gpus: [
      { model: 'RTX 4090', vramGb: 24, cudaVersion: '12.4' },
      { model: 'A100 80GB', vramGb: 80 },
    ],
    clock: new VirtualClock(1_000),
  });
  return {
    provider,
    triggerHealthEvent: () =>
      provider.emitHealth({ gpuId: 'sim-sim-a-1', source: 'xid', code: 79, severity: 'critical', message: 'GPU has fallen off the bus' }),
  };
});

describeCloudGpuProviderConformance('simulated cloud', async () => {
  const clock = new VirtualClock(0);
  const provider = createSimulatedCloudProvider({
    offers: generateOffers({ count: 50, random: createSeededRandom(3) }),
    clock,
    provisioningSeconds: 30,
  });
  return { provider, query: { minVramGb: 24, maxPricePerHourUsd: 3 }, tick: () => clock.advanceBy(10_000) };
});

describe('simulated providers', () => {
  it('report seed statuses from load and errors from faults', async () => {
    const provider = createSimulatedLocalGpuProvider({ host: 'h', gpus: [{ model: 'RTX 4090', vramGb: 24 }], clock: new VirtualClock(5) });
    provider.setLoad('sim-h-0', { utilizationGpu: 85, memoryUsedMb: 100 });
    expect((await provider.sample())[0]?.status).toBe('busy');
    provider.setLoad('sim-h-0', { utilizationGpu: 30, memoryUsedMb: 100 });
    expect((await provider.sample())[0]?.status).toBe('active');
    provider.setLoad('sim-h-0', { utilizationGpu: 0, memoryUsedMb: 20_000 });
    expect((await provider.sample())[0]?.status).toBe('busy');
    provider.setError('sim-h-0', 'NVML_ERROR_GPU_IS_LOST');
    expect((await provider.sample())[0]).toMatchObject({ status: 'error', error: 'NVML_ERROR_GPU_IS_LOST' });
  });

  it('bill a cloud instance from running until it ends, and fail launches at the configured rate', async () => {
    const clock = new VirtualClock(0);
    const [offer] = generateOffers({ count: 1, random: createSeededRandom(1) });
    if (!offer) throw new Error('no offer');
    const provider = createSimulatedCloudProvider({ offers: [offer], clock, provisioningSeconds: 60 });
    const instance = await provider.launch({ key: 'k', offerId: offer.offerId, image: 'img', label: 'aima' });
    await clock.advanceBy(60_000 + 3_600_000);
    expect((await provider.getInstance(instance.id))?.costSoFarUsd).toBeCloseTo(offer.pricePerHourUsd, 9);
    provider.interrupt(instance.id);
    await clock.advanceBy(3_600_000);
    expect(provider.totalCostUsd()).toBeCloseTo(offer.pricePerHourUsd, 9);
    expect((await provider.getInstance(instance.id))?.status).toBe('stopped');
    await provider.terminate(instance.id);
    expect(provider.liveInstances()).toEqual([]);

    const failing = createSimulatedCloudProvider({ offers: [offer], clock, random: createSeededRandom(9), launchFailureRate: 1 });
    await expect(failing.launch({ key: 'k', offerId: offer.offerId, image: 'img', label: 'aima' })).rejects.toMatchObject({
      kind: 'capacity',
    });
  });
});
