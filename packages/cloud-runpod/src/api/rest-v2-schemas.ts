import { z } from 'zod';

/**
 * Zod schemas of the REST v2 answers this client reads (reference B7), loose so that fields
 * RunPod adds never break parsing. Recorded pods lack fields the OpenAPI marks required (the
 * trimmed not-ready pod has no `image` or `actions`), so only `id` and `status` are required.
 */

const runtimePortSchema = z.looseObject({
  private: z.number().int(),
  public: z.number().int().nullish(),
  type: z.string().nullish(),
  ip: z.string().nullish(),
});

const sshEndpointSchema = z.looseObject({
  host: z.string(),
  port: z.number().int(),
  username: z.string().nullish(),
  command: z.string().nullish(),
});

/** `PROVISIONING → STARTING → RUNNING`, `EXITED` (stopped), `ERROR`, `TERMINATED`; kept a string so a new status parses. */
export const podStatusSchema = z.string().min(1);

export const restPodSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string().nullish(),
  status: podStatusSchema,
  actions: z.array(z.string()).nullish(),
  image: z.string().nullish(),
  env: z.record(z.string(), z.string()).nullish(),
  ports: z.array(z.string()).nullish(),
  gpu: z.looseObject({ id: z.string().min(1), count: z.number().int().positive().default(1) }).nullish(),
  cloud: z.string().nullish(),
  dataCenterId: z.string().nullish(),
  cudaVersion: z.string().nullish(),
  /** USD per hour. */
  cost: z.number().nullish(),
  createdAt: z.string().nullish(),
  startedAt: z.string().nullish(),
  /** Null until the container is up; RUNNING with a null runtime was recorded live (B7). */
  runtime: z.looseObject({ uptime: z.number().nullish(), ports: z.array(runtimePortSchema).nullish() }).nullish(),
  ssh: z.looseObject({ direct: sshEndpointSchema.nullish(), proxy: sshEndpointSchema.nullish() }).nullish(),
});

export const restPodListSchema = z.looseObject({ pods: z.array(restPodSchema) });

/** RFC 9457 problem details; `errors` only on 422. */
export const problemSchema = z.looseObject({
  title: z.string().nullish(),
  status: z.number().int(),
  detail: z.string().nullish(),
  errors: z.array(z.string()).nullish(),
});

/**
 * The `POST /v2/pods` body we send, mirroring the OpenAPI's `CreatePodRequest` (which forbids
 * unknown keys with `unevaluatedProperties: false`, answering 422).
 */
export const restCreatePodBodySchema = z.strictObject({
  name: z.string().min(1),
  image: z.string().min(1),
  gpu: z.strictObject({
    id: z.string().min(1),
    count: z.number().int().positive().optional(),
    minCudaVersion: z
      .string()
      .regex(/^\d+\.\d+$/)
      .optional(),
    allowedCudaVersions: z.array(z.string().regex(/^\d+\.\d+$/)).optional(),
  }),
  cloud: z.enum(['SECURE', 'COMMUNITY']).optional(),
  dataCenterIds: z.array(z.string().min(1)).optional(),
  disk: z.number().int().min(1).optional(),
  ports: z.array(z.string().regex(/^\d{1,5}\/(tcp|http)$/)).optional(),
  env: z.record(z.string(), z.string()).optional(),
  args: z.string().optional(),
  mounts: z
    .strictObject({
      persistent: z.strictObject({ size: z.number().int().min(10), path: z.string() }).optional(),
      network: z
        .array(z.strictObject({ volumeId: z.string(), path: z.string() }))
        .max(1)
        .optional(),
    })
    .optional(),
  startSsh: z.boolean().optional(),
});

export type RunpodPod = z.output<typeof restPodSchema>;
export type RestCreatePodBody = z.output<typeof restCreatePodBodySchema>;
