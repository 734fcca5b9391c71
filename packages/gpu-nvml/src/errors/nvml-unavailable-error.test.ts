import { AimaError } from '@aima/core';
import { describe, expect, it } from 'vitest';
import { NvmlError } from './nvml-error.js';
import { NvmlUnavailableError } from './nvml-unavailable-error.js';

describe('NvmlUnavailableError', () => {
  it('says what was tried and what to do, with a stable code', () => {
    const error = new NvmlUnavailableError([
      { method: 'nvml', target: 'libnvidia-ml.so.1', reason: 'cannot load libnvidia-ml.so.1: cannot open shared object file' },
      { method: 'nvidia-smi', target: 'nvidia-smi', reason: 'nvidia-smi was not found or is not executable' },
    ]);
    expect(error.code).toBe('AIMA_NVML_UNAVAILABLE');
    expect(error.message).toContain('nvml (libnvidia-ml.so.1): cannot load');
    expect(error.message).toContain('nvidia-smi (nvidia-smi): nvidia-smi was not found');
    expect(error.message).toContain('cloud-only');
    expect(NvmlUnavailableError.isInstance(error)).toBe(true);
    expect(AimaError.isInstance(error)).toBe(true);
    expect(NvmlUnavailableError.isInstance(new Error('x'))).toBe(false);
  });

  it('is recognised across copies of the package through its Symbol.for marker', () => {
    const foreign = { [Symbol.for('aima.error.nvml-unavailable')]: true };
    expect(NvmlUnavailableError.isInstance(foreign)).toBe(true);
  });
});

describe('NvmlError', () => {
  it('names the function, device and code', () => {
    const error = new NvmlError('nvmlDeviceGetMemoryInfo_v2', 15, 1);
    expect(error.message).toBe(
      'nvmlDeviceGetMemoryInfo_v2 for GPU 1 returned NVML_ERROR_GPU_IS_LOST (15): the GPU has fallen off the bus or is otherwise inaccessible',
    );
    expect(error).toMatchObject({ code: 'AIMA_NVML', returnName: 'NVML_ERROR_GPU_IS_LOST', errorClass: 'critical', deviceIndex: 1 });
    expect(NvmlError.isInstance(error)).toBe(true);
  });
});
