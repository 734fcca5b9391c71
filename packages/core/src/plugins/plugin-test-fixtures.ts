/**
 * Test-only support for the built-in plugin tests: builders for prepared jobs, GPU classes, cloud
 * offers, candidates and plugin contexts. Not part of the package's public API (not exported from
 * `index.ts`, not a tsup entry); imported only by `*.test.ts` files.
 */
import type { CloudOffer, CloudOfferInput } from '../config/cloud-offer.js';
import type { GpuRegistrationInput, RegisteredGpu } from '../config/gpu-registration.js';
import { type JobSpecInput, parseJobSpec } from '../config/job-spec.js';
import { parseCloudOffer, parseGpuRegistration } from '../config/parse-entities.js';
import { parseSchedulerConfig, type SchedulerConfig, type SchedulerConfigInput } from '../config/scheduler-config.js';
import type { CloudCandidate, LocalCandidate } from '../engine/candidates.js';
import type { FilterStatus } from '../engine/extension-points/filter-plugin.js';
import type { PluginContext } from '../engine/extension-points/plugin-context.js';
import type { ScoreContext } from '../engine/extension-points/score-plugin.js';
import type { GpuClassView } from '../engine/fleet/gpu-class.js';
import { createLocalFleet, type LocalFleet } from '../engine/fleet/local-fleet.js';
import type { GpuHealth } from '../engine/fleet/local-gpu-state.js';
import { createOfferBook } from '../engine/fleet/offer-book.js';
import { type PreparedJob, prepareJob } from '../engine/prepared-job.js';

/** Monday 2024-01-01 12:00 UTC: the default "now" of every fixture. */
export const TEST_NOW = Date.UTC(2024, 0, 1, 12, 0);

/** Returns the value or throws: a checked replacement for the non-null assertion. */
export function defined<T>(value: T | undefined | null, what = 'value'): T {
  if (value === undefined || value === null) throw new Error(`test fixture: expected ${what} to be defined`);
  return value;
}

/** A rejecting filter status's reason and detail; throws when the status passed. */
export function rejectionOf(status: FilterStatus): { reason: string; detail: string | undefined } {
  if (status.passed) throw new Error('test fixture: expected the filter to reject, but it passed');
  return { reason: status.reason, detail: status.detail };
}

export interface TestJobOptions {
  readonly now?: number;
  readonly config?: SchedulerConfig;
}

/** A prepared job: an internal video job unless `input` says otherwise. */
export function testJob(input: Partial<JobSpecInput> = {}, options: TestJobOptions = {}): PreparedJob {
  const now = options.now ?? TEST_NOW;
  const spec = parseJobSpec({ type: 'video', confidentiality: 'internal', ...input }, { now });
  return prepareJob(spec, options.config ?? parseSchedulerConfig());
}

/** A registered GPU: an RTX 4090 (24 GB, CUDA 12.4, CC 8.9) in on-prem-berlin unless `input` says otherwise. */
export function testGpu(input: Partial<GpuRegistrationInput> = {}, id = 'gpu_0000000a'): RegisteredGpu {
  const registration = parseGpuRegistration({
    model: 'NVIDIA GeForce RTX 4090',
    vramGb: 24,
    cudaVersion: '12.4',
    computeCapability: '8.9',
    hostAddress: '10.0.0.1',
    location: 'on-prem-berlin',
    ...input,
  });
  return { ...registration, id };
}

export interface TestGpuState {
  readonly gpu?: Partial<GpuRegistrationInput>;
  readonly id?: string;
  readonly health?: GpuHealth;
  readonly busyUntil?: number;
}

/** A fleet of the given GPUs (each with its own id, `gpu_0000000a`, `gpu_0000000b`, …, unless given). */
export function testFleet(states: readonly TestGpuState[], config: SchedulerConfig = parseSchedulerConfig()): LocalFleet {
  return createLocalFleet(
    states.map((state, index) => ({
      gpu: testGpu(state.gpu, state.id ?? `gpu_${(0x0a + index).toString(16).padStart(8, '0')}`),
      ...(state.health !== undefined && { health: state.health }),
      ...(state.busyUntil !== undefined && { busyUntil: state.busyUntil }),
    })),
    config.cost,
  );
}

/** The class of a one-GPU fleet. */
export function testGpuClass(gpu: Partial<GpuRegistrationInput> = {}, state: Omit<TestGpuState, 'gpu'> = {}): GpuClassView {
  return defined(testFleet([{ ...state, gpu }]).classes()[0], 'GPU class');
}

/** A cloud offer: a reliable, on-demand RTX 4090 on vast in eu-west-1 at $0.40/h unless `input` says otherwise. */
export function testOffer(input: Partial<CloudOfferInput> = {}): CloudOffer {
  return parseCloudOffer({
    provider: 'vast',
    offerId: 'offer-1',
    gpuModel: 'RTX 4090',
    gpuCount: 1,
    vramGb: 24,
    pricePerHourUsd: 0.4,
    region: 'eu-west-1',
    reliability: 0.99,
    uploadMbps: 500,
    downloadMbps: 1000,
    interruptible: false,
    cudaVersion: '12.4',
    computeCapability: '8.9',
    ...input,
  });
}

export interface TestContextOptions {
  readonly now?: number;
  readonly config?: SchedulerConfigInput;
  readonly fleet?: LocalFleet;
  readonly offers?: readonly CloudOffer[];
  readonly uploadBandwidthMbps?: number;
}

/** A plugin context over the given fleet and offers (empty unless given). */
export function testContext(options: TestContextOptions = {}): PluginContext {
  const now = options.now ?? TEST_NOW;
  const config = parseSchedulerConfig(options.config);
  return {
    now,
    config,
    decision: {
      now,
      fleet: options.fleet ?? testFleet([], config),
      offers: createOfferBook(options.offers ?? []),
      uploadBandwidthMbps: options.uploadBandwidthMbps ?? 100,
    },
  };
}

/** A score context: a plugin context plus the cheapest feasible cost. */
export function testScoreContext(options: TestContextOptions & { readonly cheapestCostUsd?: number } = {}): ScoreContext {
  return { ...testContext(options), cheapestCostUsd: options.cheapestCostUsd ?? 1 };
}

/** A local candidate for the class's soonest-free GPU. */
export function localCandidate(gpuClass: GpuClassView, options: { waitSeconds?: number; costUsd?: number } = {}): LocalCandidate {
  return {
    kind: 'local',
    gpuClass,
    gpu: defined(gpuClass.soonest(), 'soonest GPU of the class'),
    waitSeconds: options.waitSeconds ?? 0,
    costUsd: options.costUsd ?? 1,
  };
}

/** A cloud candidate for the offer. */
export function cloudCandidate(offer: CloudOffer, options: { uploadSeconds?: number; costUsd?: number } = {}): CloudCandidate {
  return { kind: 'cloud', offer, uploadSeconds: options.uploadSeconds ?? 0, costUsd: options.costUsd ?? 1 };
}
