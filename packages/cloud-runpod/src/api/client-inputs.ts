import { z } from 'zod';

export const cloudTypeSchema = z.enum(['SECURE', 'COMMUNITY']);
export type CloudType = z.output<typeof cloudTypeSchema>;

/** Which prices `listGpuTypes` asks for: one cloud and GPU count per call, as `lowestPrice` takes them. */
export const gpuTypesQuerySchema = z.strictObject({
  cloud: cloudTypeSchema,
  /** @default 1 */
  gpuCount: z.number().int().positive().default(1),
  /** Secure cloud: price and stock in this data center only, e.g. `EU-RO-1`. */
  dataCenterId: z.string().min(1).optional(),
  /** Community cloud: price and stock in this country only, e.g. `US`. */
  countryCode: z.string().min(2).optional(),
  /** Also select the spot price fields. @default true */
  includeSpotPrices: z.boolean().default(true),
});

const portSchema = z.string().regex(/^\d{1,5}\/(tcp|http)$/, 'must look like "22/tcp" or "8888/http"');

/** A pod to create: the fields shared by on-demand (REST v2) and spot (GraphQL) creation. */
export const createPodInputSchema = z.strictObject({
  /** Pod name; our provider stores `<label>:<key>` here. */
  name: z.string().min(1).max(191),
  image: z.string().min(1),
  /** A RunPod gpuTypeId, e.g. `NVIDIA GeForce RTX 4090`. */
  gpuTypeId: z.string().min(1),
  /** @default 1 */
  gpuCount: z.number().int().positive().default(1),
  /** @default 'SECURE' */
  cloud: cloudTypeSchema.default('SECURE'),
  /** Container disk in GB. @default 20 */
  containerDiskGb: z.number().int().min(1).default(20),
  /** @default [] */
  ports: z.array(portSchema).default([]),
  /** @default {} */
  env: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a valid environment variable name'), z.string()).default({}),
  dataCenterId: z.string().min(1).optional(),
  minCudaVersion: z
    .string()
    .regex(/^\d+\.\d+$/)
    .optional(),
});

/** A spot pod: a pod plus the bid per GPU per hour. */
export const rentInterruptableInputSchema = createPodInputSchema.extend({
  bidPerGpu: z.number().positive(),
});

export type GpuTypesQueryInput = z.input<typeof gpuTypesQuerySchema>;
export type CreatePodInput = z.input<typeof createPodInputSchema>;
export type RentInterruptableInput = z.input<typeof rentInterruptableInputSchema>;

/** Pod ids are short lowercase alphanumerics (`5xpma5eg46tqjq`); anything else never reaches a URL. */
export const podIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a RunPod pod id such as "5xpma5eg46tqjq"');
