import { TEXT_BUFFER_SIZE } from './nvml-scalars.js';
import { type NvmlSession, returnCodeOf } from './nvml-session.js';

/** Host-wide versions: the kernel driver and the newest CUDA version it supports. */
export interface NvmlSystemInfo {
  /** E.g. `550.54.15`. */
  readonly driverVersion?: string;
  /** E.g. `12.4`. */
  readonly cudaVersion?: string;
}

/** `12040` → `12.4` (NVML_CUDA_DRIVER_VERSION_MAJOR/_MINOR). */
export function formatCudaVersion(version: number): string {
  return `${Math.floor(version / 1000)}.${Math.floor((version % 1000) / 10)}`;
}

function readCudaVersion(session: NvmlSession): string | undefined {
  const out = session.scratch.firstInt;
  // _v2 asks libcuda and returns LIBRARY_NOT_FOUND without it; the old call reads the driver's own answer.
  for (const name of ['getCudaDriverVersionV2', 'getCudaDriverVersion'] as const) {
    const fn = session.functions[name];
    if (fn && session.accept(returnCodeOf(fn(out)), name)) return formatCudaVersion(out[0] ?? 0);
  }
  return undefined;
}

function readDriverVersion(session: NvmlSession): string | undefined {
  const fn = session.functions.getDriverVersion;
  if (!fn) return undefined;
  const code = returnCodeOf(fn(session.scratch.text, TEXT_BUFFER_SIZE));
  return session.accept(code, 'getDriverVersion') ? session.scratch.readText() : undefined;
}

export function readSystemInfo(session: NvmlSession): NvmlSystemInfo {
  return { driverVersion: readDriverVersion(session), cudaVersion: readCudaVersion(session) };
}
