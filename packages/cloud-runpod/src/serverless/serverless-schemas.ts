import { z } from 'zod';

/**
 * Zod schemas of the serverless job API answers (reference B9), loose so added fields never
 * break parsing. `status` stays a string: the docs also list `RUNNING`, and RunPod may add more.
 */

/** `/run`, `/cancel` and `/retry`: `{ id, status }`. */
export const jobHandleSchema = z.looseObject({ id: z.string().min(1), status: z.string().min(1) });

/** `/status/{id}` (and `/runsync`): `output` on success, `error` (often a JSON string) on failure. */
export const jobStatusSchema = z.looseObject({
  id: z.string().min(1),
  status: z.string().min(1),
  output: z.unknown().optional(),
  error: z.unknown().optional(),
  delayTime: z.number().nullish(),
  executionTime: z.number().nullish(),
});

/** One chunk of `/stream/{id}`; the docs example adds `metrics`. */
export const streamChunkSchema = z.looseObject({ output: z.unknown(), metrics: z.record(z.string(), z.unknown()).optional() });

/** `/stream/{id}`: the chunks produced since the last call. */
export const streamPageSchema = z.looseObject({ status: z.string().min(1), stream: z.array(streamChunkSchema).nullish() });

/** `/health`; the docs example has only `idle` and `running` under `workers`. */
export const healthSchema = z.looseObject({
  jobs: z.looseObject({
    completed: z.number().optional(),
    failed: z.number().optional(),
    inProgress: z.number().optional(),
    inQueue: z.number().optional(),
    retried: z.number().optional(),
  }),
  workers: z.looseObject({
    idle: z.number().optional(),
    initializing: z.number().optional(),
    ready: z.number().optional(),
    running: z.number().optional(),
    throttled: z.number().optional(),
  }),
});

/** `/purge-queue` (not used by the runner; parsed in the fixture replay). */
export const purgeQueueSchema = z.looseObject({ removed: z.number().int(), status: z.string() });

export type ServerlessJobHandle = z.output<typeof jobHandleSchema>;
export type ServerlessJobStatus = z.output<typeof jobStatusSchema>;
export type ServerlessStreamPage = z.output<typeof streamPageSchema>;
export type ServerlessHealth = z.output<typeof healthSchema>;
