import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CloudOffer } from '../config/cloud-offer.js';
import type { JobSpec } from '../config/job-spec.js';
import { parseJobSpec } from '../config/job-spec.js';
import { parseCloudOffer, parseGpuRegistration } from '../config/parse-entities.js';
import { compareVersions } from '../config/primitives.js';
import { estimateCloudJobCostUsd } from '../cost/job-cost.js';
import { isWithinSchedule } from '../plugins/availability-window/schedule.js';
import type { Decision } from './decision.js';
import { createDecisionEngine } from './decision-engine.js';
import { createLocalFleet, isUsable } from './fleet/local-fleet.js';
import type { GpuHealth, LocalGpuState } from './fleet/local-gpu-state.js';
import { createOfferBook } from './fleet/offer-book.js';
import { prepareJob } from './prepared-job.js';
import { sameRegion, uploadSecondsFor } from './upload-time.js';

type ValueOf<A> = A extends fc.Arbitrary<infer T> ? T : never;

const now = Date.parse('2026-11-23T10:00:00Z'); // a Monday
const models = [
  ['RTX 4090', 24],
  ['RTX 3090', 24],
  ['RTX A6000', 48],
  ['A100 80GB', 80],
  ['V100', 16],
  ['T4', 16],
] as const;
const locations = ['berlin', 'frankfurt', 'us-east'];
const regions = ['eu-central', 'eu-west', 'us-east', 'berlin'];
const cudas = ['11.8', '12.1', '12.4'];

/** Undefined four times in five: requirements and restrictions are the exception, not the rule. */
function rarely<T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary });
}

/** The first value four times in five, else one of the others. */
function mostly<T>(usual: T, ...others: T[]): fc.Arbitrary<T> {
  return fc.oneof({ weight: 4, arbitrary: fc.constant(usual) }, { weight: 1, arbitrary: fc.constantFrom(usual, ...others) });
}

const gpuArbitrary = fc.record({
  model: fc.constantFrom(...models),
  cuda: fc.constantFrom(...cudas),
  cc: fc.option(fc.constantFrom('7.5', '8.0', '8.9'), { nil: undefined }),
  location: fc.constantFrom(...locations),
  tenants: mostly<string[]>([], ['acme'], ['acme', 'globex']),
  roles: mostly<string[]>([], ['ml'], ['ml', 'admin']),
  tags: mostly<string[]>(['gdpr'], [], ['gdpr', 'hipaa']),
  supportedModels: rarely(fc.constantFrom(['yolo'], ['yolo', 'whisper'])),
  windowed: mostly(false, true),
  health: mostly<GpuHealth>('healthy', 'degraded', 'maintenance', 'offline', 'error'),
  busyMinutes: fc.option(fc.integer({ min: 1, max: 240 }), { nil: undefined }),
  price: fc.integer({ min: 0, max: 40_000 }),
});

function buildFleet(gpus: Array<ValueOf<typeof gpuArbitrary>>): LocalGpuState[] {
  return gpus.map((entry, index) => {
    const registration = parseGpuRegistration({
      model: entry.model[0],
      vramGb: entry.model[1],
      cudaVersion: entry.cuda,
      ...(entry.cc && { computeCapability: entry.cc }),
      hostAddress: `h${index % 3}`,
      location: entry.location,
      accessRestrictions: { tenants: entry.tenants, roles: entry.roles },
      tags: entry.tags,
      ...(entry.supportedModels && { supportedModels: entry.supportedModels }),
      availabilitySchedule: entry.windowed ? [{ days: ['sat', 'sun'], start: '00:00', end: '23:59' }] : '24/7',
      powerWatts: 300,
      purchasePriceUsd: entry.price,
    });
    return {
      gpu: { ...registration, id: `gpu_${index.toString(16).padStart(8, '0')}` },
      health: entry.health,
      ...(entry.busyMinutes !== undefined && { busyUntil: now + entry.busyMinutes * 60_000 }),
    };
  });
}

