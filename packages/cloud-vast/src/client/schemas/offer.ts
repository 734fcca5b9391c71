import { z } from 'zod';

const optionalNumber = z.number().nullish();

/**
 * An offer from `POST /bundles/` (reference A4). Only the fields the adapter maps are read; the
 * other 80-odd are tolerated. Without the required ones an offer cannot be priced or rented.
 */
export const vastOfferSchema = z.object({
  /** The ask id: `PUT /asks/{id}/` rents it. */
  id: z.number().int().nonnegative(),
  gpu_name: z.string().min(1),
  num_gpus: z.number().int().positive(),
  /** MB per GPU. */
  gpu_ram: z.number().positive(),
  /** $/h of the whole offer, GPUs plus storage at the searched size. */
  dph_total: z.number().nonnegative(),
  dph_base: optionalNumber,
  /** Lowest bid ($/h) for an interruptible rental. */
  min_bid: optionalNumber,
  is_bid: z.boolean().nullish(),
  reliability2: optionalNumber,
  reliability: optionalNumber,
  /** Mb/s (the CLI's unit; the OpenAPI says MB/s, reference A4). */
  inet_up: optionalNumber,
  inet_down: optionalNumber,
  /** "City/region, CC". */
  geolocation: z.string().nullish(),
  /** "verified" | "unverified" | "deverified". */
  verification: z.string().nullish(),
  cuda_max_good: optionalNumber,
  /** Compute capability ×100, e.g. 890. */
  compute_cap: optionalNumber,
  /** 1 for datacenter hosts. */
  hosting_type: optionalNumber,
  datacenter: z.union([z.boolean(), z.number()]).nullish(),
  machine_id: optionalNumber,
  direct_port_count: optionalNumber,
});

export type VastOffer = z.output<typeof vastOfferSchema>;

/**
 * The search answer: `{"offers": [...]}`. The published OpenAPI example shows `offers` as one
 * object (a docs bug, reference A4); that form is read as a list of one. Offers are checked one
 * by one so that one malformed host does not hide the others.
 */
export const searchOffersResponseSchema = z.object({
  offers: z.union([z.array(z.unknown()), z.looseObject({}).transform((offer) => [offer] as unknown[])]),
});
