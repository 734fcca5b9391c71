import type { Priority } from '../config/job-spec.js';
import { JobRejectedError } from '../errors/job-rejected-error.js';
import { createSeededRandom } from '../random/random-source.js';
import { createScheduler } from '../scheduler/scheduler.js';
import { createSimulatedCloudProvider, type SimulatedCloudProvider } from '../testing/simulated/simulated-cloud-provider.js';
import { createSimulatedRunner } from '../testing/simulated/simulated-runner.js';
import { VirtualClock } from '../time/virtual-clock.js';
import { waitStatistics } from './simulation-statistics.js';
import type { SimulationInput, SimulationReport } from './simulation-types.js';

interface Tally {
  submitted: number;
  started?: number;
  finished?: number;
  priority: Priority;
  deadline?: number;
  confidential: boolean;
  cloud: boolean;
  gpuSeconds: number;
  rejected: boolean;
  state?: 'completed' | 'failed' | 'cancelled';
}

const priorities: readonly Priority[] = ['critical', 'high', 'normal', 'low', 'batch'];

/**
 * Replays a workload through the real scheduler on a virtual clock, with simulated local GPUs,
 * simulated clouds and a runner that takes each job's real run time: weeks of jobs in seconds,
 * deterministic for a given input and seed.
 */
export async function simulate(input: SimulationInput): Promise<SimulationReport> {
  const wallStart = performance.now();
  const jobs = [...input.jobs].sort((a, b) => a.submitAt - b.submitAt);
  const start = jobs[0]?.submitAt ?? 0;
  const clock = new VirtualClock(start);
  const random = createSeededRandom(input.seed ?? 1);
  const clouds = cloudsFor(input, clock, random);
  const runSeconds = new Map<string, number>();
  const scheduler = createScheduler({
    runner: createSimulatedRunner({
      clock,
      behaviour: (job) => ({ durationSeconds: runSeconds.get(job.id) ?? job.spec.estimatedDurationSeconds ?? 60 }),
    }),
    gpus: input.fleet,
    cloudProviders: clouds,
    cloudImage: 'aima/simulated-worker',
    clock,
    random,
    policy: input.policy ?? 'aima',
    // Simulated offers never change: read them once.
    config: { ...input.config, scheduler: { offerRefreshSeconds: 1e9, ...input.config?.scheduler } },
  });
  const tallies = new Map<string, Tally>();
  let preemptions = 0;
  let finished = 0;
  scheduler.on('job-started', (event) => {
    const tally = tallies.get(event.jobId);
    if (tally === undefined) return;
    tally.started ??= event.at;
    tally.cloud ||= event.placement.kind === 'cloud';
  });
  scheduler.on('job-preempted', () => preemptions++);
  const end = (state: Tally['state']) => (event: { jobId: string; at: number }) => {
    const tally = tallies.get(event.jobId);
    if (tally === undefined) return;
    tally.finished = event.at;
    tally.state = state;
    finished++;
    if (finished % 500 === 0) input.onProgress?.(finished, jobs.length);
  };
  scheduler.on('job-completed', end('completed'));
  scheduler.on('job-failed', end('failed'));
  scheduler.on('job-cancelled', end('cancelled'));
  await scheduler.start();
  submitAll(jobs, clock, scheduler, tallies, runSeconds);
  for (let next = clock.nextTimerAt(); finished < jobs.length && next !== undefined; next = clock.nextTimerAt())
    await clock.advanceTo(next);
  const costs = scheduler.snapshot().costs;
  const gpuCount = input.fleet.length;
  await scheduler.close();
  input.onProgress?.(finished, jobs.length);
  return report(input, tallies, clouds, { costs, gpuCount, start, end: clock.now(), preemptions, wallStart });
}

