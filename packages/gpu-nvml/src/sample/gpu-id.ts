import { createHash } from 'node:crypto';

/**
 * A GPU's AIMA id: `gpu_` and the first eight hex digits of the SHA-256 of its UUID. It stays the
 * same across restarts, reboots and index changes, and whichever provider (NVML, nvidia-smi, an
 * agent) sees the GPU.
 */
export function gpuIdFromUuid(uuid: string): string {
  return `gpu_${createHash('sha256').update(uuid.trim()).digest('hex').slice(0, 8)}`;
}
