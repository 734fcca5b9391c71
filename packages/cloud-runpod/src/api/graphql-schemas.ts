import { z } from 'zod';

/**
 * Zod schemas of the GraphQL answers this client reads (reference B5). GraphQL returns exactly
 * the fields a query selects, so nearly every field is optional and objects stay loose: a field
 * RunPod adds must not break parsing.
 */

/** `{ data, errors }`; RunPod sends client errors in HTTP 200 (B4). */
export const graphqlEnvelopeSchema = z.looseObject({
  data: z.unknown().optional(),
  errors: z
    .array(
      z.looseObject({
        message: z.string(),
        extensions: z.looseObject({ code: z.string().optional() }).nullish(),
      }),
    )
    .nullish(),
});

/** `lowestPrice(input: GpuLowestPriceInput)`: a null `stockStatus` or price means none there. */
export const lowestPriceSchema = z.looseObject({
  uninterruptablePrice: z.number().nullish(),
  minimumBidPrice: z.number().nullish(),
  stockStatus: z.string().nullish(),
  availableGpuCounts: z.array(z.number().int()).nullish(),
});

/** One `gpuTypes` entry; `id` is the gpuTypeId used to launch, e.g. `NVIDIA GeForce RTX 4090`. */
export const gpuTypeSchema = z.looseObject({
  id: z.string().min(1),
  displayName: z.string().nullish(),
  manufacturer: z.string().nullish(),
  memoryInGb: z.number().nullish(),
  secureCloud: z.boolean().nullish(),
  communityCloud: z.boolean().nullish(),
  securePrice: z.number().nullish(),
  communityPrice: z.number().nullish(),
  secureSpotPrice: z.number().nullish(),
  communitySpotPrice: z.number().nullish(),
  maxGpuCount: z.number().int().nullish(),
  lowestPrice: lowestPriceSchema.nullish(),
});

export const gpuTypesDataSchema = z.looseObject({ gpuTypes: z.array(gpuTypeSchema) });

const graphqlRuntimePortSchema = z.looseObject({
  ip: z.string().nullish(),
  isIpPublic: z.boolean().nullish(),
  privatePort: z.number().int().nullish(),
  publicPort: z.number().int().nullish(),
  type: z.string().nullish(),
});

/** A pod as GraphQL returns it (`pod`, `myself.pods`, and the outputs of the pod mutations). */
export const graphqlPodSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string().nullish(),
  desiredStatus: z.string().nullish(),
  imageName: z.string().nullish(),
  /** `"K=V"` strings in GraphQL outputs. */
  env: z.array(z.string()).nullish(),
  machineId: z.string().nullish(),
  costPerHr: z.number().nullish(),
  gpuCount: z.number().int().nullish(),
  machine: z
    .looseObject({ podHostId: z.string().nullish(), gpuDisplayName: z.string().nullish(), dataCenterId: z.string().nullish() })
    .nullish(),
  runtime: z.looseObject({ uptimeInSeconds: z.number().nullish(), ports: z.array(graphqlRuntimePortSchema).nullish() }).nullish(),
});

export const rentInterruptableDataSchema = z.looseObject({ podRentInterruptable: graphqlPodSchema });

export type RunpodGpuType = z.output<typeof gpuTypeSchema>;
export type RunpodGraphqlPod = z.output<typeof graphqlPodSchema>;
