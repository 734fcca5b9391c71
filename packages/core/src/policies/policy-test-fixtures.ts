// Test-only support for policy tests: builds PolicyInputs with real candidates.
import type { JobSpecInput } from '../config/job-spec.js';
import { parseJobSpec } from '../config/job-spec.js';
import { parseCloudOffer, parseGpuRegistration } from '../config/parse-entities.js';
import { parseSchedulerConfig, type SchedulerConfigInput } from '../config/scheduler-config.js';
import type { CloudCandidate, LocalCandidate } from '../engine/candidates.js';
import { createLocalFleet } from '../engine/fleet/local-fleet.js';
import { prepareJob } from '../engine/prepared-job.js';
import { type HybridThresholds, initialHybridThresholds } from './hybrid-threshold/adaptive-thresholds.js';
import type { PolicyInput } from './policy.js';

export const now = Date.parse('2026-11-22T10:00:00Z');

export function localCandidate(costUsd: number, waitSeconds = 0): LocalCandidate {
  const gpu = {
    ...parseGpuRegistration({ model: 'RTX 4090', vramGb: 24, cudaVersion: '12.4', hostAddress: 'h', location: 'site' }),
    id: 'gpu_00000001',
  };
  const gpuClass = createLocalFleet([{ gpu }]).classes()[0];
  const member = gpuClass?.soonest();
  if (gpuClass === undefined || member === undefined) throw new Error('fixture fleet is empty');
  return { kind: 'local', gpuClass, gpu: member, waitSeconds, costUsd };
}

export function cloudCandidate(costUsd: number, uploadSeconds = 0): CloudCandidate {
  const offer = parseCloudOffer({
    provider: 'vast',
    offerId: 'o1',
    gpuModel: 'RTX 4090',
    gpuCount: 1,
    vramGb: 24,
    pricePerHourUsd: 0.4,
    region: 'eu',
    reliability: 0.99,
    uploadMbps: 100,
    downloadMbps: 100,
    interruptible: false,
  });
  return { kind: 'cloud', offer, uploadSeconds, costUsd };
}

export interface InputOptions {
  job?: Partial<JobSpecInput>;
  local?: LocalCandidate;
  /** The cheapest local candidate; defaults to `local`. */
  cheapest?: LocalCandidate;
  /** Defaults to the local candidate's wait. */
  minWaitSeconds?: number;
  cloud?: CloudCandidate;
  utilization?: number;
  thresholds?: Partial<HybridThresholds>;
  config?: SchedulerConfigInput;
}

export function policyInput(options: InputOptions = {}): PolicyInput {
  const config = parseSchedulerConfig(options.config);
  const spec = parseJobSpec({ type: 'video', confidentiality: 'public', estimatedDurationSeconds: 3600, ...options.job }, { now });
  const minWaitSeconds = options.minWaitSeconds ?? options.local?.waitSeconds;
  return {
    job: prepareJob(spec, config),
    now,
    config,
    local: {
      ...(options.local && { best: options.local }),
      ...((options.cheapest ?? options.local) && { cheapest: options.cheapest ?? options.local }),
      ...(minWaitSeconds !== undefined && { minWaitSeconds }),
      feasibleGpus: options.local ? 1 : 0,
    },
    cloud: options.cloud ? { best: options.cloud } : {},
    localUtilization: options.utilization ?? 0,
    hybridThresholds: { ...initialHybridThresholds(config.policies.hybridThreshold), ...options.thresholds },
  };
}
