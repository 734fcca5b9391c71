import type { CloudOffer } from '../config/cloud-offer.js';
import type { GpuRegistrationInput } from '../config/gpu-registration.js';
import type { JobSpecInput, Priority } from '../config/job-spec.js';
import type { SchedulerConfigInput } from '../config/scheduler-config.js';
import type { Policy } from '../policies/policy.js';
import type { CostTotals } from '../scheduler/cost-tracker.js';

/** One job of a simulated workload. */
export interface SimulationJob {
  /** Epoch ms at which it is submitted. */
  readonly submitAt: number;
  readonly spec: JobSpecInput;
  /** How long it really runs, seconds. @default the spec's estimatedDurationSeconds, else 60 */
  readonly runSeconds?: number;
}

/** What to simulate. */
export interface SimulationInput {
  readonly jobs: readonly SimulationJob[];
  /** The local fleet. */
  readonly fleet: readonly GpuRegistrationInput[];
  /** Cloud offers; one simulated provider per distinct `provider`. */
  readonly offers: readonly CloudOffer[];
  /** @default 'aima' */
  readonly policy?: string | Policy;
  readonly config?: SchedulerConfigInput;
  /** Seconds from launch to running. @default 120 */
  readonly provisioningSeconds?: number;
  /** Share of cloud launches that fail for lack of capacity. @default 0 */
  readonly launchFailureRate?: number;
  /** Seeds every random draw. @default 1 */
  readonly seed?: number;
  /** Called now and then with jobs finished so far. */
  readonly onProgress?: (finished: number, total: number) => void;
}

/** Queueing delay statistics, seconds. */
export interface WaitStatistics {
  readonly count: number;
  readonly mean: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
}

/** What a simulation measured (evaluation.md §5's mandatory outputs). */
export interface SimulationReport {
  readonly policy: string;
  readonly jobs: {
    readonly total: number;
    readonly completed: number;
    readonly failed: number;
    readonly rejected: number;
    readonly cancelled: number;
  };
  readonly costs: CostTotals;
  /** Submit to start, over jobs that started. */
  readonly wait: WaitStatistics;
  readonly waitByPriority: Readonly<Record<Priority, WaitStatistics>>;
  /** Jobs with a deadline that finished after it or never finished. */
  readonly deadlineMisses: number;
  readonly jobsWithDeadline: number;
  /** Busy local GPU-seconds over available GPU-seconds in the simulated span. */
  readonly localUtilization: number;
  /** Cloud share of GPU-hours used. */
  readonly cloudShare: number;
  /** Confidential jobs that ran on a cloud GPU: must be 0. */
  readonly confidentialityViolations: number;
  readonly preemptions: number;
  readonly launchFailures: number;
  /** Simulated span, seconds, from the first submission to the last job's end. */
  readonly simulatedSeconds: number;
  /** How long the simulation took to run, milliseconds of real time. */
  readonly wallMilliseconds: number;
}
