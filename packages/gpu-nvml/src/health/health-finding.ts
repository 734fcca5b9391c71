import type { GpuHealthEvent } from '@aima/core';

/** A health event before it is stamped with a GPU id and time. */
export type HealthFinding = Omit<GpuHealthEvent, 'gpuId' | 'at'>;
