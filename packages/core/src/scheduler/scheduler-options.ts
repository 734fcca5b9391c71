import type { AvailabilitySchedule } from '../config/availability-schedule.js';
import type { AccessRestrictions, GpuRegistrationInput } from '../config/gpu-registration.js';
import type { SchedulerConfigInput } from '../config/scheduler-config.js';
import type { EnginePlugin } from '../engine/extension-points/engine-plugin.js';
import type { PluginRegistry } from '../engine/registry.js';
import type { Policy } from '../policies/policy.js';
import type { RandomSource } from '../random/random-source.js';
import type { CloudGpuProvider } from '../spec/cloud-gpu-provider.js';
import type { JobRunner, Logger } from '../spec/job-runner.js';
import type { LocalGpuProvider } from '../spec/local-gpu-provider.js';
import type { Clock } from '../time/clock.js';
import type { SchedulerStorage } from './job-storage.js';

/**
 * A local GPU provider with the facts discovery cannot know: where the GPUs stand, who may use
 * them, and what they cost (power and purchase price default to the built-in table by model).
 */
export interface LocalProviderBinding {
  readonly provider: LocalGpuProvider;
  /** Site or region name, matched against jobs' allowed regions. */
  readonly location: string;
  readonly tags?: readonly string[];
  readonly accessRestrictions?: Partial<AccessRestrictions>;
  readonly availabilitySchedule?: AvailabilitySchedule;
  readonly powerWatts?: number;
  readonly purchasePriceUsd?: number;
  readonly depreciationYears?: number;
}

/** Options of {@link createScheduler}. */
export interface SchedulerOptions {
  /** Executes placed jobs: the host's code, or e.g. a RunPod serverless runner. */
  readonly runner: JobRunner;
  /** @default {} (every seed default) */
  readonly config?: SchedulerConfigInput;
  /** @default 'aima' */
  readonly policy?: string | Policy;
  readonly plugins?: readonly (string | EnginePlugin)[];
  readonly pluginRegistry?: PluginRegistry;
  /** GPUs registered by hand (P1). */
  readonly gpus?: readonly GpuRegistrationInput[];
  /** Sources of local GPUs, discovered at `start()` (P2). */
  readonly localProviders?: readonly LocalProviderBinding[];
  /** GPU clouds to rent from (P4). */
  readonly cloudProviders?: readonly CloudGpuProvider[];
  /** Container image cloud instances run; required when `cloudProviders` is not empty. */
  readonly cloudImage?: string;
  /** @default systemClock */
  readonly clock?: Clock;
  /** Draws GPU ids. @default a source seeded from the clock */
  readonly random?: RandomSource;
  /** @default silentLogger */
  readonly logger?: Logger;
  /** Checkpoint, media and staging stores (S1–S4). @default checkpoints in memory, no staging */
  readonly storage?: SchedulerStorage;
}
