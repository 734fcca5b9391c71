import { describeLocalGpuProviderConformance } from '@aima/core/testing';
import { createFakeNvidiaSmi, defaultSmiFixture } from '../../test-double/fake-nvidia-smi.js';
import { nextHealthEvent } from '../../test-double/fake-nvml-provider.js';
import { createNvidiaSmiGpuProvider } from './nvidia-smi-gpu-provider.js';

describeLocalGpuProviderConformance('nvidia-smi (fake script)', async () => {
  const fixture = defaultSmiFixture();
  const fake = await createFakeNvidiaSmi(fixture);
  const provider = createNvidiaSmiGpuProvider({ nvidiaSmiPath: fake.path, host: 'gpu-host-b' });
  let triggers = 0;
  return {
    provider,
    // GPU 0 alternately needs a reset and vanishes: each change of fault is one health event.
    triggerHealthEvent: async () => {
      triggers++;
      const [first, ...rest] = fixture.gpus ?? [];
      const gpus = triggers % 2 === 1 && first ? [{ ...first, 'temperature.gpu': '[GPU requires reset]' }, ...rest] : rest;
      await fake.update({ ...fixture, gpus });
      const reported = nextHealthEvent(provider);
      await provider.sample();
      await reported;
    },
    teardown: () => fake.dispose(),
  };
});
