import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JobSpec, Priority } from '../config/job-spec.js';
import type { Decision } from './decision.js';
import type { DecisionContext } from './decision-context.js';
import { createDecisionEngine, type DecisionEngine } from './decision-engine.js';
import type { DecisionMemo } from './decision-memo.js';
import {
  cloudOffers,
  fixtureNow,
  type GpuValue,
  gpuArbitrary,
  gpuState,
  type JobTemplate,
  jobOf,
  jobTemplateArbitrary,
  offerArbitrary,
} from './engine-test-fixtures.js';
import { PASS } from './extension-points/filter-plugin.js';
import { createLocalFleet } from './fleet/local-fleet.js';
import type { GpuHealth } from './fleet/local-gpu-state.js';
import { createOfferBook } from './fleet/offer-book.js';
import { createPluginRegistry } from './registry.js';

const priorities: Priority[] = ['critical', 'high', 'normal', 'low', 'batch'];

const variantFields = [
  'type',
  'confidentiality',
  'urgency',
  'minVramGb',
  'cuda',
  'tags',
  'tenant',
  'sizeGb',
  'duration',
  'checkpointable',
] as const;

/** The template with one field changed. */
function variantOf(template: JobTemplate, field: (typeof variantFields)[number]): JobTemplate {
  switch (field) {
    case 'type':
      return { ...template, type: template.type === 'audio' ? 'video' : 'audio' };
    case 'confidentiality':
      return { ...template, confidentiality: template.confidentiality === 'public' ? 'internal' : 'public' };
    case 'urgency':
      return { ...template, urgency: template.urgency === 'high' ? 'low' : 'high' };
    case 'minVramGb':
      return { ...template, minVramGb: template.minVramGb === 40 ? 16 : 40 };
    case 'cuda':
      return { ...template, cuda: template.cuda === undefined ? '12.1' : undefined };
    case 'tags':
      return { ...template, tags: template.tags.length === 0 ? ['gdpr'] : [] };
    case 'tenant':
      return { ...template, tenant: template.tenant === undefined ? 'acme' : undefined };
    case 'sizeGb':
      return { ...template, sizeGb: template.sizeGb === 40 ? 2 : 40 };
    case 'duration':
      return { ...template, duration: template.duration === 60 ? 3_600 : 60 };
    case 'checkpointable':
      return { ...template, checkpointable: !template.checkpointable };
  }
}

/** How often each kind of change happens between decisions. */
interface Mix {
  readonly variants: boolean;
  readonly churn: number;
  readonly advance: readonly number[];
}

function operations(mix: Mix) {
  return fc.oneof(
    {
      weight: 120,
      arbitrary: fc.record({
        kind: fc.constant('decide' as const),
        template: fc.nat(),
        priority: fc.constantFrom(...priorities),
        // Deadlines at a few fixed times, so jobs decided at different times can share one.
        deadlineMinutes: fc.option(fc.constantFrom(30, 95, 400), { nil: undefined, freq: 3 }),
        // A job like the template but for one field: specs that differ in one field must not share decisions.
        variant: mix.variants ? fc.option(fc.constantFrom(...variantFields), { nil: undefined, freq: 2 }) : fc.constant(undefined),
        // A job decided before, decided again (as a waiting job is every round), with its memo.
        again: fc.option(fc.nat(), { nil: undefined, freq: 2 }),
        // Whose memo goes with the spec: its own, another job's or another engine's (must not change the decision), or none.
        memo: fc.constantFrom('own', 'own', 'own', 'other', 'foreign', 'none'),
        place: fc.integer({ min: 0, max: 3 }).map((draw) => draw > 0),
        detailed: fc.integer({ min: 0, max: 9 }).map((draw) => draw === 0),
      }),
    },
    { weight: 12, arbitrary: fc.record({ kind: fc.constant('free' as const), pick: fc.nat() }) },
    { weight: 8, arbitrary: fc.record({ kind: fc.constant('busy' as const), pick: fc.nat(), minutes: fc.integer({ min: 1, max: 120 }) }) },
    {
      weight: mix.churn,
      arbitrary: fc.record({
        kind: fc.constant('health' as const),
        pick: fc.nat(),
        health: fc.constantFrom<GpuHealth>('healthy', 'degraded', 'maintenance'),
      }),
    },
    { weight: mix.churn, arbitrary: fc.record({ kind: fc.constant('register' as const), gpu: gpuArbitrary }) },
    { weight: mix.churn, arbitrary: fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }) },
    { weight: mix.churn, arbitrary: fc.record({ kind: fc.constant('saturate' as const), minutes: fc.integer({ min: 20, max: 90 }) }) },
    { weight: 12, arbitrary: fc.record({ kind: fc.constant('advance' as const), ms: fc.constantFrom(...mix.advance) }) },
    { weight: mix.churn, arbitrary: fc.record({ kind: fc.constant('offers' as const), keep: fc.integer({ min: 0, max: 3 }) }) },
    { weight: mix.churn, arbitrary: fc.record({ kind: fc.constant('bandwidth' as const), mbps: fc.constantFrom(0, 50, 1_000) }) },
  );
}

