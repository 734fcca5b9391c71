import { nvmlLayouts } from './nvml-layouts.js';
import { readMemory } from './nvml-metrics.js';
import { readDeviceText, readU32, readU32With } from './nvml-scalars.js';
import { type NvmlSession, returnCodeOf } from './nvml-session.js';

/** The facts about one device that rarely change, as NVML reports them. */
export interface NvmlIdentity {
  readonly index: number;
  readonly name: string;
  /** `GPU-xxxxxxxx-...`, the stable key (indexes can change across reboots). */
  readonly uuid: string;
  readonly memoryTotalBytes: number;
  /** `00000000:3B:00.0`. */
  readonly pciBusId?: string;
  /** `8.6`. */
  readonly computeCapability?: string;
  readonly migMode?: boolean;
  readonly powerLimitMilliwatts?: number;
  /** Temperature at which the GPU slows down, from `nvmlDeviceGetTemperatureThreshold`. */
  readonly slowdownCelsius?: number;
  /** Temperature at which the GPU shuts down. */
  readonly shutdownCelsius?: number;
}

const THRESHOLD_SHUTDOWN = 0;
const THRESHOLD_SLOWDOWN = 1;
const MIG_ENABLED = 1;

/** Reads a device's identity; throws `NvmlError` when its handle, name, UUID or memory cannot be read. */
export function readIdentity(session: NvmlSession, index: number): NvmlIdentity {
  const handle = session.handle(index);
  const name = readDeviceText(session, 'getName', index, handle, true) ?? '';
  const uuid = readDeviceText(session, 'getUuid', index, handle, true) ?? '';
  const memory = readMemory(session, index, handle);
  return {
    index,
    name,
    uuid,
    memoryTotalBytes: memory.totalBytes,
    pciBusId: readPciBusId(session, index, handle),
    computeCapability: readComputeCapability(session, index, handle),
    migMode: readMigMode(session, index, handle),
    powerLimitMilliwatts: readU32(session, 'getPowerLimit', index, handle),
    slowdownCelsius: readU32With(session, 'getTemperatureThreshold', index, handle, THRESHOLD_SLOWDOWN),
    shutdownCelsius: readU32With(session, 'getTemperatureThreshold', index, handle, THRESHOLD_SHUTDOWN),
  };
}

function readPciBusId(session: NvmlSession, index: number, handle: bigint): string | undefined {
  const fn = session.functions.getPciInfo;
  if (!fn) return undefined;
  const { struct } = session.scratch;
  const { size, offset } = nvmlLayouts().pciInfo;
  if (!session.accept(returnCodeOf(fn(handle, struct)), 'getPciInfo', index)) return undefined;
  const end = struct.indexOf(0, offset.busId);
  return struct.toString('latin1', offset.busId, end < 0 || end > size ? size : end) || undefined;
}

function readComputeCapability(session: NvmlSession, index: number, handle: bigint): string | undefined {
  const fn = session.functions.getComputeCapability;
  if (!fn) return undefined;
  const { firstInt, secondInt } = session.scratch;
  if (!session.accept(returnCodeOf(fn(handle, firstInt, secondInt)), 'getComputeCapability', index)) return undefined;
  return `${firstInt[0]}.${secondInt[0]}`;
}

function readMigMode(session: NvmlSession, index: number, handle: bigint): boolean | undefined {
  const fn = session.functions.getMigMode;
  if (!fn) return undefined;
  const { first, second } = session.scratch;
  if (!session.accept(returnCodeOf(fn(handle, first, second)), 'getMigMode', index)) return undefined;
  return first[0] === MIG_ENABLED;
}
