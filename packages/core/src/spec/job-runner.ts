import type { CloudOffer } from '../config/cloud-offer.js';
import type { JobSpec } from '../config/job-spec.js';
import type { OutputPlacement } from '../locality/output-placement.js';
import type { CloudInstance } from './cloud-instance.js';

/** A job as the scheduler holds it. */
export interface Job {
  readonly id: string;
  readonly spec: JobSpec;
  /** 1 for the first run; grows with every retry or failover. */
  readonly attempt: number;
  /** Epoch ms. */
  readonly submittedAt: number;
}

/** Where a job runs. */
export type Placement =
  | { readonly kind: 'local'; readonly gpuIds: readonly string[]; readonly hostAddress: string }
  | { readonly kind: 'cloud'; readonly providerId: string; readonly offer: CloudOffer; readonly instance?: CloudInstance };

/** A saved job state to resume from. */
export interface Checkpoint {
  readonly id: string;
  readonly jobId: string;
  /** Increases with each checkpoint of the job. */
  readonly sequence: number;
  readonly createdAt: number;
  readonly sizeBytes: number;
  readonly data: Uint8Array;
}

/** Structured logging; secrets must never be passed in `fields`. */
export interface Logger {
  debug(message: string, fields?: Readonly<Record<string, unknown>>): void;
  info(message: string, fields?: Readonly<Record<string, unknown>>): void;
  warn(message: string, fields?: Readonly<Record<string, unknown>>): void;
  error(message: string, fields?: Readonly<Record<string, unknown>>): void;
}

/** A job input as a cloud run should read it (S3). */
export interface StagedInput {
  /** The key or URL given in `media.inputs`. */
  readonly key: string;
  /** `in-place`: at the target already; `ahead`: copied to the staging store as `stagedKey`; `on-demand`: fetch it yourself. */
  readonly mode: 'in-place' | 'ahead' | 'on-demand';
  readonly stagedKey?: string;
  /** Gzipped on the way (S4): gunzip after reading. */
  readonly compressed?: boolean;
  /** A presigned GET URL for the object; it grants access, so never log it. */
  readonly url?: string;
}

/** What a runner gets besides the job and placement. */
export interface JobContext {
  /** Aborted on cancel, timeout, preemption or failover; the runner must stop promptly. */
  readonly signal: AbortSignal;
  /** Set when the job resumes after moving: the newest complete checkpoint. */
  readonly resumeFrom?: Checkpoint;
  /** For a cloud run of a job with `media.inputs`: where each input is and how to fetch it. */
  readonly inputs?: readonly StagedInput[];
  /** For a job with `nextSteps`: where to write its outputs (S3). */
  readonly outputs?: OutputPlacement;
  /** Reports progress 0..1. */
  progress(fraction: number, message?: string): void;
  /** Saves state to resume from. */
  checkpoint(state: Uint8Array): Promise<Checkpoint>;
  readonly log: Logger;
}

/** What a finished job returns. */
export interface JobResult {
  readonly output?: unknown;
  /** Measured figures, e.g. `{ frames: 5400 }`. */
  readonly metrics?: Readonly<Record<string, number>>;
}

/**
 * Executes a placed job: the host's own code, or a provider's (RunPod serverless).
 * Contract: resolves with the result, rejects with an Error on failure, and when the signal
 * aborts, rejects promptly with the signal's reason.
 */
export interface JobRunner {
  run(job: Job, placement: Placement, context: JobContext): Promise<JobResult>;
}

/** A logger that drops everything. */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
