import { describeLocalGpuProviderConformance } from '@aima/core/testing';
import { describe } from 'vitest';
import { buildFakeNvml } from '../../test-double/build-fake-nvml.js';
import { fakeDevices } from '../../test-double/fake-nvml-config.js';
import { createFakeNvmlProvider, nextHealthEvent } from '../../test-double/fake-nvml-provider.js';

const build = await buildFakeNvml();

describe.skipIf(!build.ok)(`NVML provider${build.ok ? '' : ` (skipped: ${build.ok === false ? build.reason : ''})`}`, () => {
  describeLocalGpuProviderConformance('nvml (fake libnvidia-ml.so.1)', async () => {
    const { provider, fake, dispose } = await createFakeNvmlProvider({ config: { devices: fakeDevices(3) } });
    return {
      provider,
      // An XID 79 on GPU 2; resolves once the provider has reported it.
      triggerHealthEvent: async () => {
        const reported = nextHealthEvent(provider, (event) => event.source === 'xid');
        fake.pushXid(2, 79);
        await reported;
      },
      teardown: dispose,
    };
  });
});
