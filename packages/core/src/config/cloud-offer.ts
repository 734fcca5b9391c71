import { z } from 'zod';
import { computeCapabilitySchema, nameSchema, versionSchema } from './primitives.js';

/** A rentable cloud GPU offer, as providers report it after mapping to our terms. */
export const cloudOfferSchema = z.strictObject({
  /** Provider id, e.g. `"vast"`, `"runpod"`. */
  provider: nameSchema,
  offerId: nameSchema,
  gpuModel: nameSchema,
  gpuCount: z.number().int().positive(),
  /** VRAM per GPU in GB. */
  vramGb: z.number().positive(),
  /** Price of the whole offer (all its GPUs) per hour. */
  pricePerHourUsd: z.number().nonnegative(),
  region: nameSchema,
  /** Host reliability 0..1 as the provider reports it. */
  reliability: z.number().min(0).max(1),
  uploadMbps: z.number().nonnegative(),
  /** Bandwidth into the instance; bounds how fast our inputs arrive. */
  downloadMbps: z.number().nonnegative(),
  /** Spot/bid instance that may be interrupted. */
  interruptible: z.boolean(),
  cudaVersion: versionSchema.optional(),
  computeCapability: computeCapabilitySchema.optional(),
  /** Provider-verified host (Vast `verified`, RunPod secure cloud). @default false */
  verified: z.boolean().default(false),
  /** Compliance tags, e.g. `["gdpr"]`. @default [] */
  tags: z.array(nameSchema).default([]),
});

export type CloudOfferInput = z.input<typeof cloudOfferSchema>;
export type CloudOffer = z.output<typeof cloudOfferSchema>;