const offerArbitrary = fc.record({
  model: fc.constantFrom(...models),
  count: fc.constantFrom(1, 1, 2, 4),
  price: fc.integer({ min: 5, max: 500 }).map((cents) => cents / 100),
  region: fc.constantFrom(...regions),
  reliability: fc.integer({ min: 80, max: 100 }).map((value) => value / 100),
  download: fc.integer({ min: 0, max: 1000 }),
  interruptible: mostly(false, true),
  cuda: mostly<string | undefined>('12.4', undefined, '11.8', '12.1'),
  tags: fc.constantFrom([], ['gdpr']),
});

function buildOffers(offers: Array<ValueOf<typeof offerArbitrary>>): CloudOffer[] {
  return offers.map((entry, index) =>
    parseCloudOffer({
      provider: index % 2 === 0 ? 'vast' : 'runpod',
      offerId: `o${index}`,
      gpuModel: entry.model[0],
      gpuCount: entry.count,
      vramGb: entry.model[1],
      pricePerHourUsd: entry.price,
      region: entry.region,
      reliability: entry.reliability,
      uploadMbps: 100,
      downloadMbps: entry.download,
      interruptible: entry.interruptible,
      ...(entry.cuda && { cudaVersion: entry.cuda, computeCapability: '8.0' }),
      tags: entry.tags,
    }),
  );
}

const jobArbitrary = fc
  .record({
    type: fc.constantFrom('video', 'image', 'audio', 'audio', 'custom'),
    confidentiality: fc.constantFrom('public', 'internal', 'confidential'),
    priority: fc.constantFrom('critical', 'high', 'normal', 'low', 'batch'),
    urgency: fc.constantFrom('low', 'normal', 'high'),
    minVramGb: rarely(fc.constantFrom(8, 16, 24, 40, 80, 100)),
    cuda: rarely(fc.constantFrom(...cudas)),
    cc: rarely(fc.constantFrom('7.0', '8.0')),
    gpuModels: rarely(fc.constantFrom(['RTX 4090'], ['A100', 'A6000'])),
    regions: rarely(fc.constantFrom(['eu'], ['berlin', 'frankfurt'], ['us-east'])),
    tags: mostly<string[]>([], ['gdpr'], ['hipaa']),
    model: rarely(fc.constantFrom('yolo', 'whisper')),
    tenant: fc.option(fc.constantFrom('acme', 'globex'), { nil: undefined }),
    roles: mostly<string[]>([], ['ml'], ['ml', 'admin']),
    sizeGb: fc.integer({ min: 0, max: 60 }),
    mediaLocation: fc.option(fc.constantFrom('eu-central', 'us-east'), { nil: undefined }),
    duration: fc.integer({ min: 10, max: 20_000 }),
    checkpointable: fc.boolean(),
    deadlineMinutes: rarely(fc.integer({ min: 1, max: 600 })),
  })
  .map((entry) =>
    parseJobSpec(
      {
        type: entry.type,
        confidentiality: entry.confidentiality,
        priority: entry.priority,
        urgency: entry.urgency,
        requirements: {
          minVramGb: entry.minVramGb ?? (entry.type === 'custom' ? 12 : undefined),
          cudaVersion: entry.cuda,
          computeCapability: entry.cc,
          gpuModels: entry.gpuModels,
          regions: entry.regions,
          tags: entry.tags,
          model: entry.model,
        },
        media: { sizeGb: entry.sizeGb, location: entry.mediaLocation },
        estimatedDurationSeconds: entry.duration,
        tenant: entry.tenant,
        roles: entry.roles,
        checkpointable: entry.checkpointable,
        deadline: entry.deadlineMinutes === undefined ? undefined : now + entry.deadlineMinutes * 60_000,
      },
      { now },
    ),
  );

const scenario = fc.record({
  job: jobArbitrary,
  gpus: fc.array(gpuArbitrary, { maxLength: 25 }),
  offers: fc.array(offerArbitrary, { maxLength: 40 }),
  upload: fc.integer({ min: 0, max: 1000 }),
  policy: fc.constantFrom('aima', 'hybrid-threshold', 'cost-optimal'),
});

