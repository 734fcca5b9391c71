import { z } from 'zod';
import type { Confidentiality } from '../config/job-spec.js';
import { parseConfig } from '../config/parse-input.js';
import { ResidencyError } from '../errors/residency-error.js';
import type { CompressionOption } from '../locality/compression.js';
import { type Checkpoint, type Logger, silentLogger } from '../spec/job-runner.js';
import type { ObjectStore } from '../spec/object-store.js';
import { objectKeyProblem } from '../storage/object-key.js';
import type { Clock } from '../time/clock.js';
import { jobPrefixOf, listCheckpoints, listEverything } from './checkpoint-layout.js';
import { type PruneReport, pruneCheckpoints, removeInOrder } from './checkpoint-pruning.js';
import { readVerifiedCheckpoint } from './checkpoint-verification.js';
import { writeCheckpoint } from './checkpoint-writing.js';
import { createKeyedQueue } from './keyed-queue.js';

/** Options of {@link createCheckpointStore}. */
export interface CheckpointStoreOptions {
  /** Where checkpoints live; a confidential job's checkpoints need an `on-premises` store. */
  readonly store: ObjectStore;
  /** Key prefix of every checkpoint. @default 'checkpoints' */
  readonly prefix?: string;
  /** Complete checkpoints kept per job (`storage.checkpointRetain`). @default 3 */
  readonly retain?: number;
  /** Stamps `createdAt`. */
  readonly clock: Clock;
  /** Gzip the data when it saves `storage.compressMinSavingRatio` or more. @default false */
  readonly compress?: CompressionOption;
  /** Receives a warning for every incomplete or corrupt checkpoint skipped. @default silentLogger */
  readonly log?: Logger;
}

/** The job facts a checkpoint needs: its id and data classification. */
export interface CheckpointOwner {
  readonly id: string;
  readonly confidentiality: Confidentiality;
}

/**
 * Checkpoints of running jobs over any ObjectStore (S2, F3). A checkpoint is two objects: its data,
 * then a manifest (size, SHA-256, compression) that commits it. A checkpoint without a manifest,
 * or whose data does not match it, is incomplete and never returned.
 */
export interface CheckpointStore {
  /**
   * Stores `data` as the job's next checkpoint (sequence = highest stored + 1) and prunes older
   * ones. `data` must not change until the promise settles.
   * @throws ResidencyError for a confidential job on an off-premises store, before any write.
   */
  save(job: CheckpointOwner, data: Uint8Array, signal?: AbortSignal): Promise<Checkpoint>;
  /** The newest complete checkpoint with verified checksum; corrupt ones are skipped and logged. */
  latest(jobId: string, signal?: AbortSignal): Promise<Checkpoint | undefined>;
  /**
   * Keeps the `retain` newest complete checkpoints and deletes older ones, including leftovers of
   * interrupted writes older than the newest complete one. "Complete" here is structural (manifest
   * and data size agree); `latest` additionally verifies the checksum.
   */
  prune(jobId: string, signal?: AbortSignal): Promise<PruneReport>;
  /** Removes every checkpoint of the job, complete or not (at the job's end). */
  deleteAll(jobId: string, signal?: AbortSignal): Promise<void>;
}

const settingsSchema = z.object({
  prefix: z
    .string()
    .default('checkpoints')
    .transform((prefix) => prefix.replace(/\/+$/, ''))
    .refine((prefix) => prefix !== '' && objectKeyProblem(prefix) === undefined, 'must be a valid object key prefix'),
  retain: z.number().int().min(1).default(3),
  compress: z.union([z.boolean(), z.strictObject({ minSavingRatio: z.number().min(0).lt(1) })]).default(false),
});

/**
 * Creates a {@link CheckpointStore}.
 * @throws ConfigError for a bad prefix, retain or compression setting.
 */
export function createCheckpointStore(options: CheckpointStoreOptions): CheckpointStore {
  const { store, clock, log = silentLogger } = options;
  const settings = parseConfig(
    settingsSchema,
    { prefix: options.prefix, retain: options.retain, compress: options.compress },
    'checkpoint store options',
  );
  const serially = createKeyedQueue();
  const prune = (jobId: string, signal?: AbortSignal) =>
    pruneCheckpoints({ store, log, retain: settings.retain }, jobId, jobPrefixOf(settings.prefix, jobId), signal);
  return {
    async save(job, data, signal) {
      if (job.confidentiality === 'confidential' && store.residency === 'off-premises') throw new ResidencyError(job.id, 'checkpoint');
      const jobPrefix = jobPrefixOf(settings.prefix, job.id);
      return serially(job.id, async () => {
        const createdAt = clock.now();
        const checkpoint = await writeCheckpoint({ store, jobId: job.id, jobPrefix, data, createdAt, compress: settings.compress }, signal);
        await prune(job.id, signal).catch((error: unknown) =>
          log.warn('pruning old checkpoints failed; they are removed at the next save', { jobId: job.id, error: String(error) }),
        );
        return checkpoint;
      });
    },
    async latest(jobId, signal) {
      for (const entry of await listCheckpoints(store, jobPrefixOf(settings.prefix, jobId), signal)) {
        const checkpoint = await readVerifiedCheckpoint(store, entry, jobId, signal);
        if (typeof checkpoint !== 'string') return checkpoint;
        log.warn('skipping an incomplete checkpoint', { jobId, sequence: entry.sequence, problem: checkpoint });
      }
      return undefined;
    },
    prune: (jobId, signal) => serially(jobId, () => prune(jobId, signal)),
    deleteAll(jobId, signal) {
      const jobPrefix = jobPrefixOf(settings.prefix, jobId);
      return serially(jobId, async () => {
        const keys = (await listEverything(store, jobPrefix, signal)).map((item) => item.key);
        await removeInOrder(store, keys, signal);
      });
    },
  };
}
