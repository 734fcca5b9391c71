import type { Priority } from '../../config/job-spec.js';
import type { Decision } from '../../engine/decision.js';
import type { GpuHealth } from '../../engine/fleet/local-gpu-state.js';
import type { JobErrorClass } from '../../failover/error-classification.js';
import type { TransferEvents } from '../../locality/transfer-events.js';
import type { FailureSeverity } from '../../spec/gpu-device.js';
import type { Placement } from '../../spec/job-runner.js';
import type { FailoverAction, FailoverOrigin, FailoverTrigger } from '../failover/failover-types.js';

/** Every event carries the time it happened (epoch ms, from the scheduler's clock). */
interface Timed {
  readonly at: number;
}

export interface GpuRegisteredEvent extends Timed {
  readonly gpuId: string;
  readonly model: string;
  readonly providerId?: string;
}
export interface GpuStatusChangedEvent extends Timed {
  readonly gpuId: string;
  readonly health: GpuHealth;
  readonly previous: GpuHealth;
  readonly reason?: string;
}
export interface JobQueuedEvent extends Timed {
  readonly jobId: string;
  readonly priority: Priority;
  readonly queueLength: number;
}
export interface PlacementDecidedEvent extends Timed {
  readonly jobId: string;
  readonly decision: Decision;
}
export interface JobStartedEvent extends Timed {
  readonly jobId: string;
  readonly attempt: number;
  readonly placement: Placement;
  readonly gpuIds: readonly string[];
}
export interface JobProgressEvent extends Timed {
  readonly jobId: string;
  readonly fraction: number;
  readonly message?: string;
}
export interface JobCheckpointedEvent extends Timed {
  readonly jobId: string;
  readonly checkpointId: string;
  readonly sequence: number;
  readonly sizeBytes: number;
}
export interface JobFailedEvent extends Timed {
  readonly jobId: string;
  readonly code: string;
  readonly message: string;
  readonly gpuIds: readonly string[];
}
export interface JobCompletedEvent extends Timed {
  readonly jobId: string;
  readonly durationSeconds: number;
  readonly costUsd: number;
  readonly gpuIds: readonly string[];
}
export interface JobCancelledEvent extends Timed {
  readonly jobId: string;
  readonly gpuIds: readonly string[];
}
export interface JobPreemptedEvent extends Timed {
  readonly jobId: string;
  readonly byJobId: string;
  readonly gpuIds: readonly string[];
}
/** A job must move: its GPU failed, its instance was interrupted, or its run failed (F3, F4). */
export interface FailoverStartedEvent extends Timed {
  readonly jobId: string;
  readonly trigger: FailoverTrigger;
  readonly action: FailoverAction;
  readonly failureClass?: FailureSeverity;
  readonly errorClass?: JobErrorClass;
  readonly from: FailoverOrigin;
  /** Seconds before the job is placed again. */
  readonly delaySeconds: number;
  readonly message: string;
  /** The attempt the job will run as. */
  readonly attempt: number;
  /** Local GPUs the failed run released. */
  readonly gpuIds: readonly string[];
  /** The checkpoint it resumes from, when it has one. */
  readonly checkpointId?: string;
}
/** A move ended: the job runs again (`resumed`, with where), or it ended before it could. */
export interface FailoverCompletedEvent extends Timed {
  readonly jobId: string;
  readonly outcome: 'resumed' | 'failed' | 'cancelled';
  readonly action: FailoverAction;
  readonly placement?: Placement;
  readonly gpuIds: readonly string[];
}

/** The scheduler's typed events (O1): name → listener. */
export interface SchedulerEvents {
  'gpu-registered': (event: GpuRegisteredEvent) => void;
  'gpu-status-changed': (event: GpuStatusChangedEvent) => void;
  'job-queued': (event: JobQueuedEvent) => void;
  'placement-decided': (event: PlacementDecidedEvent) => void;
  'job-started': (event: JobStartedEvent) => void;
  'job-progress': (event: JobProgressEvent) => void;
  'job-checkpointed': (event: JobCheckpointedEvent) => void;
  'job-failed': (event: JobFailedEvent) => void;
  'job-completed': (event: JobCompletedEvent) => void;
  'job-cancelled': (event: JobCancelledEvent) => void;
  'job-preempted': (event: JobPreemptedEvent) => void;
  'failover-started': (event: FailoverStartedEvent) => void;
  'failover-completed': (event: FailoverCompletedEvent) => void;
  'transfer-started': TransferEvents['transfer-started'];
  'transfer-progress': TransferEvents['transfer-progress'];
  'transfer-completed': TransferEvents['transfer-completed'];
}
export type SchedulerEventName = keyof SchedulerEvents;
