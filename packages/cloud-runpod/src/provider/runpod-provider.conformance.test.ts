import { describeCloudGpuProviderConformance } from '@aima/core/testing';
import { startProviderHarness } from '../test-support/provider-harness.js';

describeCloudGpuProviderConformance('runpod pods (fake RunPod: GraphQL + REST v2)', async () => {
  const harness = await startProviderHarness();
  return {
    provider: harness.provider,
    query: { minVramGb: 16 },
    tick: () => harness.clock.advanceBy(5_000),
    maxPolls: 20,
    teardown: () => harness.close(),
  };
});

describeCloudGpuProviderConformance('runpod pods, secure cloud in one data center, spot off', async () => {
  const harness = await startProviderHarness({}, { clouds: ['SECURE'], dataCenterId: 'EU-RO-1', interruptible: false });
  return {
    provider: harness.provider,
    query: { regions: ['eu'], gpuModels: ['RTX 4090', 'A100'] },
    tick: () => harness.clock.advanceBy(5_000),
    maxPolls: 20,
    teardown: () => harness.close(),
  };
});
