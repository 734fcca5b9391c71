import { z } from 'zod';
import { availabilityScheduleSchema } from './availability-schedule.js';
import { benchmarkResultsSchema } from './benchmark-results.js';
import { computeCapabilitySchema, nameSchema, versionSchema } from './primitives.js';

/** Who may use a GPU (seed 000 `Zugriffsbeschränkungen`). Empty lists mean no restriction. */
export const accessRestrictionsSchema = z.strictObject({
  /** Only jobs of these tenants may run. @default [] (any tenant) */
  tenants: z.array(nameSchema).default([]),
  /** A job must hold every one of these roles (seed 000 `list_available_gpus` semantics). @default [] */
  roles: z.array(nameSchema).default([]),
});

/** The id format of registered GPUs: `gpu_` and eight hex digits (seed 000 `register_gpu`). */
export const gpuIdSchema = z.string().regex(/^gpu_[0-9a-f]{8}$/, 'must look like gpu_1a2b3c4d');

/** A local GPU as a host registers it (seed 000 §2.1, §2.2). */
export const gpuRegistrationSchema = z.strictObject({
  /** A fixed id; the registry assigns a fresh `gpu_xxxxxxxx` when absent. */
  id: gpuIdSchema.optional(),
  /** Model name, e.g. `"NVIDIA GeForce RTX 4090"`; also used to find default power and price. */
  model: nameSchema,
  vramGb: z.number().positive(),
  cudaVersion: versionSchema,
  computeCapability: computeCapabilitySchema.optional(),
  hostAddress: nameSchema,
  /** Site or region name, matched against a job's allowed regions. */
  location: nameSchema,
  /** @default '24/7' */
  availabilitySchedule: availabilityScheduleSchema.default('24/7'),
  /** @default { tenants: [], roles: [] } */
  accessRestrictions: accessRestrictionsSchema.prefault({}),
  /** Compliance tags the site carries, e.g. `["gdpr", "hipaa"]`. @default [] */
  tags: z.array(nameSchema).default([]),
  /** ML models this GPU may run; absent means any. */
  supportedModels: z.array(nameSchema).min(1).optional(),
  /** Board power in watts; the built-in table's TDP for the model when absent. */
  powerWatts: z.number().positive().optional(),
  /** Purchase price in USD for depreciation; the built-in table's launch price when absent. */
  purchasePriceUsd: z.number().nonnegative().optional(),
  /** Straight-line depreciation period. @default 3 */
  depreciationYears: z.number().positive().default(3),
  /** Performance profile in the seed's JSON shape. */
  benchmarkResults: benchmarkResultsSchema.optional(),
});

export type GpuRegistrationInput = z.input<typeof gpuRegistrationSchema>;
export type GpuRegistration = z.output<typeof gpuRegistrationSchema>;
export type AccessRestrictions = z.output<typeof accessRestrictionsSchema>;

/** A registered GPU: a registration with its id. */
export type RegisteredGpu = GpuRegistration & { readonly id: string };
