import { z } from 'zod';

const int = z.number().int();
const count = int.nonnegative();

/** One simulated GPU of the fake library. Every field is optional; the C code has defaults. */
export const fakeNvmlDeviceSchema = z
  .strictObject({
    name: z.string().max(95),
    uuid: z.string().max(95),
    pciBusId: z.string().max(31),
    pciDeviceId: count,
    memoryTotalMiB: count,
    memoryUsedMiB: count,
    memoryReservedMiB: count,
    utilizationGpu: count,
    utilizationMemory: count,
    /** Temperature at the first read; each read adds `temperatureStepC`, up to `temperatureMaxC`. */
    temperatureC: z.number(),
    temperatureStepC: z.number(),
    temperatureMaxC: z.number(),
    /** 0: the threshold is not supported. */
    slowdownC: count,
    shutdownC: count,
    powerMilliwatts: count,
    powerLimitMilliwatts: count,
    /** Graphics, SM, memory, video. */
    clocksMHz: z.array(count).max(4),
    computeCapability: z.tuple([count, count]),
    /** -1: MIG not supported. */
    migMode: z.union([z.literal(-1), z.literal(0), z.literal(1)]),
    ecc: z
      .strictObject({
        enabled: z.boolean(),
        /** -1: NVML_VALUE_NOT_AVAILABLE. Each read adds the step. */
        corrected: int.min(-1),
        correctedStep: count,
        uncorrected: int.min(-1),
        uncorrectedStep: count,
        retiredSingleBit: count,
        retiredDoubleBit: count,
        retiredPending: z.boolean(),
      })
      .partial(),
    /** `usedMiB` -1: NVML_VALUE_NOT_AVAILABLE. */
    processes: z.array(z.strictObject({ pid: count, usedMiB: int.min(-1), name: z.string().max(255) })).max(32),
    /** Every device call after this many returns NVML_ERROR_GPU_IS_LOST (0: never). */
    lostAfterCalls: count,
    /** What nvmlDeviceGetHandleByIndex returns for this device. */
    handleReturn: count,
    /** Event types the device supports (bit mask). */
    supportedEvents: count,
    /** XIDs queued for nvmlEventSetWait, in order. */
    xids: z.array(count),
    /** Function name (or "*") → return code, for this device. */
    returns: z.record(z.string(), count),
  })
  .partial();

/** The device file of the fake library (`fake-nvml.json`). */
export const fakeNvmlConfigSchema = z
  .strictObject({
    driverVersion: z.string().max(79),
    nvmlVersion: z.string().max(79),
    cudaDriverVersion: count,
    /** What nvmlInit returns. */
    initReturn: count,
    /** Record size `_v3` writes; the default follows the build variant. */
    processRecordBytes: z.union([z.literal(24), z.literal(32)]),
    /** Function name → return code, for every device and global call. */
    returns: z.record(z.string(), count),
    devices: z.array(fakeNvmlDeviceSchema).max(64),
  })
  .partial();

export type FakeNvmlDevice = z.input<typeof fakeNvmlDeviceSchema>;
export type FakeNvmlConfig = z.input<typeof fakeNvmlConfigSchema>;

const models = [
  { name: 'NVIDIA A100-SXM4-80GB', memoryTotalMiB: 81920, computeCapability: [8, 0], ecc: true, powerLimitMilliwatts: 400_000 },
  { name: 'NVIDIA GeForce RTX 4090', memoryTotalMiB: 24564, computeCapability: [8, 9], ecc: false, powerLimitMilliwatts: 450_000 },
  { name: 'NVIDIA L40S', memoryTotalMiB: 46068, computeCapability: [8, 9], ecc: true, powerLimitMilliwatts: 350_000 },
  { name: 'NVIDIA H100 80GB HBM3', memoryTotalMiB: 81559, computeCapability: [9, 0], ecc: true, powerLimitMilliwatts: 700_000 },
] as const;

/** A realistic device for slot `index`: models rotate, two processes each, varied load. */
export function fakeDevice(index: number, overrides: FakeNvmlDevice = {}): FakeNvmlDevice {
  const model = models[index % models.length] ?? models[0];
  const hex = index.toString(16).padStart(2, '0');
  return {
    name: model.name,
    uuid: `GPU-${hex}a1b2c3-d4e5-4f60-8a7b-9c0d1e2f30${hex}`,
    pciBusId: `00000000:${(0x17 + index * 0x10).toString(16).toUpperCase().padStart(2, '0')}:00.0`,
    memoryTotalMiB: model.memoryTotalMiB,
    memoryUsedMiB: 1024 * (index + 1),
    memoryReservedMiB: 512,
    utilizationGpu: (index * 37) % 100,
    utilizationMemory: (index * 13) % 100,
    temperatureC: 40 + index,
    powerMilliwatts: 60_000 + 10_000 * index,
    powerLimitMilliwatts: model.powerLimitMilliwatts,
    computeCapability: [model.computeCapability[0], model.computeCapability[1]],
    ecc: { enabled: model.ecc },
    processes: [
      { pid: 4000 + 10 * index, usedMiB: 512, name: 'python3' },
      { pid: 4001 + 10 * index, usedMiB: 256, name: '/usr/bin/ffmpeg' },
    ],
    ...overrides,
  };
}

/** `count` realistic devices. */
export function fakeDevices(count: number): FakeNvmlDevice[] {
  return Array.from({ length: count }, (_, index) => fakeDevice(index));
}
