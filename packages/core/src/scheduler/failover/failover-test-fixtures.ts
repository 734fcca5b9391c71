// Test-only support: a scheduler with simulated local GPUs (for health events), a simulated cloud
// and the simulated runner, on a virtual clock.
import { afterEach } from 'vitest';
import type { CloudOffer } from '../../config/cloud-offer.js';
import type { JobSpecInput } from '../../config/job-spec.js';
import type { SchedulerConfigInput } from '../../config/scheduler-config.js';
import type { RandomSource } from '../../random/random-source.js';
import type { Job } from '../../spec/job-runner.js';
import { createSimulatedCloudProvider, type SimulatedCloudProvider } from '../../testing/simulated/simulated-cloud-provider.js';
import { createSimulatedLocalGpuProvider, type SimulatedLocalGpuProvider } from '../../testing/simulated/simulated-local-gpu-provider.js';
import { createSimulatedRunner, type SimulatedJobBehaviour } from '../../testing/simulated/simulated-runner.js';
import { VirtualClock } from '../../time/virtual-clock.js';
import type { FailoverCompletedEvent, FailoverStartedEvent } from '../events/scheduler-events.js';
import { createScheduler, type Scheduler } from '../scheduler.js';
import { offer, start } from '../scheduler-test-fixtures.js';

export interface FailoverHarness {
  readonly clock: VirtualClock;
  readonly scheduler: Scheduler;
  readonly local: SimulatedLocalGpuProvider;
  readonly cloud: SimulatedCloudProvider;
  /** Scheduler GPU ids, in device order. */
  readonly gpuIds: readonly string[];
  /** The provider's device id of a scheduler GPU id. */
  device(gpuId: string): string;
  readonly started: FailoverStartedEvent[];
  readonly completed: FailoverCompletedEvent[];
}

export async function failoverHarness(options: {
  gpus?: number;
  offers?: readonly CloudOffer[];
  config?: SchedulerConfigInput;
  behaviour?: (job: Job) => SimulatedJobBehaviour;
  launchFailureRate?: number;
  random?: RandomSource;
}): Promise<FailoverHarness> {
  const clock = new VirtualClock(start);
  const local = createSimulatedLocalGpuProvider({
    host: 'node-a',
    gpus: Array.from({ length: options.gpus ?? 2 }, () => ({ model: 'RTX 4090', vramGb: 24, cudaVersion: '12.4' })),
    clock,
  });
  const cloud = createSimulatedCloudProvider({
    id: 'sim',
    offers: options.offers ?? [],
    clock,
    provisioningSeconds: 60,
    ...(options.launchFailureRate !== undefined && { launchFailureRate: options.launchFailureRate }),
    ...(options.random !== undefined && { random: options.random }),
  });
  const scheduler = createScheduler({
    runner: createSimulatedRunner({ clock, ...(options.behaviour && { behaviour: options.behaviour }) }),
    localProviders: [{ provider: local, location: 'berlin' }],
    cloudProviders: [cloud],
    cloudImage: 'ghcr.io/aima/worker:test',
    clock,
    ...(options.config && { config: options.config }),
  });
  const started: FailoverStartedEvent[] = [];
  const completed: FailoverCompletedEvent[] = [];
  scheduler.on('failover-started', (event) => started.push(event));
  scheduler.on('failover-completed', (event) => completed.push(event));
  await scheduler.start();
  const gpuIds = scheduler.snapshot().gpus.map((entry) => entry.id);
  return {
    clock,
    scheduler,
    local,
    cloud,
    gpuIds,
    device: (gpuId) => `sim-node-a-${gpuIds.indexOf(gpuId)}`,
    started,
    completed,
  };
}

/**
 * Returns `use(options)`, which makes a harness and closes it after the test. Call once at the top
 * of a test file.
 */
export function useFailoverHarnesses(): (options: Parameters<typeof failoverHarness>[0]) => Promise<FailoverHarness> {
  const open: FailoverHarness[] = [];
  afterEach(async () => {
    for (const harness of open.splice(0)) await harness.scheduler.close();
  });
  return async (options) => {
    const harness = await failoverHarness(options);
    open.push(harness);
    return harness;
  };
}

/** A 600 s job that checkpoints half way (at 300 s). */
export const failoverJob = (extra: Partial<JobSpecInput> = {}): JobSpecInput => ({
  type: 'video',
  confidentiality: 'internal',
  checkpointable: true,
  estimatedDurationSeconds: 600,
  ...extra,
});

/** An offer too dear to win over a local GPU, but there for cloud failover. */
export const expensiveOffers: readonly CloudOffer[] = [offer('far', 9, 24)];

/** The local GPU a job runs on. */
export function localGpuOf(harness: FailoverHarness, jobId: string): string {
  const placement = harness.scheduler.get(jobId)?.placement;
  if (placement?.kind !== 'local') throw new Error(`job ${jobId} is not on a local GPU`);
  return placement.gpuIds[0] ?? '';
}

/** The XIDs the tests inject, with the class the NVML adapter gives them (nvml.md §3). */
const xids = {
  13: { severity: 'temporary', message: 'XID 13: graphics engine exception' },
  48: { severity: 'critical', message: 'XID 48: double-bit ECC error' },
  63: { severity: 'persistent', message: 'XID 63: memory remapping event' },
  79: { severity: 'critical', message: 'XID 79: GPU has fallen off the bus' },
} as const;

/** The provider reports an XID on a device (e.g. `sim-node-a-0`). */
export function reportXid(harness: FailoverHarness, device: string, code: keyof typeof xids): void {
  harness.local.emitHealth({ gpuId: device, source: 'xid', code, ...xids[code] });
}
