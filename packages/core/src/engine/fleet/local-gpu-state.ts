import type { RegisteredGpu } from '../../config/gpu-registration.js';

/**
 * Health of a local GPU. `healthy` and `degraded` GPUs take new jobs (degraded ones score lower);
 * `maintenance`, `offline` and `error` GPUs take none.
 */
export type GpuHealth = 'healthy' | 'degraded' | 'maintenance' | 'offline' | 'error';

/** What the engine knows of one local GPU at decision time. */
export interface LocalGpuState {
  readonly gpu: RegisteredGpu;
  /** @default 'healthy' */
  readonly health?: GpuHealth;
  /**
   * Set while the GPU is allocated: epoch ms at which it is expected to be free again (its running
   * and already-assigned work done). Absent means free now.
   */
  readonly busyUntil?: number;
  /** Last measured utilisation 0..1, for dashboards. */
  readonly utilization?: number;
}

/**
 * Seconds until the GPU is free: 0 only when it is not allocated. An allocated GPU whose estimate
 * has passed (its job overran) still waits at least a second: it is not free until released.
 */
export function waitSecondsOf(state: LocalGpuState, now: number): number {
  return state.busyUntil === undefined ? 0 : Math.max(1, (state.busyUntil - now) / 1000);
}
