import { describe, expect, it } from 'vitest';
import type { JobSpecInput } from '../config/job-spec.js';
import { parseJobSpec } from '../config/job-spec.js';
import { parseCloudOffer, parseGpuRegistration } from '../config/parse-entities.js';
import { ConfigError } from '../errors/config-error.js';
import { InvariantError } from '../errors/invariant-error.js';
import { ValidationError } from '../errors/validation-error.js';
import type { Policy } from '../policies/policy.js';
import type { DecisionContext } from './decision-context.js';
import { createDecisionEngine } from './decision-engine.js';
import { PASS, reject } from './extension-points/filter-plugin.js';
import { createLocalFleet } from './fleet/local-fleet.js';
import type { LocalGpuState } from './fleet/local-gpu-state.js';
import { createOfferBook } from './fleet/offer-book.js';
import { createPluginRegistry } from './registry.js';

const now = Date.parse('2026-11-23T10:00:00Z');
const job = (input: Partial<JobSpecInput> = {}) =>
  parseJobSpec({ type: 'video', confidentiality: 'public', estimatedDurationSeconds: 3600, ...input }, { now });
const gpu = (id: string, model: string, vramGb: number, fields: Partial<LocalGpuState> = {}, extra: object = {}): LocalGpuState => ({
  gpu: { ...parseGpuRegistration({ model, vramGb, cudaVersion: '12.4', hostAddress: 'host-a', location: 'berlin', ...extra }), id },
  ...fields,
});
const offer = (offerId: string, pricePerHourUsd: number, extra: object = {}) =>
  parseCloudOffer({
    provider: 'vast',
    offerId,
    gpuModel: 'RTX 4090',
    gpuCount: 1,
    vramGb: 24,
    pricePerHourUsd,
    region: 'eu-central',
    reliability: 0.99,
    uploadMbps: 500,
    downloadMbps: 500,
    interruptible: false,
    cudaVersion: '12.4',
    ...extra,
  });

function context(
  gpus: LocalGpuState[],
  offers = [offer('a', 0.35), offer('b', 0.5), offer('c', 2)],
  extra: Partial<DecisionContext> = {},
): DecisionContext {
  return { now, fleet: createLocalFleet(gpus), offers: createOfferBook(offers), uploadBandwidthMbps: 100, ...extra };
}

const smallFleet = [
  gpu('gpu_00000001', 'RTX 3090', 24),
  gpu('gpu_00000002', 'RTX 3090', 24),
  gpu('gpu_00000003', 'T4', 16, {}, { purchasePriceUsd: 2000 }),
  gpu('gpu_00000004', 'T4', 16, {}, { purchasePriceUsd: 2000 }),
];

