import type { z } from 'zod';
import type { createPodInputSchema, rentInterruptableInputSchema } from './client-inputs.js';

/**
 * `PodRentInterruptableInput` from our input: GraphQL wants `ports` as one comma-separated string
 * and `env` as a list of `{key, value}` (B5), unlike REST v2.
 */
export function rentInterruptableVariables(input: z.output<typeof rentInterruptableInputSchema>): Record<string, unknown> {
  return {
    input: {
      name: input.name,
      imageName: input.image,
      gpuTypeId: input.gpuTypeId,
      gpuCount: input.gpuCount,
      cloudType: input.cloud,
      bidPerGpu: input.bidPerGpu,
      containerDiskInGb: input.containerDiskGb,
      volumeInGb: 0,
      ports: input.ports.join(','),
      env: Object.entries(input.env).map(([key, value]) => ({ key, value })),
      ...(input.dataCenterId !== undefined && { dataCenterId: input.dataCenterId }),
      ...(input.minCudaVersion !== undefined && { minCudaVersion: input.minCudaVersion }),
    },
  };
}

/** The REST v2 `POST /v2/pods` body for an on-demand pod. */
export function createPodBody(input: z.output<typeof createPodInputSchema>): Record<string, unknown> {
  return {
    name: input.name,
    image: input.image,
    gpu: {
      id: input.gpuTypeId,
      count: input.gpuCount,
      ...(input.minCudaVersion !== undefined && { minCudaVersion: input.minCudaVersion }),
    },
    cloud: input.cloud,
    disk: input.containerDiskGb,
    ports: input.ports,
    env: input.env,
    ...(input.dataCenterId !== undefined && { dataCenterIds: [input.dataCenterId] }),
  };
}
