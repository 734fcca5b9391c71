import { describe, expect, it } from 'vitest';
import type { GpuRegistrationInput } from '../config/gpu-registration.js';
import { parseCloudOffer } from '../config/parse-entities.js';
import { simulate } from './simulate.js';
import type { SimulationJob } from './simulation-types.js';

const t0 = Date.parse('2026-11-23T00:00:00Z');
const fleet: GpuRegistrationInput[] = [0, 1].map((index) => ({
  id: `gpu_0000000${index}`,
  model: 'RTX 4090',
  vramGb: 24,
  cudaVersion: '12.4',
  hostAddress: `h${index}`,
  location: 'berlin',
}));
const offers = [
  parseCloudOffer({
    provider: 'vast',
    offerId: 'v1',
    gpuModel: 'RTX 4090',
    gpuCount: 1,
    vramGb: 24,
    pricePerHourUsd: 0.4,
    region: 'eu',
    reliability: 0.98,
    uploadMbps: 500,
    downloadMbps: 500,
    interruptible: false,
  }),
  parseCloudOffer({
    provider: 'runpod',
    offerId: 'r1',
    gpuModel: 'A100 80GB',
    gpuCount: 1,
    vramGb: 80,
    pricePerHourUsd: 1.19,
    region: 'eu',
    reliability: 0.99,
    uploadMbps: 900,
    downloadMbps: 900,
    interruptible: false,
  }),
];

function workload(): SimulationJob[] {
  const jobs: SimulationJob[] = [];
  for (let index = 0; index < 60; index++) {
    const confidentiality = (['public', 'internal', 'confidential'] as const)[index % 3] ?? 'public';
    jobs.push({
      submitAt: t0 + index * 60_000,
      spec: {
        type: index % 7 === 0 ? 'video' : 'audio',
        confidentiality,
        priority: (['critical', 'high', 'normal', 'low', 'batch'] as const)[index % 5] ?? 'normal',
        urgency: index % 4 === 0 ? 'high' : 'normal',
        estimatedDurationSeconds: 1_800,
        ...(index % 11 === 0 && { requirements: { minVramGb: 80 } }),
        ...(index % 6 === 0 && { deadline: t0 + index * 60_000 + 3 * 3_600_000 }),
      },
      runSeconds: 1_500 + (index % 5) * 300,
    });
  }
  return jobs;
}

describe('simulate', () => {
  it('replays a workload on the virtual clock and reports cost, waits, utilisation and violations', async () => {
    const progress: number[] = [];
    const report = await simulate({ jobs: workload(), fleet, offers, policy: 'aima', onProgress: (finished) => progress.push(finished) });
    expect(report.jobs.total).toBe(60);
    expect(report.jobs.completed + report.jobs.failed + report.jobs.rejected + report.jobs.cancelled).toBe(60);
    expect(report.confidentialityViolations).toBe(0);
    expect(report.costs.cloudUsd).toBeGreaterThan(0);
    expect(report.costs.localEnergyUsd).toBeGreaterThan(0);
    expect(report.costs.totalUsd).toBeCloseTo(report.costs.cloudUsd + report.costs.localEnergyUsd + report.costs.localDepreciationUsd, 9);
    expect(report.localUtilization).toBeGreaterThan(0);
    expect(report.localUtilization).toBeLessThanOrEqual(1);
    expect(report.cloudShare).toBeGreaterThan(0);
    expect(report.wait.count).toBeGreaterThan(0);
    expect(report.wait.p99).toBeGreaterThanOrEqual(report.wait.p90);
    expect(report.jobsWithDeadline).toBe(10);
    expect(report.simulatedSeconds).toBeGreaterThan(3_600);
    expect(progress.at(-1)).toBe(60);
  });

  it('is deterministic for the same input', async () => {
    const first = await simulate({ jobs: workload(), fleet, offers, policy: 'hybrid-threshold', seed: 7, launchFailureRate: 0.3 });
    const second = await simulate({ jobs: workload(), fleet, offers, policy: 'hybrid-threshold', seed: 7, launchFailureRate: 0.3 });
    const { wallMilliseconds: _a, ...one } = first;
    const { wallMilliseconds: _b, ...two } = second;
    expect(one).toEqual(two);
    expect(first.launchFailures).toBeGreaterThan(0);
  });

  it('keeps every confidential job local under every policy', async () => {
    for (const policy of ['aima', 'hybrid-threshold', 'cost-optimal']) {
      const report = await simulate({ jobs: workload(), fleet, offers, policy });
      expect(report.confidentialityViolations, policy).toBe(0);
    }
  });
});
