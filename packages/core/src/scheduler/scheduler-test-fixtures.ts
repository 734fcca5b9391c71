// Test-only support for scheduler tests: a scheduler on a virtual clock with simulated providers.
import type { CloudOffer } from '../config/cloud-offer.js';
import type { GpuRegistrationInput } from '../config/gpu-registration.js';
import { parseCloudOffer } from '../config/parse-entities.js';
import type { SchedulerConfigInput } from '../config/scheduler-config.js';
import type { Job } from '../spec/job-runner.js';
import { createSimulatedCloudProvider, type SimulatedCloudProvider } from '../testing/simulated/simulated-cloud-provider.js';
import { createSimulatedRunner, type SimulatedJobBehaviour } from '../testing/simulated/simulated-runner.js';
import { VirtualClock } from '../time/virtual-clock.js';
import type { SchedulerEventName } from './events/scheduler-events.js';
import { createScheduler, type Scheduler } from './scheduler.js';

export const start = Date.parse('2026-11-23T08:00:00Z');

export const gpu = (id: string, model = 'RTX 4090', vramGb = 24, extra: Partial<GpuRegistrationInput> = {}): GpuRegistrationInput => ({
  id,
  model,
  vramGb,
  cudaVersion: '12.4',
  hostAddress: `host-${id}`,
  location: 'berlin',
  ...extra,
});

export const offer = (offerId: string, pricePerHourUsd: number, vramGb = 24): CloudOffer =>
  parseCloudOffer({
    provider: 'sim',
    offerId,
    gpuModel: vramGb >= 80 ? 'A100 80GB' : 'RTX 4090',
    gpuCount: 1,
    vramGb,
    pricePerHourUsd,
    region: 'eu-central',
    reliability: 0.99,
    uploadMbps: 1000,
    downloadMbps: 1000,
    interruptible: false,
  });

export interface Harness {
  readonly clock: VirtualClock;
  readonly scheduler: Scheduler;
  readonly cloud: SimulatedCloudProvider;
  readonly events: Array<{ name: SchedulerEventName; jobId?: string; gpuId?: string }>;
}

export function harness(options: {
  gpus?: GpuRegistrationInput[];
  offers?: CloudOffer[];
  config?: SchedulerConfigInput;
  behaviour?: (job: Job) => SimulatedJobBehaviour;
  policy?: string;
  provisioningSeconds?: number;
}): Harness {
  const clock = new VirtualClock(start);
  const cloud = createSimulatedCloudProvider({
    id: 'sim',
    offers: options.offers ?? [],
    clock,
    provisioningSeconds: options.provisioningSeconds ?? 60,
  });
  const scheduler = createScheduler({
    runner: createSimulatedRunner({ clock, ...(options.behaviour && { behaviour: options.behaviour }) }),
    gpus: options.gpus ?? [],
    cloudProviders: [cloud],
    cloudImage: 'ghcr.io/aima/worker:test',
    clock,
    ...(options.config && { config: options.config }),
    ...(options.policy && { policy: options.policy }),
  });
  const events: Harness['events'] = [];
  const names: SchedulerEventName[] = [
    'gpu-registered',
    'job-queued',
    'placement-decided',
    'job-started',
    'job-checkpointed',
    'job-failed',
    'job-completed',
    'job-cancelled',
    'job-preempted',
  ];
  for (const name of names) {
    scheduler.on(name, (event: { jobId?: string; gpuId?: string }) => {
      events.push({
        name,
        ...(event.jobId !== undefined && { jobId: event.jobId }),
        ...(event.gpuId !== undefined && { gpuId: event.gpuId }),
      });
    });
  }
  return { clock, scheduler, cloud, events };
}
