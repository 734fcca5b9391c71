import {
  createDecisionEngine,
  createLocalFleet,
  createOfferBook,
  createSeededRandom,
  type Decision,
  type LocalGpuState,
  parseCloudOffer,
  parseGpuRegistration,
  parseJobSpec,
} from '@aima/core';
import { generateFleet } from '@aima/core/testing';
import { describe, expect, it } from 'vitest';
import { type DifferentialCase, type DifferentialCaseOptions, differentialCase } from './differential-cases.js';
import { engineOutcomeClass, seedOutcomeClass } from './outcome-class.js';
import { toSeedJobRequirements } from './seed-job-requirements.js';
import { type SeedDecision, seedSelectGpuEnvironment } from './seed-select-gpu-environment.js';

const engine = createDecisionEngine({ policy: 'aima' });
const cases = 400;

function decideBoth(testCase: DifferentialCase): { engine: Decision; seed: SeedDecision } {
  const { states, offers, job, now, uploadBandwidthMbps } = testCase;
  return {
    engine: engine.decide(job, { now, fleet: createLocalFleet(states), offers: createOfferBook(offers), uploadBandwidthMbps }),
    seed: seedSelectGpuEnvironment(toSeedJobRequirements(job, engine.config), states, offers, {
      now,
      uploadBandwidthMbps,
      cost: engine.config.cost,
    }),
  };
}

/**
 * The one branch where the seed has no answer: high urgency, a long local queue and no cloud
 * offer that qualifies. The seed returns "cloud" with no provider (the port: an error); the
 * engine's safety net falls back to the local GPU and says so (`aima/fallback-local`).
 */
function isUrgentWithoutProvider(seed: SeedDecision): boolean {
  return seed.decision === 'error' && seed.reason.startsWith('High urgency, local queue too long');
}

function expectSameOutcome(seed: number, options: DifferentialCaseOptions): Decision['rule'] {
  const decided = decideBoth(differentialCase(seed, options));
  const context = `case ${seed}: engine ${decided.engine.rule} (${decided.engine.outcome}), seed ${JSON.stringify(decided.seed)}`;
  if (isUrgentWithoutProvider(decided.seed)) {
    expect(decided.engine.rule, context).toBe('aima/fallback-local');
    expect(engineOutcomeClass(decided.engine), context).toBe('local');
  } else {
    expect(engineOutcomeClass(decided.engine), context).toBe(seedOutcomeClass(decided.seed));
  }
  return decided.engine.rule;
}

describe('seed baseline vs. engine (policy aima), differential', () => {
  it(`agrees on local / cloud / reject for ${cases} random single-model fleets and jobs`, () => {
    const rules = new Set<string>();
    for (let seed = 1; seed <= cases; seed++) rules.add(expectSameOutcome(seed, { models: 'single' }));
    // The inputs reach every rule of the seed.
    expect([...rules]).toEqual(
      expect.arrayContaining([
        'aima/confidential-local',
        'aima/confidential-no-local',
        'aima/cost-cloud',
        'aima/cost-local',
        'aima/large-media-slow-upload',
        'aima/no-candidate',
        'aima/no-cloud-offer',
        'aima/no-suitable-local',
        'aima/urgent-queue',
      ]),
    );
  });

  it('differs where the seed has no answer: urgent, long local queue, no qualifying offer', () => {
    const [state] = generateFleet({ size: 1, random: createSeededRandom(1), models: ['RTX 3090'], busyShare: 0 });
    if (state === undefined) throw new Error('generateFleet returned no GPU');
    const now = Date.UTC(2026, 0, 15, 12, 0, 0);
    const job = parseJobSpec({ type: 'image', confidentiality: 'public', urgency: 'high', estimatedDurationSeconds: 600 }, { now });
    const decided = decideBoth({ states: [{ ...state, busyUntil: now + 2 * 3_600_000 }], offers: [], job, now, uploadBandwidthMbps: 100 });
    expect(decided.seed).toEqual({ decision: 'error', reason: 'High urgency, local queue too long, but no suitable cloud provider' });
    expect(decided.engine.rule).toBe('aima/fallback-local');
    expect(decided.engine.outcome).toBe('queue');
  });

  it('prices the local side at the cheapest free GPU, as the seed does, even when the scorers prefer a snugger one', () => {
    const now = Date.UTC(2026, 0, 15, 12, 0, 0);
    const gpu = (id: string, model: string, vramGb: number, busyUntil?: number): LocalGpuState => {
      const registered = { ...parseGpuRegistration({ model, vramGb, cudaVersion: '12.4', hostAddress: id, location: 'site' }), id };
      return busyUntil === undefined ? { gpu: registered } : { gpu: registered, busyUntil };
    };
    // Per hour: RTX A6000 $0.21 (free, 48 GB), V100 $0.47 (free, 16 GB), A10 $0.12 (busy 2 h); the cloud $0.30.
    const states = [gpu('gpu_00000001', 'RTX A6000', 48), gpu('gpu_00000002', 'V100', 16), gpu('gpu_00000003', 'A10', 24, now + 7_200_000)];
    const offer = parseCloudOffer({
      provider: 'vast',
      offerId: 'o1',
      gpuModel: 'RTX 3090',
      gpuCount: 1,
      vramGb: 24,
      pricePerHourUsd: 0.3,
      region: 'eu-central',
      reliability: 0.99,
      uploadMbps: 500,
      downloadMbps: 500,
      interruptible: false,
    });
    const job = parseJobSpec({ type: 'image', confidentiality: 'public', estimatedDurationSeconds: 3_600 }, { now });
    const decided = decideBoth({ states, offers: [offer], job, now, uploadBandwidthMbps: 100 });
    // The seed: the cheapest free GPU (A6000, $0.21) ≤ 1.1 × cloud ($0.30) → local.
    expect(decided.seed).toMatchObject({ decision: 'local', gpuId: 'gpu_00000001' });
    // The engine's scorers prefer the V100 (VRAM fit 100 × 3 outweighs cost), but the cost rule
    // compares and places on the cheapest free GPU, so both say local on the A6000.
    expect(decided.engine.rule).toBe('aima/cost-local');
    expect(decided.engine.target).toMatchObject({ kind: 'local', gpuId: 'gpu_00000001' });
    expect(decided.engine.costs.localUsd).toBeCloseTo(decided.engine.estimatedCostUsd ?? 0, 12);
  });

  it(`agrees when GPUs have weekly availability windows (${cases / 2} cases, now anywhere in a week)`, () => {
    for (let seed = 10_001; seed <= 10_000 + cases / 2; seed++) expectSameOutcome(seed, { models: 'single', schedules: true });
  });

  it(`agrees on local / cloud / reject for ${cases} random mixed-model fleets and jobs`, () => {
    for (let seed = 20_001; seed <= 20_000 + cases; seed++) expectSameOutcome(seed, { models: 'mixed' });
  });
});