function cloudsFor(input: SimulationInput, clock: VirtualClock, random: ReturnType<typeof createSeededRandom>): SimulatedCloudProvider[] {
  const providers = [...new Set(input.offers.map((offer) => offer.provider))];
  return providers.map((id) =>
    createSimulatedCloudProvider({
      id,
      offers: input.offers.filter((offer) => offer.provider === id),
      clock,
      random,
      provisioningSeconds: input.provisioningSeconds ?? 120,
      launchFailureRate: input.launchFailureRate ?? 0,
    }),
  );
}

function submitAll(
  jobs: SimulationInput['jobs'],
  clock: VirtualClock,
  scheduler: ReturnType<typeof createScheduler>,
  tallies: Map<string, Tally>,
  runSeconds: Map<string, number>,
): void {
  for (const job of jobs) {
    clock.setTimer(job.submitAt - clock.now(), () => {
      const handle = scheduler.submit(job.spec);
      const spec = scheduler.get(handle.id)?.spec;
      runSeconds.set(handle.id, job.runSeconds ?? spec?.estimatedDurationSeconds ?? 60);
      const tally: Tally = {
        submitted: clock.now(),
        priority: spec?.priority ?? 'normal',
        confidential: spec?.confidentiality === 'confidential',
        cloud: false,
        gpuSeconds: 0,
        rejected: false,
        ...(spec?.deadline !== undefined && { deadline: spec.deadline }),
      };
      tallies.set(handle.id, tally);
      handle.result.catch((error: unknown) => {
        tally.rejected = JobRejectedError.isInstance(error);
      });
    });
  }
}

function report(
  input: SimulationInput,
  tallies: Map<string, Tally>,
  clouds: SimulatedCloudProvider[],
  run: { costs: SimulationReport['costs']; gpuCount: number; start: number; end: number; preemptions: number; wallStart: number },
): SimulationReport {
  const waits: number[] = [];
  const waitsByPriority = new Map<Priority, number[]>(priorities.map((priority) => [priority, []]));
  let localGpuSeconds = 0;
  let cloudGpuSeconds = 0;
  let violations = 0;
  let deadlineMisses = 0;
  let jobsWithDeadline = 0;
  const counts = { total: tallies.size, completed: 0, failed: 0, rejected: 0, cancelled: 0 };
  for (const tally of tallies.values()) {
    if (tally.started !== undefined) {
      const wait = (tally.started - tally.submitted) / 1000;
      waits.push(wait);
      waitsByPriority.get(tally.priority)?.push(wait);
      const seconds = ((tally.finished ?? run.end) - tally.started) / 1000;
      if (tally.cloud) cloudGpuSeconds += seconds;
      else localGpuSeconds += seconds;
    }
    if (tally.confidential && tally.cloud) violations++;
    if (tally.deadline !== undefined) {
      jobsWithDeadline++;
      if (tally.state !== 'completed' || (tally.finished ?? Number.POSITIVE_INFINITY) > tally.deadline) deadlineMisses++;
    }
    if (tally.rejected) counts.rejected++;
    else if (tally.state !== undefined) counts[tally.state]++;
  }
  const span = Math.max(1, (run.end - run.start) / 1000);
  const policy = typeof input.policy === 'object' ? input.policy.name : (input.policy ?? 'aima');
  return {
    policy,
    jobs: counts,
    costs: run.costs,
    wait: waitStatistics(waits),
    waitByPriority: Object.fromEntries(
      priorities.map((priority) => [priority, waitStatistics(waitsByPriority.get(priority) ?? [])]),
    ) as Record<Priority, ReturnType<typeof waitStatistics>>,
    deadlineMisses,
    jobsWithDeadline,
    localUtilization: run.gpuCount === 0 ? 0 : Math.min(1, localGpuSeconds / (run.gpuCount * span)),
    cloudShare: localGpuSeconds + cloudGpuSeconds === 0 ? 0 : cloudGpuSeconds / (localGpuSeconds + cloudGpuSeconds),
    confidentialityViolations: violations,
    preemptions: run.preemptions,
    launchFailures: clouds.reduce((sum, cloud) => sum + cloud.launchFailures(), 0),
    simulatedSeconds: span,
    wallMilliseconds: performance.now() - run.wallStart,
  };
}
