// Test-only support: a scheduler with simulated local GPUs (for health events), a simulated cloud
// and the simulated runner, on a virtual clock.
import type { CloudOffer } from '../../config/cloud-offer.js';
import type { SchedulerConfigInput } from '../../config/scheduler-config.js';
import type { RandomSource } from '../../random/random-source.js';
import type { Job } from '../../spec/job-runner.js';
import { createSimulatedCloudProvider, type SimulatedCloudProvider } from '../../testing/simulated/simulated-cloud-provider.js';
import { createSimulatedLocalGpuProvider, type SimulatedLocalGpuProvider } from '../../testing/simulated/simulated-local-gpu-provider.js';
import { createSimulatedRunner, type SimulatedJobBehaviour } from '../../testing/simulated/simulated-runner.js';
import { VirtualClock } from '../../time/virtual-clock.js';
import type { FailoverCompletedEvent, FailoverStartedEvent } from '../events/scheduler-events.js';
import { createScheduler, type Scheduler } from '../scheduler.js';
import { start } from '../scheduler-test-fixtures.js';

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
  offers?: CloudOffer[];
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
