import type { GpuHealthEvent } from '@aima/core';
import { describe, expect, it } from 'vitest';
import { buildFakeNvml } from '../../test-double/build-fake-nvml.js';
import { fakeDevice } from '../../test-double/fake-nvml-config.js';
import { createFakeNvmlProvider } from '../../test-double/fake-nvml-provider.js';
import { describeNvmlReturn, knownNvmlReturnCodes, severityOfNvmlClass } from '../binding/nvml-return-codes.js';

const build = await buildFakeNvml();
const failures = knownNvmlReturnCodes.filter((code) => code !== 0);

describe.skipIf(!build.ok)(`every NVML return code, end to end${build.ok ? '' : ' (skipped: no C compiler)'}`, () => {
  it.each(failures)('nvmlDeviceGetPowerUsage returning %i', async (code) => {
    const info = describeNvmlReturn(code);
    const { provider, fake, dispose } = await createFakeNvmlProvider({ config: { devices: [fakeDevice(0)] } });
    try {
      await provider.discover();
      fake.setReturn('nvmlDeviceGetPowerUsage', 0, code);
      const events: GpuHealthEvent[] = [];
      provider.onHealth((event) => events.push(event));
      const [sample] = await provider.sample();
      if (info.deviceFatal) {
        // The GPU (or NVML) is gone: the sample says so and one health event carries the class.
        expect(sample).toMatchObject({
          status: 'error',
          error: expect.stringContaining(`nvmlDeviceGetPowerUsage for GPU 0 returned ${info.name}`),
        });
        expect(events.filter((event) => event.source === 'nvml')).toEqual([
          expect.objectContaining({ code: info.name, severity: severityOfNvmlClass(info.errorClass) }),
        ]);
      } else {
        // Not supported, transient or a per-field problem: only this value is missing.
        expect(sample).toMatchObject({ status: 'idle', powerW: undefined, powerLimitW: 400, temperatureC: 40 });
        expect(events.filter((event) => event.source === 'nvml')).toEqual([]);
      }
    } finally {
      await dispose();
    }
  });
});