describe('createDecisionEngine().decide', () => {
  const engine = createDecisionEngine();

  it('explains a local decision with costs, scores and rejections counted per reason', () => {
    const decision = engine.decide(job(), context(smallFleet));
    expect(decision).toMatchObject({
      outcome: 'local',
      policy: 'aima',
      rule: 'aima/cost-local',
      target: { kind: 'local', model: 'RTX 3090', waitSeconds: 0 },
    });
    expect(decision.rejections.local).toEqual([
      { plugin: 'vram-fit', reason: 'insufficient VRAM', count: 2, example: { candidate: 'gpu_00000003', detail: '16 GB < 24 GB needed' } },
    ]);
    expect(decision.reasons[0]).toMatch(/local .* vs cloud/);
    expect(decision.reasons[1]).toContain('2 local GPU(s) insufficient VRAM');
    expect(decision.costs.localUsd).toBeLessThan(decision.costs.cloudUsd ?? 0);
    expect(decision.scores.local?.entries.map((entry) => entry.plugin)).toEqual([
      'confidentiality',
      'health',
      'vram-fit',
      'cost',
      'queue-wait',
      'upload-time',
      'urgency',
    ]);
    expect(decision.scores.local?.total).toBe(decision.scores.local?.entries.reduce((sum, entry) => sum + entry.weighted, 0));
    expect(decision.estimatedStartAt).toBe(now);
    expect(decision.considered).toEqual({ localGpus: 4, localClasses: 2, feasibleLocalGpus: 2, cloudOffers: 3, cloudOffersExamined: 1 });
    expect(decision.rejectedCandidates).toBeUndefined();
  });

  it('lists every rejected GPU and offer only when asked for detail', () => {
    const decision = engine.decide(job({ requirements: { minVramGb: 40 } }), context(smallFleet, undefined, { explain: 'detailed' }));
    expect(decision.outcome).toBe('reject');
    expect(
      decision.rejectedCandidates
        ?.filter((entry) => entry.side === 'local')
        .map((entry) => entry.candidate)
        .sort(),
    ).toEqual(['gpu_00000001', 'gpu_00000002', 'gpu_00000003', 'gpu_00000004']);
    expect(decision.rejectedCandidates?.filter((entry) => entry.side === 'cloud')).toHaveLength(3);
  });

  it('queues on a busy GPU when no feasible GPU is free, with the start time it expects', () => {
    const busy = [gpu('gpu_00000001', 'RTX 3090', 24, { busyUntil: now + 600_000 })];
    const decision = engine.decide(job({ confidentiality: 'confidential' }), context(busy));
    expect(decision.outcome).toBe('queue');
    expect(decision.target).toMatchObject({ kind: 'local', gpuId: 'gpu_00000001', waitSeconds: 600 });
    expect(decision.estimatedStartAt).toBe(now + 600_000);
  });

  it('sends a high-urgency job to the cloud when the local queue is over an hour, starting after its upload', () => {
    const busy = [gpu('gpu_00000001', 'RTX 3090', 24, { busyUntil: now + 2 * 3_600_000 })];
    const decision = engine.decide(job({ urgency: 'high', media: { sizeGb: 1 } }), context(busy));
    expect(decision).toMatchObject({
      outcome: 'cloud',
      rule: 'aima/urgent-queue',
      target: { kind: 'cloud', offerId: 'a', uploadSeconds: 80 },
    });
    expect(decision.estimatedStartAt).toBe(now + 80_000);
  });

  it('stops walking offers once none can beat the best, and reports how many it examined', () => {
    const offers = Array.from({ length: 100 }, (_, index) => offer(`o${index}`, 0.3 + index / 100));
    const decision = engine.decide(job(), context([], offers));
    expect(decision.target).toMatchObject({ kind: 'cloud', offerId: 'o0' });
    expect(decision.considered.cloudOffersExamined).toBe(1);
  });

  it('weighs upload time into the cloud cost, so a faster link can beat a lower price', () => {
    const offers = [offer('slow', 0.3, { downloadMbps: 10 }), offer('fast', 0.32, { downloadMbps: 1000 })];
    const decision = engine.decide(job({ media: { sizeGb: 20 } }), context([], offers, { uploadBandwidthMbps: 1000 }));
    expect(decision.target).toMatchObject({ kind: 'cloud', offerId: 'fast' });
  });

  it('needs no upload when the media already sit in the offer region', () => {
    const decision = engine.decide(
      job({ media: { sizeGb: 20, location: 'eu-central' } }),
      context([], [offer('a', 0.3)], { uploadBandwidthMbps: 1 }),
    );
    expect(decision.target).toMatchObject({ uploadSeconds: 0 });
  });

  it('rejects a confidential job without a local GPU and suggests alternatives', () => {
    const fleet = [
      gpu('gpu_00000001', 'A100 80GB', 80, { health: 'maintenance' }, { purchasePriceUsd: 15000 }),
      gpu('gpu_00000002', 'T4', 16, {}, { purchasePriceUsd: 2000 }),
    ];
    const decision = engine.decide(job({ confidentiality: 'confidential', media: { durationSeconds: 600 } }), context(fleet));
    expect(decision.outcome).toBe('reject');
    expect(decision.rule).toBe('aima/confidential-no-local');
    expect(decision.rejections.cloud[0]).toMatchObject({ plugin: 'confidentiality', count: 3 });
    expect(decision.alternatives.map((alternative) => alternative.kind)).toEqual(['wait-for-gpu', 'split-job']);
    expect(decision.alternatives[0]).toMatchObject({ gpuId: 'gpu_00000001' });
  });

  it('falls back to the other side when the policy names a side without candidates', () => {
    const hybrid = createDecisionEngine({ policy: 'hybrid-threshold' });
    const busy = [gpu('gpu_00000001', 'RTX 3090', 24, { busyUntil: now + 60_000 })];
    const decision = hybrid.decide(job({ priority: 'critical' }), context(busy, []));
    expect(decision.rule).toBe('hybrid-threshold/fallback-local');
    expect(decision.outcome).toBe('queue');
    expect(decision.reasons[0]).toContain('no cloud offer qualifies');
  });

  it('uses the adaptive thresholds and utilisation the context gives', () => {
    const hybrid = createDecisionEngine({ policy: 'hybrid-threshold' });
    const decision = hybrid.decide(job({ priority: 'critical' }), context(smallFleet, undefined, { localUtilization: 0.3 }));
    expect(decision.rule).toBe('hybrid-threshold/default-local');
    const adapted = hybrid.decide(
      job({ priority: 'critical' }),
      context(smallFleet, undefined, {
        localUtilization: 0.3,
        hybridThresholds: { criticalJobLocalMax: 0.2, maxWaitTimeSeconds: 1800, costEfficiencyFactor: 0.8, localUtilizationThreshold: 0.8 },
      }),
    );
    expect(adapted.rule).toBe('hybrid-threshold/critical-high-utilization');
  });

  it('refuses a policy that sends a confidential job to the cloud', () => {
    const rogue: Policy = { name: 'rogue', decide: () => ({ target: 'cloud', rule: 'rogue/always-cloud', reason: 'cloud is fun' }) };
    const engine = createDecisionEngine({ policy: rogue });
    expect(() => engine.decide(job({ confidentiality: 'confidential' }), context(smallFleet))).toThrow(InvariantError);
    expect(engine.decide(job(), context(smallFleet)).outcome).toBe('cloud');
  });

  it('keeps a confidential job local even when a host removes the confidentiality plugin', () => {
    const registry = createPluginRegistry();
    const withoutGuard = createDecisionEngine({
      registry,
      plugins: registry.pluginNames().filter((name) => name !== 'confidentiality'),
      policy: 'cost-optimal',
    });
    const decision = withoutGuard.decide(
      job({ confidentiality: 'confidential' }),
      context([gpu('gpu_00000001', 'RTX 3090', 24)], [offer('cheap', 0.01)]),
    );
    expect(decision.target?.kind).toBe('local');
  });

  it('rejects a bad context with a ValidationError', () => {
    expect(() => engine.decide(job(), context(smallFleet, undefined, { uploadBandwidthMbps: Number.NaN }))).toThrow(ValidationError);
    expect(() => engine.decide(job(), context(smallFleet, undefined, { now: Number.POSITIVE_INFINITY }))).toThrow(ValidationError);
    expect(() => engine.decide(job(), context(smallFleet, undefined, { localUtilization: 2 }))).toThrow(ValidationError);
  });
});

