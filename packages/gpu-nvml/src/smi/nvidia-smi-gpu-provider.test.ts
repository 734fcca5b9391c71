import type { GpuHealthEvent } from '@aima/core';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createFakeNvidiaSmi,
  defaultSmiFixture,
  type FakeNvidiaSmi,
  type FakeNvidiaSmiFixture,
} from '../../test-double/fake-nvidia-smi.js';
import { NvmlUnavailableError } from '../errors/nvml-unavailable-error.js';
import { createNvidiaSmiGpuProvider } from './nvidia-smi-gpu-provider.js';

const fakes: { fake: FakeNvidiaSmi; close: () => Promise<void> }[] = [];

async function open(fixture: FakeNvidiaSmiFixture = defaultSmiFixture()) {
  const fake = await createFakeNvidiaSmi(fixture);
  const provider = createNvidiaSmiGpuProvider({ nvidiaSmiPath: fake.path, host: 'gpu-host-b' });
  fakes.push({ fake, close: () => provider.close() });
  return { fake, provider };
}

afterEach(async () => {
  for (const { fake, close } of fakes.splice(0)) {
    await close();
    await fake.dispose();
  }
});

describe('nvidia-smi provider over a fake nvidia-smi', () => {
  it('discovers devices, with the CUDA version from nvidia-smi -q', async () => {
    const { provider } = await open();
    expect(await provider.discover()).toEqual([
      {
        id: expect.stringMatching(/^gpu_[0-9a-f]{8}$/),
        providerId: 'nvidia-smi@gpu-host-b',
        index: 0,
        uuid: 'GPU-5mi00000-0000-4000-8000-000000000000',
        model: 'NVIDIA A100-SXM4-80GB',
        vramGb: 80,
        driverVersion: '550.54.15',
        cudaVersion: '12.4',
        computeCapability: '8.0',
        pciBusId: '00000000:17:00.0',
        host: 'gpu-host-b',
        migMode: false,
        powerLimitW: 400,
      },
      expect.objectContaining({ index: 1, model: 'NVIDIA GeForce RTX 4090', vramGb: 23.99, migMode: undefined }),
    ]);
  });

  it('samples with the CSV quirks: [Not Supported], [N/A], units, commas in process names', async () => {
    const { provider } = await open();
    const [a100, rtx] = await provider.sample();
    expect(a100).toMatchObject({
      memoryTotalMb: 81920,
      memoryUsedMb: 20480,
      memoryFreeMb: 61440,
      memoryUsedPercent: 25,
      utilizationGpu: 85,
      temperatureC: 61,
      powerW: 312.45,
      clocksMhz: { graphics: 1410, sm: 1410, memory: 1593 },
      ecc: { correctedVolatile: 0, uncorrectedVolatile: 0, retiredPagesPending: false },
      status: 'busy',
      processes: [
        { pid: 4242, usedMemoryMb: 18432, name: 'python3 train.py --lr=0.1, --tags=a,b' },
        { pid: 4243, usedMemoryMb: undefined, name: '/usr/bin/ffmpeg' },
      ],
    });
    expect(rtx).toMatchObject({ status: 'idle', powerW: undefined, powerLimitW: 450, ecc: undefined, processes: [] });
  });

  it('drops a field an older nvidia-smi refuses and asks again', async () => {
    const { provider } = await open({ ...defaultSmiFixture(), refusedFields: ['compute_cap', 'clocks.sm'] });
    const [device] = await provider.discover();
    expect(device).toMatchObject({ model: 'NVIDIA A100-SXM4-80GB', computeCapability: undefined });
    const [sample] = await provider.sample();
    expect(sample?.clocksMhz).toEqual({ graphics: 1410, sm: undefined, memory: 1593 });
  });

  it('turns [GPU requires reset] and a vanished GPU into error samples with critical events', async () => {
    const { provider, fake } = await open();
    await provider.discover();
    const events: GpuHealthEvent[] = [];
    provider.onHealth((event) => events.push(event));
    const fixture = defaultSmiFixture();
    const [first] = fixture.gpus ?? [];
    await fake.update({
      ...fixture,
      gpus: first ? [{ ...first, 'temperature.gpu': '[GPU requires reset]', 'utilization.gpu': '[GPU requires reset]' }] : [],
    });
    const samples = await provider.sample();
    expect(samples.map((sample) => [sample.status, sample.error])).toEqual([
      ['error', 'nvidia-smi reports [GPU requires reset]'],
      ['error', 'nvidia-smi no longer lists this GPU'],
    ]);
    expect(events.map((event) => [event.code, event.severity])).toEqual([
      ['NVML_ERROR_RESET_REQUIRED', 'critical'],
      ['gpu-missing', 'critical'],
    ]);
  });

  it('gives every GPU an error sample when nvidia-smi fails, instead of throwing', async () => {
    const { provider, fake } = await open();
    await provider.discover();
    await fake.update({ failure: { exitCode: 15, output: 'Unable to determine the device handle for GPU0000:17:00.0: GPU is lost.' } });
    const samples = await provider.sample();
    expect(samples.map((sample) => sample.status)).toEqual(['error', 'error']);
    expect(samples[0]?.error).toMatch(/GPU is lost/);
  });

  it('rejects discovery with NvmlUnavailableError when nvidia-smi is missing or broken', async () => {
    const missing = createNvidiaSmiGpuProvider({ nvidiaSmiPath: '/nonexistent/nvidia-smi' });
    await expect(missing.discover()).rejects.toThrow(NvmlUnavailableError);
    await expect(missing.discover()).rejects.toThrow(/nvidia-smi \(\/nonexistent\/nvidia-smi\): .*not found/);
    await missing.close();
    const { provider } = await open({
      failure: { exitCode: 9, output: "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver." },
    });
    await expect(provider.discover()).rejects.toThrow(/couldn't communicate with the NVIDIA driver/);
  });

  it('rejects with the abort reason', async () => {
    const { provider } = await open();
    const reason = new Error('stop');
    const controller = new AbortController();
    const pending = provider.discover(controller.signal);
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
  });
});
