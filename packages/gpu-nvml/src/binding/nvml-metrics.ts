import { NvmlError } from '../errors/nvml-error.js';
import { nvmlLayouts, structVersion } from './nvml-layouts.js';
import { describeNvmlReturn } from './nvml-return-codes.js';
import { readU32, readU32With } from './nvml-scalars.js';
import { type NvmlSession, returnCodeOf } from './nvml-session.js';

/** Memory of one device in bytes. With `nvmlDeviceGetMemoryInfo_v2`, `used` excludes `reserved`. */
export interface NvmlMemory {
  readonly totalBytes: number;
  readonly usedBytes: number;
  readonly freeBytes: number;
  readonly reservedBytes?: number;
}

/**
 * Reads memory through `nvmlDeviceGetMemoryInfo_v2` when the driver has it and accepts the struct
 * version, else through the v1 call. Memory is required: any failure throws `NvmlError`.
 */
export function readMemory(session: NvmlSession, index: number, handle: bigint): NvmlMemory {
  const v2 = session.functions.getMemoryInfoV2;
  if (v2 && session.supports(index, 'getMemoryInfoV2')) {
    const { size, offset } = nvmlLayouts().memoryV2;
    const { struct, structWords } = session.scratch;
    structWords[offset.version >>> 2] = structVersion(size, 2);
    const code = returnCodeOf(v2(handle, struct));
    if (code === 0) return memoryFrom(session, offset, offset.reserved);
    // ARGUMENT_VERSION_MISMATCH or FUNCTION_NOT_FOUND: an older driver; use v1 from now on.
    if (describeNvmlReturn(code).errorClass !== 'not-supported') throw new NvmlError(session.symbol('getMemoryInfoV2'), code, index);
    session.markUnsupported(index, 'getMemoryInfoV2');
  }
  const { offset } = nvmlLayouts().memoryV1;
  session.accept(returnCodeOf(session.functions.getMemoryInfo(handle, session.scratch.struct)), 'getMemoryInfo', index, true);
  return memoryFrom(session, offset, undefined);
}

function memoryFrom(
  session: NvmlSession,
  offset: { readonly total: number; readonly used: number; readonly free: number },
  reservedOffset: number | undefined,
): NvmlMemory {
  const { scratch } = session;
  const totalBytes = scratch.readU64(offset.total) ?? 0;
  const usedBytes = scratch.readU64(offset.used) ?? 0;
  const freeBytes = scratch.readU64(offset.free) ?? Math.max(0, totalBytes - usedBytes);
  const reservedBytes = reservedOffset === undefined ? undefined : scratch.readU64(reservedOffset);
  return { totalBytes, usedBytes, freeBytes, reservedBytes };
}

/** GPU and memory-controller utilisation in percent, or `undefined`. */
export function readUtilization(session: NvmlSession, index: number, handle: bigint): { gpu: number; memory: number } | undefined {
  const fn = session.functions.getUtilization;
  if (!fn || !session.supports(index, 'getUtilization')) return undefined;
  const { struct, structWords } = session.scratch;
  const { offset } = nvmlLayouts().utilization;
  if (!session.accept(returnCodeOf(fn(handle, struct)), 'getUtilization', index)) return undefined;
  return { gpu: structWords[offset.gpu >>> 2] ?? 0, memory: structWords[offset.memory >>> 2] ?? 0 };
}

const SENSOR_GPU = 0;

/** GPU temperature in °C through `nvmlDeviceGetTemperatureV` (12.8+), else the deprecated call. */
export function readTemperature(session: NvmlSession, index: number, handle: bigint): number | undefined {
  const versioned = session.functions.getTemperatureV;
  if (versioned && session.supports(index, 'getTemperatureV')) {
    const { size, offset } = nvmlLayouts().temperatureV1;
    const { struct, structWords, structInts } = session.scratch;
    structWords[offset.version >>> 2] = structVersion(size, 1);
    structWords[offset.sensorType >>> 2] = SENSOR_GPU;
    if (session.accept(returnCodeOf(versioned(handle, struct)), 'getTemperatureV', index)) return structInts[offset.temperature >>> 2];
    if (session.supports(index, 'getTemperatureV')) return undefined;
  }
  return readU32With(session, 'getTemperature', index, handle, SENSOR_GPU);
}

/** Clock domains of `nvmlClockType_t`. */
export const ClockType = { graphics: 0, sm: 1, memory: 2, video: 3 } as const;

/** Current clocks in MHz. */
export function readClocks(session: NvmlSession, index: number, handle: bigint): { graphics?: number; sm?: number; memory?: number } {
  return {
    graphics: readU32With(session, 'getClockInfo', index, handle, ClockType.graphics),
    sm: readU32With(session, 'getClockInfo', index, handle, ClockType.sm),
    memory: readU32With(session, 'getClockInfo', index, handle, ClockType.memory),
  };
}

/** Power draw and enforced limit in milliwatts. */
export function readPower(session: NvmlSession, index: number, handle: bigint): { usageMilliwatts?: number; limitMilliwatts?: number } {
  return {
    usageMilliwatts: readU32(session, 'getPowerUsage', index, handle),
    limitMilliwatts: readU32(session, 'getPowerLimit', index, handle),
  };
}
