import { type CheckpointStore, createCheckpointStore } from '../checkpoint/checkpoint-store.js';
import type { SchedulerConfig } from '../config/scheduler-config.js';
import { createTemporaryArea, type TemporaryArea } from '../locality/temporary-area.js';
import { executeTransferPlan } from '../locality/transfer-execution.js';
import { planTransfers } from '../locality/transfer-plan.js';
import type { Checkpoint, Logger, StagedInput } from '../spec/job-runner.js';
import type { ObjectStore } from '../spec/object-store.js';
import type { Clock } from '../time/clock.js';
import type { JobRecord } from './job-record.js';
import type { SchedulerCore } from './scheduler-core.js';

/** Stores the scheduler uses (S1–S4); each is optional. */
export interface SchedulerStorage {
  /**
   * Where checkpoints are saved (S2): a job that moves resumes from the newest complete one. A
   * confidential job's checkpoints stay in the scheduler's memory when this store is off premises.
   * When absent, checkpoints live in memory only.
   */
  readonly checkpoints?: ObjectStore;
  /** Where the object keys in jobs' `media.inputs` live: the host's own store. */
  readonly media?: ObjectStore;
  /**
   * A store cloud GPUs can read (e.g. S3). Inputs larger than `storage.transferAheadThresholdBytes`
   * are copied here before a cloud instance is launched, and deleted when the run ends (S3, S4).
   */
  readonly staging?: ObjectStore;
}

/** How long presigned input URLs stay valid, seconds. */
const presignSeconds = 6 * 3_600;

/** The scheduler's side of checkpoints and input staging. */
export class JobStorage {
  private readonly checkpointStore: CheckpointStore | undefined;

  constructor(
    private readonly stores: SchedulerStorage,
    config: SchedulerConfig,
    clock: Clock,
    private readonly logger: Logger,
  ) {
    this.checkpointStore =
      stores.checkpoints === undefined
        ? undefined
        : createCheckpointStore({
            store: stores.checkpoints,
            clock,
            retain: config.storage.checkpointRetain,
            compress: { minSavingRatio: config.storage.compressMinSavingRatio },
            log: logger,
          });
  }

  /** Whether the job's checkpoints go to the store (never off premises for a confidential job). */
  private storesCheckpointsOf(record: JobRecord): boolean {
    const store = this.stores.checkpoints;
    return store !== undefined && (record.spec.confidentiality !== 'confidential' || store.residency === 'on-premises');
  }

  /** Saves a checkpoint: in the store when there is one the job may use, else in memory. */
  async saveCheckpoint(record: JobRecord, data: Uint8Array, at: number, signal: AbortSignal): Promise<Checkpoint> {
    if (this.checkpointStore !== undefined && this.storesCheckpointsOf(record)) {
      return this.checkpointStore.save({ id: record.id, confidentiality: record.spec.confidentiality }, data, signal);
    }
    const sequence = (record.lastCheckpoint?.sequence ?? 0) + 1;
    return { id: `${record.id}-cp${sequence}`, jobId: record.id, sequence, createdAt: at, sizeBytes: data.byteLength, data };
  }

  /** The checkpoint to resume from: the store's newest complete one, else the last one in memory. */
  async resumePoint(record: JobRecord, signal: AbortSignal): Promise<Checkpoint | undefined> {
    if (this.checkpointStore === undefined || !this.storesCheckpointsOf(record) || record.lastCheckpoint === undefined) {
      return record.lastCheckpoint;
    }
    const stored = await this.checkpointStore.latest(record.id, signal).catch((error: unknown) => {
      this.logger.warn('reading the checkpoint store failed; resuming from memory', { jobId: record.id, error: String(error) });
      return undefined;
    });
    return stored ?? record.lastCheckpoint;
  }

  /** Deletes a finished job's checkpoints (S4). */
  async forget(record: JobRecord): Promise<void> {
    if (this.checkpointStore === undefined || record.lastCheckpoint === undefined || !this.storesCheckpointsOf(record)) return;
    await this.checkpointStore.deleteAll(record.id).catch((error: unknown) => {
      this.logger.warn('deleting checkpoints failed', { jobId: record.id, error: String(error) });
    });
  }

  /**
   * Gets a cloud run's inputs ready (S3): large ones copied to the staging store ahead of the
   * launch, with transfer events; every input the job fetches itself gets a presigned URL where
   * its store can make one. Returns the inputs for the runner and the area to clean up afterwards.
   */
  async stageForCloud(
    core: SchedulerCore,
    record: JobRecord,
    region: string,
    signal: AbortSignal,
  ): Promise<{ readonly inputs: StagedInput[]; readonly area?: TemporaryArea }> {
    const inputs = record.spec.media.inputs ?? [];
    const { media, staging } = this.stores;
    if (inputs.length === 0 || media === undefined) return { inputs: [] };
    const config = core.config;
    const plan = planTransfers(
      inputs,
      { kind: 'cloud', location: region },
      {
        thresholdBytes: config.storage.transferAheadThresholdBytes,
        uploadBandwidthMbps: config.scheduler.uploadBandwidthMbps,
      },
    );
    const ahead = plan.items.some((item) => item.mode === 'ahead');
    const area =
      staging && ahead
        ? createTemporaryArea(staging, {
            prefix: 'staging',
            jobId: `${record.id}#${record.attempt}`,
            confidentiality: record.spec.confidentiality,
          })
        : undefined;
    const moved = new Map<string, { key: string; compressed: boolean }>();
    if (area !== undefined && staging !== undefined) {
      const result = await executeTransferPlan(plan, {
        job: { id: record.id, confidentiality: record.spec.confidentiality },
        from: media,
        to: staging,
        clock: core.clock,
        signal,
        destinationPrefix: area.prefix,
        compress: { minSavingRatio: config.storage.compressMinSavingRatio },
        onStarted: (event) => core.events.emit('transfer-started', event),
        onProgress: (event) => core.events.emit('transfer-progress', event),
        onCompleted: (event) => core.events.emit('transfer-completed', event),
      });
      for (const item of result.transferred) {
        area.track(item.destinationKey);
        moved.set(item.sourceKey, { key: item.destinationKey, compressed: item.compressed });
      }
    }
    const staged: StagedInput[] = [];
    for (const item of plan.items) {
      const copy = moved.get(item.input.key);
      const store = copy === undefined ? media : (staging ?? media);
      const key = copy?.key ?? item.input.key;
      const url =
        store.presign === undefined || /^[a-z][a-z\d+.-]*:\/\//i.test(key) ? undefined : await store.presign(key, 'get', presignSeconds);
      staged.push({
        key: item.input.key,
        mode: copy === undefined ? (item.mode === 'ahead' ? 'on-demand' : item.mode) : 'ahead',
        ...(copy !== undefined && { stagedKey: copy.key, compressed: copy.compressed }),
        ...(url !== undefined && { url }),
      });
    }
    return { inputs: staged, ...(area !== undefined && { area }) };
  }
}
