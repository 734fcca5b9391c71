import { type CloudOffer, type Job, type JobContext, type Placement, parseCloudOffer, parseJobSpec, silentLogger } from '@aima/core';
import type { FakeRunpodServerOptions } from '../fake/fake-runpod-server.js';
import type { FakeJobScript } from '../fake/fake-serverless.js';
import type { RunpodServerlessRunnerOptions } from '../serverless/runner-options.js';
import { createRunpodServerlessRunner, type RunpodServerlessRunner } from '../serverless/serverless-runner.js';
import { type Harness, secretKey, startHarness } from './harness.js';

export const endpointId = 'aimafake01';

export interface RunnerHarness extends Harness {
  readonly runner: RunpodServerlessRunner;
}

/** A serverless runner on a virtual clock against a fresh fake; job scripts chosen by the AIMA job id. */
export async function startRunnerHarness(
  scripts: Readonly<Record<string, FakeJobScript>> = {},
  runnerOptions: Partial<RunpodServerlessRunnerOptions> = {},
  fakeOptions: FakeRunpodServerOptions = {},
): Promise<RunnerHarness> {
  const harness = await startHarness({
    endpointIds: [endpointId],
    jobScript: (input) => scripts[(input as { jobId?: string }).jobId ?? ''] ?? {},
    ...fakeOptions,
  });
  const runner = createRunpodServerlessRunner({
    endpointId,
    apiKey: secretKey,
    baseUrl: harness.fake.serverlessUrl,
    clock: harness.clock,
    logger: harness.logger,
    pollIntervalMs: 1_000,
    ...runnerOptions,
  });
  return {
    ...harness,
    runner,
    async close() {
      runner.close();
      await harness.close();
    },
  };
}

export function jobNamed(id: string, confidentiality: 'public' | 'internal' | 'confidential' = 'internal'): Job {
  return { id, spec: parseJobSpec({ id, type: 'video', confidentiality }, { now: 0 }), attempt: 1, submittedAt: 0 };
}

export const serverlessOffer: CloudOffer = parseCloudOffer({
  provider: 'runpod',
  offerId: 'serverless|aimafake01',
  gpuModel: 'NVIDIA GeForce RTX 4090',
  gpuCount: 1,
  vramGb: 24,
  pricePerHourUsd: 1.1,
  region: 'global',
  reliability: 0.99,
  uploadMbps: 1_000,
  downloadMbps: 1_000,
  interruptible: false,
});

export const cloudPlacement: Placement = { kind: 'cloud', providerId: 'runpod', offer: serverlessOffer };

/** A job context that records progress. */
export function recordingContext(
  signal: AbortSignal = new AbortController().signal,
): JobContext & { readonly progress: ReturnType<typeof vitestProgress> } {
  const progress = vitestProgress();
  return {
    signal,
    progress,
    checkpoint: async () => {
      throw new Error('not used');
    },
    log: silentLogger,
  };
}

function vitestProgress() {
  const calls: { fraction: number; message?: string | undefined }[] = [];
  const report = (fraction: number, message?: string) => {
    calls.push({ fraction, message });
  };
  return Object.assign(report, { calls });
}
