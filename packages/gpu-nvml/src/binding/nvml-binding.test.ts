import { silentLogger } from '@aima/core';
import { afterEach, describe, expect, it } from 'vitest';
import { buildFakeNvml, type FakeNvmlVariant } from '../../test-double/build-fake-nvml.js';
import { createFakeNvml, type FakeNvml } from '../../test-double/fake-nvml.js';
import { type FakeNvmlConfig, fakeDevice } from '../../test-double/fake-nvml-config.js';
import { NvmlError } from '../errors/nvml-error.js';
import { readEccCounters } from './nvml-ecc.js';
import { readIdentity } from './nvml-identity.js';
import { nvmlLayouts } from './nvml-layouts.js';
import { loadNvmlLibrary, NvmlLoadError } from './nvml-library.js';
import { readMemory, readTemperature } from './nvml-metrics.js';
import { ProcessReader, processRecordSizeOf } from './nvml-processes.js';
import { NvmlSession } from './nvml-session.js';
import { readSystemInfo } from './nvml-system.js';

const build = await buildFakeNvml();
const opened: { fake: FakeNvml; session?: NvmlSession }[] = [];

async function open(config: FakeNvmlConfig = {}, variant: FakeNvmlVariant = 'modern') {
  const fake = await createFakeNvml({ config, variant });
  const entry: { fake: FakeNvml; session?: NvmlSession } = { fake };
  opened.push(entry);
  entry.session = await NvmlSession.open(fake.libraryPath, silentLogger);
  return { fake, session: entry.session };
}

afterEach(async () => {
  for (const { fake, session } of opened.splice(0)) {
    await session?.close();
    await fake.dispose();
  }
});