const engines = {
  aima: createDecisionEngine({ policy: 'aima' }),
  'hybrid-threshold': createDecisionEngine({ policy: 'hybrid-threshold' }),
  'cost-optimal': createDecisionEngine({ policy: 'cost-optimal' }),
};
const config = engines.aima.config;

function decideScenario(value: ValueOf<typeof scenario>, order: 'forward' | 'reverse' = 'forward'): Decision {
  const states = buildFleet(value.gpus);
  const offers = buildOffers(value.offers);
  if (order === 'reverse') {
    states.reverse();
    offers.reverse();
  }
  return engines[value.policy].decide(value.job, {
    now,
    fleet: createLocalFleet(states),
    offers: createOfferBook(offers),
    uploadBandwidthMbps: value.upload,
  });
}

function localGpuSatisfies(job: JobSpec, state: LocalGpuState): boolean {
  const gpu = state.gpu;
  const need = prepareJob(job, config).vramRequiredGb;
  const requirements = job.requirements;
  return (
    gpu.vramGb >= need &&
    isUsable(state.health ?? 'healthy') &&
    (requirements.cudaVersion === undefined || compareVersions(gpu.cudaVersion, requirements.cudaVersion) >= 0) &&
    (requirements.computeCapability === undefined ||
      (gpu.computeCapability !== undefined && compareVersions(gpu.computeCapability, requirements.computeCapability) >= 0)) &&
    (requirements.gpuModels === undefined || requirements.gpuModels.some((model) => gpu.model.includes(model))) &&
    (requirements.regions === undefined || requirements.regions.some((region) => sameRegion(region, gpu.location))) &&
    requirements.tags.every((tag) => gpu.tags.includes(tag)) &&
    (gpu.accessRestrictions.tenants.length === 0 || (job.tenant !== undefined && gpu.accessRestrictions.tenants.includes(job.tenant))) &&
    gpu.accessRestrictions.roles.every((role) => job.roles.includes(role)) &&
    (requirements.model === undefined || gpu.supportedModels === undefined || gpu.supportedModels.includes(requirements.model)) &&
    isWithinSchedule(gpu.availabilitySchedule, now)
  );
}

function offerSatisfies(job: JobSpec, offer: CloudOffer): boolean {
  const need = prepareJob(job, config).vramRequiredGb;
  const requirements = job.requirements;
  return (
    offer.vramGb >= need &&
    offer.reliability >= config.minCloudReliability &&
    (!offer.interruptible || job.checkpointable) &&
    (requirements.cudaVersion === undefined ||
      (offer.cudaVersion !== undefined && compareVersions(offer.cudaVersion, requirements.cudaVersion) >= 0)) &&
    (requirements.computeCapability === undefined ||
      (offer.computeCapability !== undefined && compareVersions(offer.computeCapability, requirements.computeCapability) >= 0)) &&
    (requirements.gpuModels === undefined || requirements.gpuModels.some((model) => offer.gpuModel.includes(model))) &&
    (requirements.regions === undefined || requirements.regions.some((region) => sameRegion(region, offer.region))) &&
    requirements.tags.every((tag) => offer.tags.includes(tag))
  );
}

const runs = { numRuns: 1500 };

