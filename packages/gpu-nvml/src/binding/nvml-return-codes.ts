import type { FailureSeverity } from '@aima/core';

/**
 * How a caller should treat an `nvmlReturn_t`:
 * - `not-supported`: the field or function does not exist here; report it absent, never retry;
 * - `transient`: retry later (a timeout, busy, out of memory, not ready);
 * - `persistent`: stays until someone acts: a bad argument, no permission, the library or driver
 *   is missing, mismatched or uninitialised;
 * - `critical`: the device itself is unhealthy (lost, reset required, IRQ, power, InfoROM).
 */
export type NvmlErrorClass = 'success' | 'not-supported' | 'transient' | 'persistent' | 'critical';

/** What one NVML return code means. */
export interface NvmlReturnInfo {
  readonly code: number;
  /** E.g. `NVML_ERROR_GPU_IS_LOST`. */
  readonly name: string;
  readonly errorClass: NvmlErrorClass;
  /** True when the device (or the whole library) cannot be read any more: its samples become `error`. */
  readonly deviceFatal: boolean;
  readonly description: string;
}

type Row = readonly [name: string, errorClass: NvmlErrorClass, deviceFatal: boolean, description: string];

// Values and meanings from the reference (§2, nvml.h 13.3); classes follow its recommended table.
const rows: Readonly<Record<number, Row>> = {
  0: ['NVML_SUCCESS', 'success', false, 'success'],
  1: ['NVML_ERROR_UNINITIALIZED', 'persistent', true, 'NVML was not initialised'],
  2: ['NVML_ERROR_INVALID_ARGUMENT', 'persistent', false, 'an argument was invalid (a binding bug or a stale handle)'],
  3: ['NVML_ERROR_NOT_SUPPORTED', 'not-supported', false, 'not supported by this device'],
  4: ['NVML_ERROR_NO_PERMISSION', 'persistent', false, 'this user may not query it'],
  5: ['NVML_ERROR_ALREADY_INITIALIZED', 'persistent', false, 'already initialised (deprecated code)'],
  6: ['NVML_ERROR_NOT_FOUND', 'persistent', false, 'not found (process exited, UUID gone or empty MIG slot)'],
  7: ['NVML_ERROR_INSUFFICIENT_SIZE', 'persistent', false, 'the buffer was too small'],
  8: ['NVML_ERROR_INSUFFICIENT_POWER', 'critical', true, 'power cables are missing or not seated'],
  9: ['NVML_ERROR_DRIVER_NOT_LOADED', 'persistent', true, 'the NVIDIA kernel driver is not loaded'],
  10: ['NVML_ERROR_TIMEOUT', 'transient', false, 'timed out'],
  11: ['NVML_ERROR_IRQ_ISSUE', 'critical', true, 'the kernel detected an interrupt problem with the GPU'],
  12: ['NVML_ERROR_LIBRARY_NOT_FOUND', 'persistent', true, 'a required library was not found'],
  13: ['NVML_ERROR_FUNCTION_NOT_FOUND', 'not-supported', false, 'this driver does not implement the function'],
  14: ['NVML_ERROR_CORRUPTED_INFOROM', 'critical', true, 'the InfoROM is corrupted'],
  15: ['NVML_ERROR_GPU_IS_LOST', 'critical', true, 'the GPU has fallen off the bus or is otherwise inaccessible'],
  16: ['NVML_ERROR_RESET_REQUIRED', 'critical', true, 'the GPU needs a reset before it can be used again'],
  17: ['NVML_ERROR_OPERATING_SYSTEM', 'persistent', true, 'the operating system (or a cgroup) blocked the call'],
  18: ['NVML_ERROR_LIB_RM_VERSION_MISMATCH', 'persistent', true, 'the NVML library and the kernel driver versions differ'],
  19: ['NVML_ERROR_IN_USE', 'transient', false, 'the GPU is in use'],
  20: ['NVML_ERROR_MEMORY', 'transient', false, 'out of memory'],
  21: ['NVML_ERROR_NO_DATA', 'transient', false, 'no data yet'],
  22: ['NVML_ERROR_VGPU_ECC_NOT_SUPPORTED', 'not-supported', false, 'ECC is not supported on this vGPU'],
  23: ['NVML_ERROR_INSUFFICIENT_RESOURCES', 'transient', false, 'not enough resources'],
  24: ['NVML_ERROR_FREQ_NOT_SUPPORTED', 'not-supported', false, 'the frequency is not supported'],
  25: ['NVML_ERROR_ARGUMENT_VERSION_MISMATCH', 'not-supported', false, 'the driver does not know this struct version'],
  26: ['NVML_ERROR_DEPRECATED', 'not-supported', false, 'deprecated and no longer available'],
  27: ['NVML_ERROR_NOT_READY', 'transient', false, 'not ready yet'],
  28: ['NVML_ERROR_GPU_NOT_FOUND', 'persistent', true, 'no such GPU'],
  29: ['NVML_ERROR_INVALID_STATE', 'transient', false, 'the GPU is in an invalid state for this call'],
  30: ['NVML_ERROR_RESET_TYPE_NOT_SUPPORTED', 'not-supported', false, 'this reset type is not supported'],
  999: ['NVML_ERROR_UNKNOWN', 'transient', false, 'an unknown internal error'],
};

/** Every code the table knows, in order. */
export const knownNvmlReturnCodes: readonly number[] = Object.keys(rows)
  .map(Number)
  .sort((a, b) => a - b);

const cache = new Map<number, NvmlReturnInfo>();

/** Names and classifies an NVML return code; codes newer than this table count as persistent. */
export function describeNvmlReturn(code: number): NvmlReturnInfo {
  const cached = cache.get(code);
  if (cached) return cached;
  const [name, errorClass, deviceFatal, description] = rows[code] ?? [
    `NVML_ERROR_${code}`,
    'persistent',
    false,
    'a code this binding does not know',
  ];
  const info: NvmlReturnInfo = { code, name, errorClass, deviceFatal, description };
  cache.set(code, info);
  return info;
}

/** The health-event severity of an error class; `undefined` when it is not a health signal. */
export function severityOfNvmlClass(errorClass: NvmlErrorClass): FailureSeverity | undefined {
  switch (errorClass) {
    case 'transient':
      return 'temporary';
    case 'persistent':
      return 'persistent';
    case 'critical':
      return 'critical';
    default:
      return undefined;
  }
}

/** Return codes the binding acts on by value. */
export const NvmlReturn = {
  success: 0,
  uninitialized: 1,
  notSupported: 3,
  insufficientSize: 7,
  timeout: 10,
  libraryNotFound: 12,
  functionNotFound: 13,
  gpuIsLost: 15,
  argumentVersionMismatch: 25,
  unknown: 999,
} as const;
