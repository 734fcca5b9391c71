import { AimaError, type AimaErrorOptions } from '@aima/core';

const nvmlUnavailableMarker = Symbol.for('aima.error.nvml-unavailable');

/** One way of reaching the GPUs that was tried, and why it did not work. */
export interface GpuAccessAttempt {
  readonly method: 'nvml' | 'nvidia-smi';
  /** The library path or executable that was tried. */
  readonly target: string;
  readonly reason: string;
}

/**
 * Neither NVML nor nvidia-smi can be used on this host. The message lists what was tried; the
 * host can still run cloud-only (catch this error and start without a local GPU provider).
 */
export class NvmlUnavailableError extends AimaError {
  protected readonly [nvmlUnavailableMarker] = true;
  readonly attempts: readonly GpuAccessAttempt[];

  constructor(attempts: readonly GpuAccessAttempt[], options: AimaErrorOptions = {}) {
    super('AIMA_NVML_UNAVAILABLE', formatAttempts(attempts), options);
    this.name = 'NvmlUnavailableError';
    this.attempts = attempts;
  }

  static override isInstance(error: unknown): error is NvmlUnavailableError {
    return typeof error === 'object' && error !== null && nvmlUnavailableMarker in error;
  }
}

function formatAttempts(attempts: readonly GpuAccessAttempt[]): string {
  const lines = attempts.map((attempt) => `  - ${attempt.method} (${attempt.target}): ${attempt.reason}`);
  return [
    'No local NVIDIA GPU access on this host. Tried:',
    ...lines,
    'Install the NVIDIA driver, or pass libraryPath / nvidiaSmiPath, or run this host cloud-only.',
  ].join('\n');
}
