import { describe, expect, it } from 'vitest';
import { describeNvmlReturn, knownNvmlReturnCodes, type NvmlErrorClass, severityOfNvmlClass } from './nvml-return-codes.js';

// The reference's recommended classes (§2), code by code.
const expected: Record<number, [string, NvmlErrorClass, boolean]> = {
  0: ['NVML_SUCCESS', 'success', false],
  1: ['NVML_ERROR_UNINITIALIZED', 'persistent', true],
  2: ['NVML_ERROR_INVALID_ARGUMENT', 'persistent', false],
  3: ['NVML_ERROR_NOT_SUPPORTED', 'not-supported', false],
  4: ['NVML_ERROR_NO_PERMISSION', 'persistent', false],
  5: ['NVML_ERROR_ALREADY_INITIALIZED', 'persistent', false],
  6: ['NVML_ERROR_NOT_FOUND', 'persistent', false],
  7: ['NVML_ERROR_INSUFFICIENT_SIZE', 'persistent', false],
  8: ['NVML_ERROR_INSUFFICIENT_POWER', 'critical', true],
  9: ['NVML_ERROR_DRIVER_NOT_LOADED', 'persistent', true],
  10: ['NVML_ERROR_TIMEOUT', 'transient', false],
  11: ['NVML_ERROR_IRQ_ISSUE', 'critical', true],
  12: ['NVML_ERROR_LIBRARY_NOT_FOUND', 'persistent', true],
  13: ['NVML_ERROR_FUNCTION_NOT_FOUND', 'not-supported', false],
  14: ['NVML_ERROR_CORRUPTED_INFOROM', 'critical', true],
  15: ['NVML_ERROR_GPU_IS_LOST', 'critical', true],
  16: ['NVML_ERROR_RESET_REQUIRED', 'critical', true],
  17: ['NVML_ERROR_OPERATING_SYSTEM', 'persistent', true],
  18: ['NVML_ERROR_LIB_RM_VERSION_MISMATCH', 'persistent', true],
  19: ['NVML_ERROR_IN_USE', 'transient', false],
  20: ['NVML_ERROR_MEMORY', 'transient', false],
  21: ['NVML_ERROR_NO_DATA', 'transient', false],
  22: ['NVML_ERROR_VGPU_ECC_NOT_SUPPORTED', 'not-supported', false],
  23: ['NVML_ERROR_INSUFFICIENT_RESOURCES', 'transient', false],
  24: ['NVML_ERROR_FREQ_NOT_SUPPORTED', 'not-supported', false],
  25: ['NVML_ERROR_ARGUMENT_VERSION_MISMATCH', 'not-supported', false],
  26: ['NVML_ERROR_DEPRECATED', 'not-supported', false],
  27: ['NVML_ERROR_NOT_READY', 'transient', false],
  28: ['NVML_ERROR_GPU_NOT_FOUND', 'persistent', true],
  29: ['NVML_ERROR_INVALID_STATE', 'transient', false],
  30: ['NVML_ERROR_RESET_TYPE_NOT_SUPPORTED', 'not-supported', false],
  999: ['NVML_ERROR_UNKNOWN', 'transient', false],
};

describe('NVML return codes', () => {
  it('knows every code of NVML 13 (0-30 and 999)', () => {
    expect(knownNvmlReturnCodes).toEqual(Object.keys(expected).map(Number));
  });

  it.each(Object.entries(expected))('classifies %s', (code, [name, errorClass, deviceFatal]) => {
    const info = describeNvmlReturn(Number(code));
    expect(info).toMatchObject({ code: Number(code), name, errorClass, deviceFatal });
    expect(info.description.length).toBeGreaterThan(3);
  });

  it('treats a code newer than the table as persistent, not fatal', () => {
    expect(describeNvmlReturn(31)).toMatchObject({ name: 'NVML_ERROR_31', errorClass: 'persistent', deviceFatal: false });
  });

  it('maps classes to health severities; success and not-supported are no health signal', () => {
    expect(severityOfNvmlClass('transient')).toBe('temporary');
    expect(severityOfNvmlClass('persistent')).toBe('persistent');
    expect(severityOfNvmlClass('critical')).toBe('critical');
    expect(severityOfNvmlClass('not-supported')).toBeUndefined();
    expect(severityOfNvmlClass('success')).toBeUndefined();
  });
});