describe('decision engine invariants (random jobs, fleets and offers)', () => {
  it('covers every outcome and most rules (the generators are not too tame)', () => {
    const outcomes = new Map<string, number>();
    const rules = new Set<string>();
    for (const value of fc.sample(scenario, { numRuns: 3000, seed: 42 })) {
      const decision = decideScenario(value);
      const key = `${value.job.confidentiality === 'confidential' ? 'confidential' : 'other'}:${decision.outcome}`;
      outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
      rules.add(decision.rule);
    }
    for (const key of [
      'confidential:local',
      'confidential:queue',
      'confidential:reject',
      'other:local',
      'other:queue',
      'other:cloud',
      'other:reject',
    ]) {
      expect(outcomes.get(key) ?? 0, `${key} in ${JSON.stringify([...outcomes])}`).toBeGreaterThan(20);
    }
    expect(rules.size, [...rules].join(', ')).toBeGreaterThanOrEqual(20);
  });

  it('never gives a confidential job a cloud target', () => {
    fc.assert(
      fc.property(scenario, (value) => {
        const decision = decideScenario(value);
        if (value.job.confidentiality === 'confidential') {
          expect(decision.outcome).not.toBe('cloud');
          expect(decision.target?.kind).not.toBe('cloud');
        }
      }),
      runs,
    );
  });

  it('only chooses a local GPU that satisfies every requirement of the job', () => {
    fc.assert(
      fc.property(scenario, (value) => {
        const decision = decideScenario(value);
        if (decision.target?.kind !== 'local') return;
        const gpuId = decision.target.gpuId;
        const state = buildFleet(value.gpus).find((candidate) => candidate.gpu.id === gpuId);
        expect(state).toBeDefined();
        if (state) expect(localGpuSatisfies(value.job, state)).toBe(true);
      }),
      runs,
    );
  });

  it('only chooses a cloud offer that satisfies every requirement, and the cheapest such offer', () => {
    fc.assert(
      fc.property(scenario, (value) => {
        const decision = decideScenario(value);
        if (decision.target?.kind !== 'cloud') return;
        const offers = buildOffers(value.offers);
        const chosen = decision.target;
        const offer = offers.find((candidate) => candidate.provider === chosen.provider && candidate.offerId === chosen.offerId);
        expect(offer).toBeDefined();
        if (!offer) return;
        expect(offerSatisfies(value.job, offer)).toBe(true);
        // Naive scan: the cheapest feasible offer by price × (upload + run) + transfer.
        const job = prepareJob(value.job, config);
        const costs = offers
          .filter((candidate) => offerSatisfies(value.job, candidate))
          .map((candidate) =>
            estimateCloudJobCostUsd(
              candidate,
              job.durationSeconds + uploadSecondsFor(job, candidate, value.upload),
              value.job.media.sizeGb,
              config.cost,
            ),
          );
        expect(decision.estimatedCostUsd).toBeCloseTo(Math.min(...costs), 9);
      }),
      runs,
    );
  });

  it('picks a GPU that is free now whenever a feasible one is', () => {
    fc.assert(
      fc.property(scenario, (value) => {
        const decision = decideScenario(value);
        if (decision.target?.kind !== 'local') return;
        const anyFreeFeasible = buildFleet(value.gpus).some(
          (state) => state.busyUntil === undefined && localGpuSatisfies(value.job, state),
        );
        if (anyFreeFeasible) {
          expect(decision.target.waitSeconds).toBe(0);
          expect(decision.outcome).toBe('local');
        } else {
          expect(decision.outcome).toBe(decision.target.waitSeconds > 0 ? 'queue' : 'local');
        }
      }),
      runs,
    );
  });

  it('is deterministic, and its choice does not depend on the order GPUs and offers were listed in', () => {
    fc.assert(
      fc.property(scenario, (value) => {
        const first = decideScenario(value);
        expect(decideScenario(value)).toEqual(first);
        const reversed = decideScenario(value, 'reverse');
        expect(reversed.outcome).toBe(first.outcome);
        expect(reversed.target).toEqual(first.target);
        expect(reversed.rule).toBe(first.rule);
        expect(reversed.estimatedCostUsd).toBe(first.estimatedCostUsd);
      }),
      { numRuns: 700 },
    );
  });

  it('rejects only with a reason, and says what to do instead when it can', () => {
    fc.assert(
      fc.property(scenario, (value) => {
        const decision = decideScenario(value);
        expect(decision.reasons.length).toBeGreaterThan(0);
        if (decision.outcome === 'reject') {
          expect(decision.target).toBeUndefined();
          expect(decision.estimatedCostUsd).toBeUndefined();
        } else {
          expect(decision.target).toBeDefined();
          expect(decision.estimatedStartAt).toBeGreaterThanOrEqual(now);
        }
      }),
      runs,
    );
  });
});
