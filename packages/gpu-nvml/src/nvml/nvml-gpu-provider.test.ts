import { ConfigError, type GpuHealthEvent, gpuDeviceSchema, ProviderError, VirtualClock } from '@aima/core';
import { afterEach, describe, expect, it } from 'vitest';
import { buildFakeNvml } from '../../test-double/build-fake-nvml.js';
import { fakeDevice, fakeDevices } from '../../test-double/fake-nvml-config.js';
import { createFakeNvmlProvider, type FakeNvmlProvider } from '../../test-double/fake-nvml-provider.js';
import { NvmlUnavailableError } from '../errors/nvml-unavailable-error.js';
import { nvmlGpuSampleSchema } from '../sample/nvml-gpu-sample.js';
import { createNvmlGpuProvider } from './nvml-gpu-provider.js';

const build = await buildFakeNvml();
const harnesses: FakeNvmlProvider[] = [];

async function harness(setup: Parameters<typeof createFakeNvmlProvider>[0] = {}): Promise<FakeNvmlProvider> {
  const created = await createFakeNvmlProvider(setup);
  harnesses.push(created);
  return created;
}

afterEach(async () => {
  for (const created of harnesses.splice(0)) await created.dispose();
});

describe.skipIf(!build.ok)(`NVML provider over the fake library${build.ok ? '' : ' (skipped: no C compiler)'}`, () => {
  it('discovers devices with identity, versions and a UUID-derived id', async () => {
    const { provider } = await harness({ config: { devices: [fakeDevice(0), fakeDevice(1, { migMode: 1 })] } });
    const devices = await provider.discover();
    expect(provider.id).toBe('nvml@gpu-host-a');
    expect(devices).toEqual([
      {
        id: expect.stringMatching(/^gpu_[0-9a-f]{8}$/),
        providerId: 'nvml@gpu-host-a',
        index: 0,
        uuid: 'GPU-00a1b2c3-d4e5-4f60-8a7b-9c0d1e2f3000',
        model: 'NVIDIA A100-SXM4-80GB',
        vramGb: 80,
        driverVersion: '550.54.15',
        cudaVersion: '12.4',
        computeCapability: '8.0',
        pciBusId: '00000000:17:00.0',
        host: 'gpu-host-a',
        migMode: false,
        powerLimitW: 400,
      },
      expect.objectContaining({ index: 1, model: 'NVIDIA GeForce RTX 4090', vramGb: 23.99, computeCapability: '8.9', migMode: true }),
    ]);
    for (const device of devices) expect(gpuDeviceSchema.parse(device)).toBeTruthy();
  });

  it('keeps device ids when the index order changes (ids come from UUIDs)', async () => {
    const first = await harness({ config: { devices: [fakeDevice(0), fakeDevice(1)] } });
    const second = await harness({ config: { devices: [fakeDevice(1), fakeDevice(0)] } });
    const ids = (await first.provider.discover()).map((device) => device.id);
    expect((await second.provider.discover()).map((device) => device.id)).toEqual([...ids].reverse());
  });

  it('samples memory, utilisation, temperature, power, clocks, processes and the seed status', async () => {
    const busy = fakeDevice(1, { utilizationGpu: 95 });
    const active = fakeDevice(2, { utilizationGpu: 5, memoryUsedMiB: 20_000, memoryTotalMiB: 46_068 });
    const { provider } = await harness({ config: { devices: [fakeDevice(0, { utilizationGpu: 3 }), busy, active] } });
    const [idle, busySample, activeSample] = await provider.sample();
    expect(idle).toEqual({
      gpuId: expect.any(String),
      at: expect.any(Number),
      memoryTotalMb: 81920,
      memoryUsedMb: 1024,
      memoryFreeMb: 80384,
      memoryUsedPercent: 1.3,
      utilizationGpu: 3,
      utilizationMemory: 0,
      temperatureC: 40,
      powerW: 60,
      powerLimitW: 400,
      clocksMhz: { graphics: 1410, sm: 1410, memory: 1593 },
      processes: [
        { pid: 4000, usedMemoryMb: 512, name: 'python3' },
        { pid: 4001, usedMemoryMb: 256, name: '/usr/bin/ffmpeg' },
      ],
      ecc: { correctedVolatile: 0, uncorrectedVolatile: 0, retiredPagesSingleBit: 0, retiredPagesDoubleBit: 0, retiredPagesPending: false },
      status: 'idle',
    });
    expect(busySample?.status).toBe('busy');
    expect(busySample?.ecc).toBeUndefined();
    expect(activeSample).toMatchObject({ status: 'active', memoryUsedPercent: 43.4 });
    for (const sample of [idle, busySample, activeSample]) expect(nvmlGpuSampleSchema.safeParse(sample).success).toBe(true);
  });

  it('leaves out what a device does not support instead of reporting zero', async () => {
    const unsupported = { nvmlDeviceGetPowerUsage: 3, nvmlDeviceGetUtilizationRates: 3, nvmlDeviceGetComputeRunningProcesses_v3: 3 };
    const { provider } = await harness({ config: { devices: [fakeDevice(0, { returns: unsupported })] } });
    const [sample] = await provider.sample();
    expect(sample).toMatchObject({ status: 'idle', processes: [], utilizationGpu: undefined, powerW: undefined, powerLimitW: 400 });
  });

  it('turns a GPU lost after N calls into an error sample and one critical health event', async () => {
    const { provider } = await harness({ config: { devices: [fakeDevice(0), fakeDevice(1, { lostAfterCalls: 40 })] } });
    const events: GpuHealthEvent[] = [];
    await provider.discover();
    let samples = await provider.sample();
    expect(samples.map((sample) => sample.status)).not.toContain('error');
    provider.onHealth((event) => events.push(event));
    for (let round = 0; round < 3; round++) samples = await provider.sample();
    const [healthy, lost] = samples;
    expect(healthy?.status).not.toBe('error');
    expect(lost).toMatchObject({ status: 'error', memoryUsedMb: 0, processes: [] });
    expect(lost?.error).toMatch(/returned NVML_ERROR_GPU_IS_LOST \(15\)/);
    const nvmlEvents = events.filter((event) => event.source === 'nvml');
    // One event when the fault starts, not one per sample; the message names the call that found it.
    expect(nvmlEvents).toEqual([
      {
        gpuId: lost?.gpuId,
        at: expect.any(Number),
        source: 'nvml',
        code: 'NVML_ERROR_GPU_IS_LOST',
        severity: 'critical',
        message: expect.stringMatching(/^nvmlDevice\w+ for GPU 1 returned NVML_ERROR_GPU_IS_LOST \(15\)/),
      },
    ]);
    // Discovery still lists the lost GPU, so its samples keep saying what is wrong.
    expect((await provider.discover()).map((device) => device.index)).toEqual([0, 1]);
  });

  it('skips a device NVML counts but this user may not open', async () => {
    const { provider } = await harness({ config: { devices: [fakeDevice(0), fakeDevice(1, { handleReturn: 4 })] } });
    expect((await provider.discover()).map((device) => device.index)).toEqual([0]);
  });

  it('classifies transient field errors as absent values, not device errors', async () => {
    const { provider, fake } = await harness({ config: { devices: [fakeDevice(0)] } });
    fake.setReturn('nvmlDeviceGetTemperatureV', 0, 10);
    const [sample] = await provider.sample();
    expect(sample).toMatchObject({ status: 'idle', temperatureC: undefined });
  });

  it('rejects with NvmlUnavailableError naming the library when it cannot be loaded', async () => {
    const provider = createNvmlGpuProvider({ libraryPath: '/nonexistent/libnvidia-ml.so.1' });
    const failure = provider.discover();
    await expect(failure).rejects.toBeInstanceOf(NvmlUnavailableError);
    await expect(failure).rejects.toThrow(/nvml \(\/nonexistent\/libnvidia-ml\.so\.1\): cannot load/);
    await provider.close();
  });

  it('rejects with NvmlUnavailableError when nvmlInit fails, leaving nothing initialised', async () => {
    const { provider, fake } = await harness({ config: { initReturn: 18 } });
    await expect(provider.discover()).rejects.toThrow(/NVML_ERROR_LIB_RM_VERSION_MISMATCH/);
    expect(fake.initCount()).toBe(0);
  });

  it('throws ConfigError for bad options', () => {
    expect(() => createNvmlGpuProvider({ monitoring: { intervalSeconds: 0 } })).toThrow(ConfigError);
    expect(() => createNvmlGpuProvider({ libraryPath: '' })).toThrow(/libraryPath/);
  });

  it('honours abort signals and refuses calls once closed, shutting NVML down', async () => {
    const { provider, fake } = await harness({ config: { devices: fakeDevices(1) } });
    const reason = new Error('stop');
    await expect(provider.sample(AbortSignal.abort(reason))).rejects.toBe(reason);
    await provider.discover();
    expect(fake.initCount()).toBe(1);
    await provider.close();
    expect(fake.initCount()).toBe(0);
    await expect(provider.sample()).rejects.toBeInstanceOf(ProviderError);
  });

  it('samples on the monitoring interval while someone listens, emitting status', async () => {
    const clock = new VirtualClock(1_000_000);
    const { provider } = await harness({ config: { devices: fakeDevices(2) }, options: { clock, monitoring: { intervalSeconds: 60 } } });
    await provider.discover();
    const rounds: number[] = [];
    const unsubscribe = provider.onStatus((samples) => rounds.push(samples[0]?.at ?? -1));
    await clock.advanceBy(0);
    await clock.advanceBy(60_000);
    await clock.advanceBy(60_000);
    expect(rounds).toEqual([1_000_000, 1_060_000, 1_120_000]);
    unsubscribe();
    await clock.advanceBy(120_000);
    expect(rounds).toHaveLength(3);
    expect(clock.pendingTimers).toBe(0);
  });
});
