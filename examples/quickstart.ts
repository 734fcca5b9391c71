/**
 * Quick start: the AIMA scheduler on a simulated fleet (two local GPUs, a simulated Vast.ai and
 * RunPod market) runs a mixed batch of jobs and says, for each, where it runs and why. Time is
 * virtual, so an hour of work takes a moment. Run with `npm start` from the repository root.
 */
import { createScheduler, type Decision, parseCloudOffer, VirtualClock } from '@aima/core';
import { createSimulatedCloudProvider, createSimulatedRunner } from '@aima/core/testing';
import { quickstartBatch } from './quickstart-batch.js';

export interface QuickstartResult {
  readonly lines: readonly string[];
  readonly cloudJobs: readonly string[];
  readonly confidentialJobs: readonly string[];
}

const offer = (provider: string, offerId: string, gpuModel: string, vramGb: number, price: number, region: string, extra: object = {}) =>
  parseCloudOffer({
    provider,
    offerId,
    gpuModel,
    gpuCount: 1,
    vramGb,
    pricePerHourUsd: price,
    region,
    reliability: 0.98,
    uploadMbps: 800,
    downloadMbps: 800,
    interruptible: false,
    ...extra,
  });

function where(decision: Decision): string {
  const target = decision.target;
  if (target === undefined) return 'nowhere';
  if (target.kind === 'local')
    return `${target.gpuId} (${target.model})${target.waitSeconds > 0 ? `, after ${Math.round(target.waitSeconds / 60)} min` : ''}`;
  return `${target.provider} ${target.offerId} (${target.gpuModel}, ${target.region}, $${target.pricePerHourUsd}/h)`;
}

export async function runQuickstart(write: (line: string) => void): Promise<QuickstartResult> {
  const now = Date.parse('2026-11-23T09:00:00Z');
  const clock = new VirtualClock(now);
  const vast = createSimulatedCloudProvider({
    id: 'vast',
    clock,
    provisioningSeconds: 90,
    offers: [
      offer('vast', 'vast-4090-de', 'RTX 4090', 24, 0.39, 'eu-central', { tags: ['gdpr'] }),
      offer('vast', 'vast-a100-us', 'A100 80GB', 80, 0.87, 'us-east'),
      offer('vast', 'vast-3090-spot', 'RTX 3090', 24, 0.11, 'eu-west', { interruptible: true }),
    ],
  });
  const runpod = createSimulatedCloudProvider({
    id: 'runpod',
    clock,
    provisioningSeconds: 60,
    offers: [
      offer('runpod', 'runpod-a100-secure', 'A100 80GB', 80, 1.64, 'eu-west', { tags: ['gdpr'], verified: true }),
      offer('runpod', 'runpod-l4', 'L4', 24, 0.43, 'eu-central'),
    ],
  });
  const scheduler = createScheduler({
    runner: createSimulatedRunner({ clock }),
    clock,
    cloudProviders: [vast, runpod],
    cloudImage: 'ghcr.io/example/media-worker:1.0',
    gpus: [
      {
        id: 'gpu_a1b2c3d4',
        model: 'NVIDIA GeForce RTX 4090',
        vramGb: 24,
        cudaVersion: '12.4',
        computeCapability: '8.9',
        hostAddress: '10.0.0.11',
        location: 'eu-de-berlin',
        tags: ['gdpr'],
      },
      {
        id: 'gpu_e5f6a7b8',
        model: 'NVIDIA RTX A6000',
        vramGb: 48,
        cudaVersion: '12.4',
        computeCapability: '8.6',
        hostAddress: '10.0.0.12',
        location: 'eu-de-berlin',
        tags: ['gdpr'],
      },
    ],
  });
  const titles = new Map<string, string>();
  const cloudJobs: string[] = [];
  const confidentialJobs: string[] = [];
  const lines: string[] = [];
  const say = (line: string) => {
    lines.push(line);
    write(line);
  };
  const seen = new Set<string>();
  scheduler.on('placement-decided', ({ jobId, decision }) => {
    if (seen.has(jobId) && decision.outcome === 'queue') return;
    seen.add(jobId);
    say(`■ ${titles.get(jobId) ?? jobId}`);
    say(`    ${decision.outcome.toUpperCase().padEnd(6)} → ${where(decision)}`);
    say(`    ${decision.rule}: ${decision.reasons[0] ?? ''}`);
    for (const alternative of decision.alternatives) say(`    ↳ ${alternative.message}`);
  });
  scheduler.on('job-started', ({ jobId, placement }) => {
    if (placement.kind === 'cloud') cloudJobs.push(jobId);
  });
  await scheduler.start();
  say(`AIMA quick start: ${scheduler.snapshot().gpus.length} local GPUs, simulated Vast.ai and RunPod offers, policy aima\n`);
  const handles = quickstartBatch(now).map(({ title, spec }) => {
    const handle = scheduler.submit(spec);
    titles.set(handle.id, title);
    if (spec.confidentiality === 'confidential') confidentialJobs.push(handle.id);
    return handle;
  });
  let open = handles.length;
  for (const handle of handles)
    void handle.result.then(
      () => open--,
      () => open--,
    );
  for (let next = clock.nextTimerAt(); open > 0 && next !== undefined; next = clock.nextTimerAt()) await clock.advanceTo(next);
  await scheduler.close();
  const leftRunning = vast.liveInstances().length + runpod.liveInstances().length;
  const leaked = confidentialJobs.filter((jobId) => cloudJobs.includes(jobId)).length;
  summarise(scheduler, handles, titles, say, { start: now, end: clock.now(), leftRunning, leaked });
  return { lines, cloudJobs, confidentialJobs };
}

function summarise(
  scheduler: ReturnType<typeof createScheduler>,
  handles: ReadonlyArray<{ id: string }>,
  titles: ReadonlyMap<string, string>,
  say: (line: string) => void,
  run: { start: number; end: number; leftRunning: number; leaked: number },
): void {
  say('\nSummary');
  for (const { id } of handles) {
    const job = scheduler.get(id);
    if (job === undefined) continue;
    const waited = job.startedAt === undefined ? '—' : `${Math.round((job.startedAt - job.submittedAt) / 60_000)} min`;
    const ran = job.placement?.kind === 'cloud' ? `cloud ${job.placement.providerId}` : job.placement?.kind === 'local' ? 'local' : '—';
    say(
      `  ${job.state.padEnd(9)} ${ran.padEnd(13)} waited ${waited.padEnd(7)} $${job.costUsd.toFixed(3).padStart(7)}  ${titles.get(id) ?? id}`,
    );
  }
  const { costs } = scheduler.snapshot();
  say(
    `\n  local energy $${costs.localEnergyUsd.toFixed(3)} + depreciation $${costs.localDepreciationUsd.toFixed(3)} + cloud $${costs.cloudUsd.toFixed(3)} = $${costs.totalUsd.toFixed(3)}`,
  );
  say(
    `  ${((run.end - run.start) / 3_600_000).toFixed(1)} simulated hours; cloud instances still running: ${run.leftRunning}; confidential jobs run in the cloud: ${run.leaked}.`,
  );
}
