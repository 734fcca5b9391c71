import { z } from 'zod';

/** `PUT /asks/{id}/`: `new_contract` is the new instance's id. */
export const createInstanceResponseSchema = z.object({
  success: z.boolean().nullish(),
  new_contract: z.number().int(),
});

/** Stop, start, label and destroy answer `{"success": true}` (and maybe `msg`). */
export const successResponseSchema = z.object({
  success: z.boolean(),
  msg: z.string().nullish(),
  error: z.string().nullish(),
});

const chargeSchema = z.object({
  /** `instance-<id>`, `volume-<id>`, ... */
  source: z.string(),
  type: z.string().nullish(),
  /** USD for the period asked. */
  amount: z.number(),
  start: z.number().nullish(),
  end: z.number().nullish(),
  metadata: z.looseObject({ label: z.string().nullish() }).nullish(),
});

export type VastCharge = z.output<typeof chargeSchema>;

/** `GET /charges/` (reference A11). */
export const chargesResponseSchema = z.object({
  success: z.boolean().nullish(),
  results: z.array(chargeSchema),
  next_token: z.string().nullish(),
});