describe('host plugins and policies (D7)', () => {
  it('runs a host filter and scorer registered by name, with the weight from config', () => {
    const registry = createPluginRegistry();
    registry.register({
      name: 'no-host-a',
      filterLocal: (_job, gpuClass) => (gpuClass.gpu.hostAddress === 'host-a' ? reject('host a is reserved') : PASS),
    });
    registry.register({ name: 'prefer-t4', scoreLocal: (_job, candidate) => (candidate.gpuClass.gpu.model === 'T4' ? 100 : 0) });
    const engine = createDecisionEngine({ registry, config: { weights: { 'prefer-t4': 50, cost: 2 } } });
    const fleet = [
      gpu('gpu_00000001', 'RTX 3090', 24),
      gpu('gpu_00000002', 'T4', 16, {}, { hostAddress: 'host-b', purchasePriceUsd: 2000 }),
      gpu('gpu_00000003', 'RTX 4090', 24, {}, { hostAddress: 'host-b' }),
    ];
    const audio = job({ type: 'audio' });
    const decision = engine.decide(audio, context(fleet));
    expect(decision.rejections.local).toContainEqual(
      expect.objectContaining({ plugin: 'no-host-a', reason: 'host a is reserved', count: 1 }),
    );
    expect(decision.target).toMatchObject({ gpuId: 'gpu_00000002' });
    expect(decision.scores.local?.entries).toContainEqual({ plugin: 'prefer-t4', raw: 100, weight: 50, weighted: 5000 });
  });

  it('accepts plugin objects directly and a default weight', () => {
    const engine = createDecisionEngine({ plugins: ['vram-fit', { name: 'flat', defaultWeight: 1, scoreLocal: () => 42 }] });
    const decision = engine.decide(job(), context(smallFleet));
    expect(decision.scores.local?.entries).toEqual([
      expect.objectContaining({ plugin: 'vram-fit' }),
      { plugin: 'flat', raw: 42, weight: 1, weighted: 42 },
    ]);
  });

  it.each([
    ['an unknown plugin', { plugins: ['vram-fit', 'nope'] }, /unknown plugin "nope"/],
    ['a plugin listed twice', { plugins: ['vram-fit', 'vram-fit'] }, /listed twice/],
    ['a score plugin without weight', { plugins: [{ name: 'heavy', scoreLocal: () => 1 }] }, /has no weight/],
    ['an unknown policy', { policy: 'fastest' }, /Unknown policy "fastest"/],
    ['a bad config value', { config: { minCloudReliability: -1 } }, /minCloudReliability/],
  ])('refuses %s with a ConfigError', (_name, options, message) => {
    expect(() => createDecisionEngine(options)).toThrow(ConfigError);
    expect(() => createDecisionEngine(options)).toThrow(message);
  });

  it('refuses to register a name twice', () => {
    const registry = createPluginRegistry();
    expect(() => registry.register({ name: 'cost' })).toThrow(ConfigError);
    expect(() => registry.registerPolicy({ name: 'aima', decide: () => ({ target: 'none', rule: 'x', reason: 'x' }) })).toThrow(
      ConfigError,
    );
    expect(registry.policyNames()).toEqual(['aima', 'hybrid-threshold', 'cost-optimal']);
  });
});
