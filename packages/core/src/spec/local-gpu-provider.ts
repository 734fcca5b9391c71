import type { GpuDevice, GpuHealthEvent, GpuSample } from './gpu-device.js';

/**
 * A source of local GPUs: NVML on this host, nvidia-smi, a remote host agent, or a simulation.
 * Implemented by `@aima/gpu-nvml`; contract tested by `describeLocalGpuProviderConformance`.
 *
 * Contract: `discover` and `sample` honour their AbortSignal (rejecting with its reason) and
 * never hang; `sample` returns one sample per discovered device, with status `error` for a
 * device that cannot be read rather than throwing; `onHealth` returns an idempotent
 * unsubscribe; `close` is idempotent, stops every timer, and calls after it reject.
 */
export interface LocalGpuProvider {
  /** E.g. `"nvml@host-a"`. */
  readonly id: string;
  discover(signal?: AbortSignal): Promise<GpuDevice[]>;
  sample(signal?: AbortSignal): Promise<GpuSample[]>;
  onHealth(listener: (event: GpuHealthEvent) => void): () => void;
  close(): Promise<void>;
}
