import { z } from 'zod';

/** What to look for among a provider's offers. Every field narrows the result. */
export const offerQuerySchema = z.object({
  minVramGb: z.number().positive().optional(),
  gpuModels: z.array(z.string().min(1)).optional(),
  regions: z.array(z.string().min(1)).optional(),
  maxPricePerHourUsd: z.number().nonnegative().optional(),
  minReliability: z.number().min(0).max(1).optional(),
  minUploadMbps: z.number().nonnegative().optional(),
  /** `true`: interruptible only; `false`: on-demand only; absent: both. */
  interruptible: z.boolean().optional(),
  /** GPUs per offer. */
  gpuCount: z.number().int().positive().optional(),
});

/** Launch one instance from an offer. `key` (job id + attempt) makes the call idempotent. */
export const launchRequestSchema = z.object({
  key: z.string().min(1),
  offerId: z.string().min(1),
  image: z.string().min(1),
  env: z.record(z.string(), z.string()).default({}),
  /** Container ports to expose. */
  ports: z.array(z.number().int().min(1).max(65_535)).default([]),
  diskGb: z.number().positive().default(20),
  /** Marks the instance as ours; `listInstances(label)` finds it for reconciliation (C4). */
  label: z.string().min(1),
  /** Bid for an interruptible offer. */
  bidPricePerHourUsd: z.number().positive().optional(),
});

export const cloudInstanceStatusSchema = z.enum(['provisioning', 'running', 'stopped', 'terminated', 'failed']);

/** A rented instance as the provider reports it. */
export const cloudInstanceSchema = z.object({
  id: z.string().min(1),
  providerId: z.string().min(1),
  offerId: z.string().min(1),
  /** The launch key, when the provider keeps it. */
  key: z.string().optional(),
  status: cloudInstanceStatusSchema,
  /** Where to reach it once running: public host and container port → public port. */
  endpoint: z.object({ host: z.string().min(1), ports: z.record(z.string(), z.number().int()) }).optional(),
  pricePerHourUsd: z.number().nonnegative(),
  /** Epoch ms. */
  startedAt: z.number().int().nonnegative(),
  label: z.string().min(1),
  costSoFarUsd: z.number().nonnegative(),
  /** The provider's own words on the state, e.g. "outbid" or "loading image". */
  statusMessage: z.string().optional(),
});

export type OfferQuery = z.input<typeof offerQuerySchema>;
export type LaunchRequestInput = z.input<typeof launchRequestSchema>;
export type LaunchRequest = z.output<typeof launchRequestSchema>;
export type CloudInstanceStatus = z.output<typeof cloudInstanceStatusSchema>;
export type CloudInstance = z.output<typeof cloudInstanceSchema>;
