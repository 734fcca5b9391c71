import { AimaError, type AimaErrorOptions } from '@aima/core';
import { describeNvmlReturn, type NvmlErrorClass } from '../binding/nvml-return-codes.js';

const nvmlErrorMarker = Symbol.for('aima.error.nvml');

/**
 * An NVML call returned an error that the caller cannot treat as "field absent": the device is
 * lost, the library is uninitialised, a required value could not be read.
 */
export class NvmlError extends AimaError {
  protected readonly [nvmlErrorMarker] = true;
  /** The C function that failed, e.g. `nvmlDeviceGetMemoryInfo_v2`. */
  readonly functionName: string;
  /** The `nvmlReturn_t` value. */
  readonly returnCode: number;
  /** E.g. `NVML_ERROR_GPU_IS_LOST`. */
  readonly returnName: string;
  readonly errorClass: NvmlErrorClass;
  /** The device index the call was about, if any. */
  readonly deviceIndex: number | undefined;

  constructor(functionName: string, returnCode: number, deviceIndex?: number, options: AimaErrorOptions = {}) {
    const info = describeNvmlReturn(returnCode);
    const where = deviceIndex === undefined ? '' : ` for GPU ${deviceIndex}`;
    super('AIMA_NVML', `${functionName}${where} returned ${info.name} (${returnCode}): ${info.description}`, options);
    this.name = 'NvmlError';
    this.functionName = functionName;
    this.returnCode = returnCode;
    this.returnName = info.name;
    this.errorClass = info.errorClass;
    this.deviceIndex = deviceIndex;
  }

  static override isInstance(error: unknown): error is NvmlError {
    return typeof error === 'object' && error !== null && nvmlErrorMarker in error;
  }
}
