// Test-only: PolicyInputs with real candidates, built from core's public API.
import {
  type CloudCandidate,
  createLocalFleet,
  initialHybridThresholds,
  type JobSpecInput,
  type LocalCandidate,
  type PolicyInput,
  parseCloudOffer,
  parseGpuRegistration,
  parseJobSpec,
  parseSchedulerConfig,
  prepareJob,
} from '@aima/core';

export const now = Date.UTC(2026, 0, 1);

export function localCandidate(waitSeconds = 0, costUsd = 0.1): LocalCandidate {
  const registration = parseGpuRegistration({
    model: 'Tesla T4',
    vramGb: 16,
    cudaVersion: '12.1',
    hostAddress: 'node-1',
    location: 'on-prem',
    powerWatts: 70,
    purchasePriceUsd: 2_300,
  });
  const gpuClass = createLocalFleet([{ gpu: { ...registration, id: 'gpu_00000001' } }]).classes()[0];
  const member = gpuClass?.soonest();
  if (gpuClass === undefined || member === undefined) throw new Error('fixture fleet is empty');
  return { kind: 'local', gpuClass, gpu: member, waitSeconds, costUsd };
}

export function cloudCandidate(costUsd = 0.2): CloudCandidate {
  const offer = parseCloudOffer({
    provider: 'vast',
    offerId: 'vast-median-v100-us-east',
    gpuModel: 'V100 16/32GB',
    gpuCount: 1,
    vramGb: 16,
    pricePerHourUsd: 0.095,
    region: 'us-east',
    reliability: 0.95,
    uploadMbps: 1_000,
    downloadMbps: 1_000,
    interruptible: false,
  });
  return { kind: 'cloud', offer, uploadSeconds: 0, costUsd };
}

/** A case of a table-driven policy test: which candidates exist and what the policy must say. */
export interface PolicyCase {
  readonly name: string;
  readonly confidential?: boolean;
  /** Wait of the best local candidate; none when absent. */
  readonly localWait?: number;
  readonly cloud?: boolean;
  readonly expected: 'local' | 'cloud' | 'none';
}

export function inputFor(testCase: PolicyCase, job: Partial<JobSpecInput> = {}): PolicyInput {
  const config = parseSchedulerConfig();
  const spec = parseJobSpec(
    {
      type: 'image',
      confidentiality: testCase.confidential ? 'confidential' : 'internal',
      estimatedDurationSeconds: 600,
      ...job,
    },
    { now },
  );
  const local = testCase.localWait === undefined ? undefined : localCandidate(testCase.localWait);
  return {
    job: prepareJob(spec, config),
    now,
    config,
    local: {
      ...(local && { best: local, cheapest: local, minWaitSeconds: local.waitSeconds }),
      feasibleGpus: local ? 1 : 0,
    },
    cloud: testCase.cloud ? { best: cloudCandidate() } : {},
    localUtilization: 0,
    hybridThresholds: initialHybridThresholds(config.policies.hybridThreshold),
  };
}
