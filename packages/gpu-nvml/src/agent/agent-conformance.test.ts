import { describeLocalGpuProviderConformance } from '@aima/core/testing';
import { describe } from 'vitest';
import { buildFakeNvml } from '../../test-double/build-fake-nvml.js';
import { fakeDevices } from '../../test-double/fake-nvml-config.js';
import { createFakeNvmlProvider, pokeUntilHealthEvent } from '../../test-double/fake-nvml-provider.js';
import { createAgentGpuProvider } from './agent-gpu-provider.js';
import { startGpuAgent } from './gpu-agent.js';

const build = await buildFakeNvml();
const token = 'conformance-token-0123456789';

describe.skipIf(!build.ok)(`agent provider${build.ok ? '' : ' (skipped: no C compiler for the fake NVML library)'}`, () => {
  describeLocalGpuProviderConformance('agent over loopback, fronting NVML (fake library)', async () => {
    const nvml = await createFakeNvmlProvider({ config: { devices: fakeDevices(2) } });
    const agent = await startGpuAgent({ provider: nvml.provider, token, port: 0 });
    const provider = createAgentGpuProvider({ url: agent.url, token, reconnectDelayMs: 20 });
    return {
      provider,
      // XIDs reach only streams that are open, so poke until the agent provider has one and reports it.
      triggerHealthEvent: async () => {
        await pokeUntilHealthEvent(
          provider,
          () => nvml.fake.pushXid(1, 48),
          (event) => event.source === 'xid',
        );
      },
      teardown: async () => {
        await agent.close();
        await nvml.dispose();
      },
    };
  });
});