function scenarioOf(mix: Mix, policies: readonly string[]) {
  return fc.record({
    // A few kinds of GPU, several of each: large classes, and equal costs across sites (ties).
    kinds: fc.array(fc.record({ gpu: gpuArbitrary, count: fc.integer({ min: 1, max: 8 }) }), { minLength: 1, maxLength: 6 }),
    offers: fc.array(offerArbitrary, { maxLength: 12 }),
    templates: fc.array(jobTemplateArbitrary, { minLength: 1, maxLength: 4 }),
    operations: fc.array(operations(mix), { minLength: 30, maxLength: 120 }),
    policy: fc.constantFrom(...policies),
  });
}

/** Mostly allocations and releases within one time: the cache's remembered and patched decisions. */
const steady = scenarioOf({ variants: false, churn: 1, advance: [0, 0, 1_000, 90_000] }, ['aima', 'cost-optimal']);
/** Everything changes often, specs differ in one field, time jumps: every way a remembered decision can go stale. */
const adversarial = scenarioOf({ variants: true, churn: 4, advance: [0, 1_000, 1_800_000, 4 * 3_600_000] }, [
  'aima',
  'cost-optimal',
  'cost-optimal',
  'hybrid-threshold',
]);

type Scenario = typeof steady extends fc.Arbitrary<infer T> ? T : never;

interface Tally {
  decisions: number;
  hits: number;
  patched: number;
}

/**
 * Plays a scenario: jobs decided (and placed, as the dispatcher does) by a caching engine and a
 * fresh one on the same context, between GPUs allocated, released, changing health, registered
 * and removed, time passing, offers and bandwidth changing. Every decision must be identical.
 */
function play(value: Scenario, tally: Tally): void {
  const fresh = createDecisionEngine({ policy: value.policy });
  const cached = createDecisionEngine({ policy: value.policy, cache: true });
  // Another engine, whose signature numbers differ: its memos must be ignored.
  const foreign = createDecisionEngine({ policy: value.policy, cache: true });
  for (const template of [...value.templates].reverse()) {
    for (const field of variantFields) foreign.memoFor(jobOf(variantOf(template, field), 'seed', 'normal', undefined, fixtureNow));
  }
  let now = fixtureNow;
  const gpus = value.kinds.flatMap(({ gpu, count }) =>
    Array.from({ length: count }, (_, copy) => (copy % 3 === 0 ? gpu : { ...gpu, busyMinutes: undefined })),
  );
  const states = gpus.map((gpu, index) => gpuState(gpu, index, now));
  const ids = states.map((state) => state.gpu.id);
  const fleet = createLocalFleet(states);
  const allOffers = cloudOffers(value.offers);
  let context: DecisionContext = { now, fleet, offers: createOfferBook(allOffers), uploadBandwidthMbps: 200 };
  const seen = new WeakSet<Decision>();
  const decided: { spec: JobSpec; memo: DecisionMemo }[] = [];
  let created = 0;
  for (const op of value.operations) {
    const gpuId = 'pick' in op ? ids[op.pick % Math.max(1, ids.length)] : undefined;
    switch (op.kind) {
      case 'decide': {
        const template = value.templates[op.template % value.templates.length] ?? value.templates[0];
        if (template === undefined) break;
        const deadlineAt = op.deadlineMinutes === undefined ? undefined : fixtureNow + op.deadlineMinutes * 60_000;
        const deadline = deadlineAt !== undefined && deadlineAt > now ? deadlineAt : undefined;
        const earlier = op.again === undefined ? undefined : decided[op.again % Math.max(1, decided.length)];
        let job = earlier;
        if (job === undefined) {
          const spec = jobOf(
            op.variant === undefined ? template : variantOf(template, op.variant),
            `job-${created++}`,
            op.priority,
            deadline,
            now,
          );
          job = { spec, memo: cached.memoFor(spec) };
          decided.push(job);
        }
        const spec = job.spec;
        const memos = {
          own: job.memo,
          other: decided[(created * 7) % decided.length]?.memo,
          foreign: foreign.memoFor(spec),
          none: undefined,
        };
        const memo = memos[op.memo];
        const asked: DecisionContext = op.detailed ? { ...context, explain: 'detailed' } : context;
        const hitsBefore = cached.cacheStats?.hits ?? 0;
        const decision = cached.decide(spec, asked, memo);
        expect(decision).toStrictEqual(fresh.decide(spec, asked));
        tally.decisions++;
        if ((cached.cacheStats?.hits ?? 0) > hitsBefore) {
          tally.hits++;
          if (!seen.has(decision)) tally.patched++;
        }
        seen.add(decision);
        if (op.place && decision.outcome === 'local' && decision.target?.kind === 'local') {
          fleet.setBusyUntil(decision.target.gpuId, now + decision.estimatedDurationSeconds * 1000);
        }
        break;
      }
      case 'free':
        if (gpuId !== undefined) fleet.setBusyUntil(gpuId, undefined);
        break;
      case 'busy': {
        const state = gpuId === undefined ? undefined : fleet.get(gpuId);
        if (state !== undefined) fleet.upsert({ ...state, busyUntil: now + op.minutes * 60_000 });
        break;
      }
      case 'health': {
        const state = gpuId === undefined ? undefined : fleet.get(gpuId);
        if (state !== undefined) fleet.upsert({ ...state, health: op.health });
        break;
      }
      case 'register': {
        const state = gpuState(op.gpu, 0x1000 + ids.length, now);
        fleet.upsert(state);
        ids.push(state.gpu.id);
        break;
      }
      case 'remove':
        if (gpuId !== undefined) fleet.remove(gpuId);
        break;
      case 'saturate':
        ids.forEach((id, index) => {
          fleet.setBusyUntil(id, now + op.minutes * (1 + (index % 4)) * 60_000);
        });
        break;
      case 'advance':
        now += op.ms;
        context = { ...context, now };
        break;
      case 'offers':
        context = { ...context, offers: createOfferBook(allOffers.filter((_, index) => index % 4 !== op.keep)) };
        break;
      case 'bandwidth':
        context = { ...context, uploadBandwidthMbps: op.mbps };
        break;
    }
  }
}

