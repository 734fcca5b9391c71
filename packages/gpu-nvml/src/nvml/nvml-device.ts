import type { GpuDevice } from '@aima/core';
import type { NvmlIdentity } from '../binding/nvml-identity.js';
import type { NvmlSystemInfo } from '../binding/nvml-system.js';
import { gpuIdFromUuid } from '../sample/gpu-id.js';

const BYTES_PER_GIB = 1024 ** 3;

/** NVML's identity of a device as core's `GpuDevice` (N1). */
export function toGpuDevice(identity: NvmlIdentity, system: NvmlSystemInfo, providerId: string, host: string): GpuDevice {
  return {
    id: gpuIdFromUuid(identity.uuid),
    providerId,
    index: identity.index,
    uuid: identity.uuid,
    model: identity.name.trim() || 'NVIDIA GPU',
    vramGb: Math.max(0.01, Math.round((100 * identity.memoryTotalBytes) / BYTES_PER_GIB) / 100),
    driverVersion: system.driverVersion,
    cudaVersion: system.cudaVersion,
    computeCapability: identity.computeCapability,
    pciBusId: identity.pciBusId,
    host,
    migMode: identity.migMode,
    powerLimitW: identity.powerLimitMilliwatts === undefined ? undefined : identity.powerLimitMilliwatts / 1000,
  };
}
