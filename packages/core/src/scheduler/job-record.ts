import type { JobSpec } from '../config/job-spec.js';
import type { Decision } from '../engine/decision.js';
import type { DecisionMemo } from '../engine/decision-memo.js';
import type { CloudInstance } from '../spec/cloud-instance.js';
import type { Checkpoint, JobResult, Placement } from '../spec/job-runner.js';
import type { Timer } from '../time/clock.js';
import type { FailoverRecord, FailoverRoute } from './failover/failover-types.js';
import type { QueueEntry, QueueTicket } from './queue/job-priority-queue.js';

/** Where a job is in its life. */
export type JobState = 'queued' | 'starting' | 'running' | 'completed' | 'failed' | 'cancelled';

/** What `scheduler.get` and `scheduler.list` return: a read-only view of a job. */
export interface JobView {
  readonly id: string;
  readonly spec: JobSpec;
  readonly state: JobState;
  readonly attempt: number;
  readonly submittedAt: number;
  readonly queuedAt?: number;
  readonly startedAt?: number;
  readonly finishedAt?: number;
  readonly progress: number;
  readonly placement?: Placement;
  readonly lastDecision?: Decision;
  readonly costUsd: number;
  readonly error?: { readonly code: string; readonly message: string };
  readonly estimatedDurationSeconds: number;
  /** Every move after a GPU failure, cloud interruption or job error, oldest first (F5). */
  readonly failoverHistory: readonly FailoverRecord[];
}

/** A job in the scheduler's queue: the queue hands back its record with it, so a pick looks nothing up. */
export interface QueuedJob extends QueueEntry {
  readonly record: JobRecord;
}

/** The scheduler's own mutable record of a job. */
export interface JobRecord {
  readonly id: string;
  readonly spec: JobSpec;
  /** What the engine's decision cache remembers of this job's spec between its decisions. */
  readonly decisionMemo: DecisionMemo;
  readonly submittedAt: number;
  readonly estimatedDurationSeconds: number;
  /** VRAM per GPU the job needs (its own minimum or its media type's default), resolved at submission. */
  readonly vramGb: number;
  state: JobState;
  attempt: number;
  queuedAt?: number;
  /** The job's place in the queue while it waits there (stale once it is picked: removing by it then does nothing). */
  queueTicket?: QueueTicket<QueuedJob> | undefined;
  startedAt?: number;
  finishedAt?: number;
  progress: number;
  placement?: Placement;
  lastDecision?: Decision;
  costUsd: number;
  error?: { code: string; message: string };
  allocationId?: string;
  instance?: CloudInstance;
  controller?: AbortController;
  lastCheckpoint?: Checkpoint;
  /** Set once a fresh offer search was made for this job's need. */
  offersSearched?: boolean;
  /** Set while the job is being stopped to make room for this job. */
  preemptedBy?: string;
  /** Set while the job must be placed within a failover route. */
  route?: FailoverRoute;
  /** The move in progress, completed when the job starts again or ends. */
  pendingFailover?: FailoverRecord;
  failoverHistory?: FailoverRecord[];
  /** Moves after GPU failures or interruptions so far. */
  failovers?: number;
  /** Retries after transient or unknown errors so far. */
  errorRetries?: number;
  /** Whether another resource was tried after a persistent or system error. */
  alternativeTried?: boolean;
  /** Error-statistics keys of the errors this job met. */
  errorKeys?: string[];
  /** The error to fail with when failover gives up. */
  failoverError?: Error;
  /** Queues the job again after a failover delay. */
  retryTimer?: Timer;
  /** How the job ended, once it has. */
  outcome?: { readonly result: JobResult } | { readonly error: Error };
  /** The result promise, made when the host first asks for it. */
  result?: Promise<JobResult>;
  /** Settles `result` when it was made before the job ended. */
  waiters?: { resolve(result: JobResult): void; reject(error: Error): void };
}

export function viewOf(record: JobRecord): JobView {
  const {
    id,
    spec,
    state,
    attempt,
    submittedAt,
    queuedAt,
    startedAt,
    finishedAt,
    progress,
    placement,
    lastDecision,
    costUsd,
    error,
    estimatedDurationSeconds,
    failoverHistory,
  } = record;
  return {
    id,
    spec,
    state,
    attempt,
    submittedAt,
    ...(queuedAt !== undefined && { queuedAt }),
    ...(startedAt !== undefined && { startedAt }),
    ...(finishedAt !== undefined && { finishedAt }),
    progress,
    ...(placement && { placement }),
    ...(lastDecision && { lastDecision }),
    costUsd,
    ...(error && { error }),
    estimatedDurationSeconds,
    failoverHistory: failoverHistory === undefined ? [] : failoverHistory.map((entry) => ({ ...entry })),
  };
}

export function isFinished(state: JobState): boolean {
  return state === 'completed' || state === 'failed' || state === 'cancelled';
}