describe('DecisionCache (engine option `cache`)', () => {
  it('decides exactly as a fresh engine while GPUs are allocated and released, mostly from remembered decisions', () => {
    const tally: Tally = { decisions: 0, hits: 0, patched: 0 };
    fc.assert(
      fc.property(steady, (value) => play(value, tally)),
      { numRuns: 300 },
    );
    // The generators must reach the cache's paths: remembered decisions, and patched ones.
    expect(tally.hits).toBeGreaterThan(tally.decisions / 4);
    expect(tally.patched).toBeGreaterThan(tally.decisions / 20);
  });

  it('decides exactly as a fresh engine through health changes, registrations, time jumps, new offers and bandwidth, and near-identical jobs', () => {
    fc.assert(
      fc.property(adversarial, (value) => play(value, { decisions: 0, hits: 0, patched: 0 })),
      { numRuns: 400 },
    );
  });

  it('remembers decisions for the aima and cost-optimal policies with built-in plugins only', () => {
    expect(createDecisionEngine({ cache: true }).cacheStats).toBeDefined();
    expect(createDecisionEngine({ policy: 'cost-optimal', cache: true }).cacheStats).toBeDefined();
    expect(createDecisionEngine().cacheStats).toBeUndefined();
    expect(createDecisionEngine({ policy: 'hybrid-threshold', cache: true }).cacheStats).toBeUndefined();
    const registry = createPluginRegistry().register({ name: 'custom-filter', filterLocal: () => PASS });
    const custom: DecisionEngine = createDecisionEngine({ registry, cache: true });
    expect(custom.cacheStats).toBeUndefined();
  });

  it('shares one evaluation between jobs that differ only in id, priority and deadline (aima), and reuses the decision', () => {
    const engine = createDecisionEngine({ cache: true });
    const fleet = createLocalFleet([
      gpuState({ ...sampleGpu, location: 'berlin' }, 1, fixtureNow),
      gpuState({ ...sampleGpu, location: 'frankfurt' }, 2, fixtureNow),
    ]);
    const context: DecisionContext = { now: fixtureNow, fleet, offers: createOfferBook([]), uploadBandwidthMbps: 100 };
    const template = { ...sampleTemplate };
    const first = engine.decide(jobOf(template, 'a', 'normal', undefined, fixtureNow), context);
    const second = engine.decide(jobOf(template, 'b', 'critical', fixtureNow + 3_600_000, fixtureNow), context);
    expect(second).toBe(first);
    expect(engine.cacheStats).toMatchObject({ evaluated: 1, assembled: 1, hits: 1 });
    // Both sites cost the same: the tie goes to the smaller id, then to the other site once it is taken.
    expect(first.target).toMatchObject({ kind: 'local', gpuId: 'gpu_00000001', location: 'berlin' });
    fleet.setBusyUntil('gpu_00000001', fixtureNow + 60_000);
    expect(engine.decide(jobOf(template, 'c', 'low', undefined, fixtureNow), context).target).toMatchObject({
      gpuId: 'gpu_00000002',
      location: 'frankfurt',
    });
  });

  it("keeps a job's signature in its memo: deciding the job reads none of its fields unless the context changed", () => {
    const engine = createDecisionEngine({ cache: true });
    const fresh = createDecisionEngine();
    const fleet = createLocalFleet([gpuState(sampleGpu, 1, fixtureNow), gpuState(sampleGpu, 2, fixtureNow)]);
    const context: DecisionContext = { now: fixtureNow, fleet, offers: createOfferBook([]), uploadBandwidthMbps: 100 };
    let reads = 0;
    const spec = new Proxy(jobOf({ ...sampleTemplate }, 'a', 'normal', undefined, fixtureNow), {
      get(target, field, receiver) {
        reads++;
        return Reflect.get(target, field, receiver);
      },
    });
    // Another job with the same requirements is evaluated first: the memo's job shares its work.
    engine.decide(jobOf({ ...sampleTemplate }, 'b', 'low', undefined, fixtureNow), context);
    const memo = engine.memoFor(spec);
    expect(reads).toBeGreaterThan(0);
    reads = 0;
    const first = engine.decide(spec, context, memo);
    expect(reads).toBe(0);
    expect(first).toStrictEqual(fresh.decide(spec, context));
    fleet.setBusyUntil('gpu_00000001', fixtureNow + 60_000);
    const later = { ...context, now: fixtureNow + 1_000 };
    reads = 0;
    const again = engine.decide(spec, later, memo);
    expect(reads).toBe(0);
    expect(again.target).toMatchObject({ gpuId: 'gpu_00000002' });
    expect(again).toStrictEqual(fresh.decide(spec, later));
    // A new GPU changes the fleet's structure: the job is evaluated again (reading its spec), once.
    fleet.upsert(gpuState(sampleGpu, 3, fixtureNow));
    reads = 0;
    const afterChange = engine.decide(spec, later, memo);
    expect(reads).toBeGreaterThan(0);
    expect(afterChange).toStrictEqual(fresh.decide(spec, later));
    reads = 0;
    engine.decide(spec, later, memo);
    expect(reads).toBe(0);
    expect(engine.cacheStats).toMatchObject({ evaluated: 2 });
    // An engine without the cache makes empty memos, and ignores them.
    expect(fresh.decide(spec, later, fresh.memoFor(spec))).toStrictEqual(fresh.decide(spec, later));
  });

  it('decides afresh when the shortest local wait moves on a class that is neither best nor cheapest', () => {
    const fresh = createDecisionEngine();
    const cached = createDecisionEngine({ cache: true });
    const busyFor = (minutes: number) => fixtureNow + minutes * 60_000;
    const fleet = createLocalFleet([
      { ...gpuState({ ...sampleGpu, location: 'berlin' }, 1, fixtureNow), busyUntil: busyFor(90) },
      { ...gpuState({ ...sampleGpu, location: 'frankfurt', price: 9_000 }, 2, fixtureNow), busyUntil: busyFor(100) },
      { ...gpuState({ ...sampleGpu, location: 'us-east' }, 3, fixtureNow), health: 'degraded', busyUntil: busyFor(70) },
    ]);
    const offers = createOfferBook(
      cloudOffers([{ model: ['RTX 4090', 24], price: 0.5, region: 'eu-central', interruptible: false, cuda: '12.4' }]),
    );
    const context: DecisionContext = { now: fixtureNow, fleet, offers, uploadBandwidthMbps: 100 };
    const urgent = { ...sampleTemplate, confidentiality: 'internal' as const, urgency: 'high' as const };
    const first = cached.decide(jobOf(urgent, 'a', 'normal', undefined, fixtureNow), context);
    expect(first.rule).toBe('aima/urgent-queue');
    expect(first.reasons[0]).toContain('70.0 min');
    fleet.setBusyUntil('gpu_00000003', busyFor(80));
    const second = jobOf(urgent, 'b', 'normal', undefined, fixtureNow);
    expect(cached.decide(second, context)).toStrictEqual(fresh.decide(second, context));
    expect(cached.decide(second, context).reasons[0]).toContain('80.0 min');
  });

  it('decides afresh at a new time for a policy that reads the time (cost-optimal and deadlines)', () => {
    const fresh = createDecisionEngine({ policy: 'cost-optimal' });
    const cached = createDecisionEngine({ policy: 'cost-optimal', cache: true });
    const fleet = createLocalFleet([gpuState(sampleGpu, 1, fixtureNow)]);
    const offers = createOfferBook(
      cloudOffers([{ model: ['RTX 4090', 24], price: 2, region: 'eu-central', interruptible: false, cuda: '12.4' }]),
    );
    const template = { ...sampleTemplate, confidentiality: 'internal' as const, duration: 3_600 };
    const deadline = fixtureNow + 95 * 60_000;
    const decideAt = (now: number) => {
      const spec = jobOf(template, `job-${now}`, 'normal', deadline, now);
      const context: DecisionContext = { now, fleet, offers, uploadBandwidthMbps: 100 };
      const decision = cached.decide(spec, context);
      expect(decision).toStrictEqual(fresh.decide(spec, context));
      return decision.rule;
    };
    expect(decideAt(fixtureNow)).toBe('cost-optimal/cheaper-local');
    expect(decideAt(fixtureNow + 40 * 60_000)).toBe('cost-optimal/deadline-earliest');
  });

  it('breaks a tie of scores by cost before GPU id, as a fresh engine does', () => {
    // Prices 0.2 % apart: the cost scores round alike, so the totals tie; the cheaper class still wins.
    const fleet = createLocalFleet([gpuState({ ...sampleGpu, price: 2_004 }, 1, fixtureNow), gpuState(sampleGpu, 2, fixtureNow)]);
    const context: DecisionContext = { now: fixtureNow, fleet, offers: createOfferBook([]), uploadBandwidthMbps: 100 };
    const fresh = createDecisionEngine().decide(jobOf(sampleTemplate, 'a', 'normal', undefined, fixtureNow), context);
    expect(fresh.rule).toBe('aima/confidential-local');
    expect(fresh.target).toMatchObject({ gpuId: 'gpu_00000002' });
    expect(
      createDecisionEngine({ cache: true }).decide(jobOf(sampleTemplate, 'b', 'normal', undefined, fixtureNow), context),
    ).toStrictEqual(fresh);
  });

  it('names the new host of a GPU re-registered within its class', () => {
    const fleet = createLocalFleet([gpuState(sampleGpu, 1, fixtureNow)]);
    const context: DecisionContext = { now: fixtureNow, fleet, offers: createOfferBook([]), uploadBandwidthMbps: 100 };
    const cached = createDecisionEngine({ cache: true });
    cached.decide(jobOf(sampleTemplate, 'a', 'normal', undefined, fixtureNow), context);
    const state = fleet.get('gpu_00000001');
    if (state !== undefined) fleet.upsert({ ...state, gpu: { ...state.gpu, hostAddress: 'moved-host' } });
    const spec = jobOf(sampleTemplate, 'b', 'normal', undefined, fixtureNow);
    const decision = cached.decide(spec, context);
    expect(decision.target).toMatchObject({ gpuId: 'gpu_00000001', hostAddress: 'moved-host' });
    expect(decision).toStrictEqual(createDecisionEngine().decide(spec, context));
  });

  it('checks the context like a fresh engine', () => {
    const engine = createDecisionEngine({ cache: true });
    const context: DecisionContext = { now: Number.NaN, fleet: createLocalFleet([]), offers: createOfferBook([]), uploadBandwidthMbps: 1 };
    expect(() => engine.decide(jobOf(sampleTemplate, 'a', 'normal', undefined, fixtureNow), context)).toThrow(/now/);
  });
});

const sampleGpu: GpuValue = {
  model: ['RTX 4090', 24] as const,
  cuda: '12.4',
  location: 'berlin',
  tenants: [],
  tags: [],
  windowed: false,
  health: 'healthy' as const,
  busyMinutes: undefined,
  price: 2_000,
};

const sampleTemplate: JobTemplate = {
  type: 'image' as const,
  confidentiality: 'confidential' as const,
  urgency: 'normal' as const,
  minVramGb: undefined,
  cuda: undefined,
  tags: [],
  tenant: undefined,
  sizeGb: 0,
  duration: 600,
  checkpointable: false,
};