describe.skipIf(!build.ok)(
  `NVML binding over the fake library${build.ok ? '' : ` (skipped: ${build.ok === false ? build.reason : ''})`}`,
  () => {
    it('declares struct layouts with the C sizes of the fake', async () => {
      const { fake } = await open();
      const layouts = nvmlLayouts();
      const ours = [
        layouts.pciInfo,
        layouts.memoryV1,
        layouts.memoryV2,
        layouts.utilization,
        layouts.temperatureV1,
        layouts.processV1,
        layouts.processV2,
        layouts.processR535,
        layouts.eventData,
      ].map((layout) => layout.size);
      expect(ours).toEqual(fake.abiSizes());
      expect(ours).toEqual([68, 24, 40, 8, 12, 16, 24, 32, 32]);
      expect(layouts.memoryV2.offset.total).toBe(8);
      expect(layouts.processV2.offset.usedGpuMemory).toBe(8);
    });

    it('binds the versioned symbols of a current driver', async () => {
      const { session } = await open();
      expect(session.library.symbols).toMatchObject({
        init: 'nvmlInit_v2',
        getCount: 'nvmlDeviceGetCount_v2',
        getHandleByIndex: 'nvmlDeviceGetHandleByIndex_v2',
        getMemoryInfoV2: 'nvmlDeviceGetMemoryInfo_v2',
        getProcesses: 'nvmlDeviceGetComputeRunningProcesses_v3',
        eventSetWait: 'nvmlEventSetWait_v2',
        getPciInfo: 'nvmlDeviceGetPciInfo_v3',
        getTemperatureV: 'nvmlDeviceGetTemperatureV',
        getPowerLimit: 'nvmlDeviceGetEnforcedPowerLimit',
      });
    });

    it('falls back to the unversioned symbols of an old driver and tolerates missing optional ones', async () => {
      const { session } = await open({ devices: [fakeDevice(0, { migMode: 1 })] }, 'legacy');
      expect(session.library.symbols).toMatchObject({
        init: 'nvmlInit',
        getCount: 'nvmlDeviceGetCount',
        getHandleByIndex: 'nvmlDeviceGetHandleByIndex',
        getProcesses: 'nvmlDeviceGetComputeRunningProcesses',
        eventSetWait: 'nvmlEventSetWait',
        getPowerLimit: 'nvmlDeviceGetPowerManagementLimit',
      });
      for (const missing of ['getMemoryInfoV2', 'getTemperatureV', 'getPciInfo', 'getMigMode', 'getCudaDriverVersionV2'] as const) {
        expect(session.functions[missing], missing).toBeUndefined();
      }
      const identity = readIdentity(session, 0);
      expect(identity).toMatchObject({
        name: 'NVIDIA A100-SXM4-80GB',
        pciBusId: undefined,
        migMode: undefined,
        powerLimitMilliwatts: 400_000,
      });
      expect(readTemperature(session, 0, session.handle(0))).toBe(40);
      expect(readMemory(session, 0, session.handle(0))).toEqual({
        totalBytes: 81920 * 2 ** 20,
        usedBytes: 1536 * 2 ** 20,
        freeBytes: (81920 - 1536) * 2 ** 20,
        reservedBytes: undefined,
      });
      expect(readSystemInfo(session)).toEqual({ driverVersion: '550.54.15', cudaVersion: '12.4' });
    });

    it('refuses a library without the required symbols, and a missing file', () => {
      expect(() => loadNvmlLibrary('libc.so.6')).toThrow(/does not export nvmlInit_v2 or nvmlInit/);
      expect(() => loadNvmlLibrary('/nonexistent/libnvidia-ml.so.1')).toThrow(NvmlLoadError);
      expect(() => loadNvmlLibrary('/nonexistent/libnvidia-ml.so.1')).toThrow(/cannot load \/nonexistent\/libnvidia-ml\.so\.1/);
    });

    it('falls back from memory info v2 to v1 when the driver rejects the struct version', async () => {
      const { fake, session } = await open({ devices: [fakeDevice(0)] });
      fake.setReturn('nvmlDeviceGetMemoryInfo_v2', 0, 25);
      const memory = readMemory(session, 0, session.handle(0));
      expect(memory.usedBytes).toBe((1024 + 512) * 2 ** 20);
      expect(session.supports(0, 'getMemoryInfoV2')).toBe(false);
    });

    it('reads memory v2 with the reserved memory apart', async () => {
      const { session } = await open({ devices: [fakeDevice(0)] });
      expect(readMemory(session, 0, session.handle(0))).toEqual({
        totalBytes: 81920 * 2 ** 20,
        usedBytes: 1024 * 2 ** 20,
        freeBytes: (81920 - 1024 - 512) * 2 ** 20,
        reservedBytes: 512 * 2 ** 20,
      });
    });

    it('asks a device once for a function it does not support', async () => {
      const { fake, session } = await open({
        devices: [fakeDevice(0, { returns: { nvmlDeviceGetTemperatureV: 3, nvmlDeviceGetTemperature: 3 } })],
      });
      const handle = session.handle(0);
      expect(readTemperature(session, 0, handle)).toBeUndefined();
      const calls = fake.calls(0);
      expect(readTemperature(session, 0, handle)).toBeUndefined();
      expect(fake.calls(0)).toBe(calls);
    });

    it('throws NvmlError for a lost GPU, whatever the field', async () => {
      const { fake, session } = await open({ devices: [fakeDevice(0)] });
      fake.setReturn('*', 0, 15);
      expect(() => readTemperature(session, 0, session.handle(0))).toThrow(NvmlError);
      expect(() => readMemory(session, 0, session.handle(0))).toThrow(
        /nvmlDeviceGetMemoryInfo_v2 for GPU 0 returned NVML_ERROR_GPU_IS_LOST/,
      );
    });

    it('maps 64-bit NVML_VALUE_NOT_AVAILABLE to undefined', async () => {
      const device = fakeDevice(0, {
        processes: [
          { pid: 11, usedMiB: -1, name: 'wddm' },
          { pid: 12, usedMiB: 300, name: 'python3' },
        ],
        ecc: { enabled: true, corrected: -1, uncorrected: 0 },
      });
      const { session } = await open({ devices: [device] });
      const reader = new ProcessReader(session, 24);
      expect(reader.read(0, session.handle(0))).toEqual([
        { pid: 11, usedBytes: undefined },
        { pid: 12, usedBytes: 300 * 2 ** 20 },
      ]);
      expect(readEccCounters(session, 0, session.handle(0))).toMatchObject({ correctedVolatile: undefined, uncorrectedVolatile: 0 });
    });

    it('reads processes with the two-call protocol, growing the buffer', async () => {
      const processes = Array.from({ length: 20 }, (_, index) => ({ pid: 100 + index, usedMiB: index, name: `worker-${index}` }));
      const { session } = await open({ devices: [fakeDevice(0, { processes }), fakeDevice(1, { processes: [] })] });
      const reader = new ProcessReader(session, processRecordSizeOf(session.library));
      expect(reader.read(0, session.handle(0))?.map((process) => process.pid)).toEqual(processes.map((process) => process.pid));
      expect(reader.read(1, session.handle(1))).toEqual([]);
    });

    it.each([
      ['modern', 24],
      ['r535', 32],
      ['legacy', 16],
    ] as const)('detects the process record size of a %s driver (%i bytes)', async (variant, size) => {
      const processes = [
        { pid: 501, usedMiB: 1000, name: 'a' },
        { pid: 502, usedMiB: 2000, name: 'b' },
        { pid: 503, usedMiB: 3000, name: 'c' },
      ];
      const { session } = await open({ devices: [fakeDevice(0, { processes })] }, variant);
      expect(processRecordSizeOf(session.library)).toBe(size);
      const read = new ProcessReader(session, size).read(0, session.handle(0));
      expect(read).toEqual(processes.map((process) => ({ pid: process.pid, usedBytes: process.usedMiB * 2 ** 20 })));
    });

    it('shows why the 32-byte quirk matters: reading R535 records as 24 bytes shuffles them', async () => {
      const processes = [
        { pid: 501, usedMiB: 1000, name: 'a' },
        { pid: 502, usedMiB: 2000, name: 'b' },
      ];
      const { session } = await open({ devices: [fakeDevice(0, { processes })] }, 'r535');
      const wrong = new ProcessReader(session, 24).read(0, session.handle(0));
      expect(wrong?.map((process) => process.pid)).not.toEqual([501, 502]);
    });

    it('rejects nvmlInit failures with the NVML code', async () => {
      const fake = await createFakeNvml({ config: { initReturn: 9 } });
      opened.push({ fake });
      await expect(NvmlSession.open(fake.libraryPath, silentLogger)).rejects.toThrow(/returned NVML_ERROR_DRIVER_NOT_LOADED \(9\)/);
    });

    it('reports a broken device file of the fake instead of inventing devices', async () => {
      const fake = await createFakeNvml({ raw: '{ "devices": [ { "name": "x" ] }' });
      opened.push({ fake });
      expect(fake.configError()).toMatch(/JSON syntax error at byte \d+/);
      await expect(NvmlSession.open(fake.libraryPath, silentLogger)).rejects.toThrow(/NVML_ERROR_UNKNOWN/);
    });

    it('shuts NVML down once per init and unloads', async () => {
      const { fake, session } = await open();
      expect(fake.initCount()).toBe(1);
      await session.close();
      await session.close();
      expect(fake.initCount()).toBe(0);
    });
  },
);
