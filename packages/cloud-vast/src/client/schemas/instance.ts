import { z } from 'zod';

const optionalNumber = z.number().nullish();
const optionalString = z.string().nullish();
/** Ports and SSH ports arrive as strings or numbers ("HostPort": "40713"). */
const portNumber = z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]);

const portBindingSchema = z.object({ HostIp: optionalString, HostPort: portNumber });

/**
 * `"8000/tcp" → [{HostIp, HostPort}]`, `{}` or `null` until running. One OpenAPI file types it
 * as a list of integers (reference D2); that form carries no mapping and reads as none.
 */
const portsSchema = z
  .union([
    z.record(z.string(), z.array(portBindingSchema).nullish()),
    z.array(z.unknown()).transform(() => ({}) as Record<string, undefined>),
  ])
  .nullish();

/** One instance (reference A7). Every field may be null in its first seconds, so all are optional. */
export const vastInstanceSchema = z.object({
  id: z.number().int().optional(),
  label: optionalString,
  actual_status: optionalString,
  intended_status: optionalString,
  cur_state: optionalString,
  next_state: optionalString,
  status_msg: optionalString,
  image_uuid: optionalString,
  image_runtype: optionalString,
  ssh_host: optionalString,
  ssh_port: portNumber.nullish(),
  public_ipaddr: optionalString,
  ports: portsSchema,
  machine_id: optionalNumber,
  gpu_name: optionalString,
  num_gpus: optionalNumber,
  geolocation: optionalString,
  /** Current $/h. */
  dph_total: optionalNumber,
  is_bid: z.boolean().nullish(),
  min_bid: optionalNumber,
  /** Epoch seconds. */
  start_date: optionalNumber,
  end_date: optionalNumber,
});

export type VastInstance = z.output<typeof vastInstanceSchema>;

/** A listed instance always has its id. */
export const vastListedInstanceSchema = vastInstanceSchema.extend({ id: z.number().int() });
export type VastListedInstance = z.output<typeof vastListedInstanceSchema>;

/** `GET /instances/{id}/`: `{"instances": {...}}`, plural even for one; `null` once destroyed. */
export const showInstanceResponseSchema = z.object({ instances: vastInstanceSchema.nullable() });

/** `GET /api/v1/instances/`, one page (also reads the legacy v0 list, which has no token). */
export const listInstancesResponseSchema = z.object({
  instances: z.array(vastListedInstanceSchema),
  next_token: z.string().nullish(),
});
