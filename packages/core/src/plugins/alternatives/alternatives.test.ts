import { describe, expect, it } from 'vitest';
import type { AvailabilitySchedule } from '../../config/availability-schedule.js';
import { type JobSpecInput, parseJobSpec } from '../../config/job-spec.js';
import type { Alternative, RejectionSummary } from '../../engine/decision.js';
import type { DecisionContext } from '../../engine/decision-context.js';
import { createDecisionEngine } from '../../engine/decision-engine.js';
import { isFilterPlugin } from '../../engine/extension-points/engine-plugin.js';
import type { FilterPlugin } from '../../engine/extension-points/filter-plugin.js';
import type { PostFilterInput } from '../../engine/extension-points/post-filter-plugin.js';
import type { LocalFleet } from '../../engine/fleet/local-fleet.js';
import { createOfferBook } from '../../engine/fleet/offer-book.js';
import { nextOpening } from '../availability-window/schedule.js';
import { builtinPlugins } from '../builtin-plugins.js';
import { TEST_NOW, type TestGpuState, testContext, testFleet, testJob, testOffer } from '../plugin-test-fixtures.js';
import { alternativesPlugin } from './alternatives.js';

const builtinFilters: readonly FilterPlugin[] = builtinPlugins.filter(isFilterPlugin);

/** Epoch ms of a UTC time in January 2024 (the 1st is a Monday, the 6th a Saturday). */
function jan(day: number, hours: number, minutes = 0): number {
  return Date.UTC(2024, 0, day, hours, minutes);
}

const officeHours: AvailabilitySchedule = [
  { days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '08:00', end: '18:00', utcOffsetMinutes: 0 },
];
const saturday10 = jan(6, 10);
const mondayOpening = jan(8, 8);

/** A T4 (16 GB) needs an explicit purchase price: the reference table has none. */
const t4: TestGpuState['gpu'] = { model: 'Tesla T4', vramGb: 16, purchasePriceUsd: 2000 };
const a100: TestGpuState['gpu'] = { model: 'NVIDIA A100-SXM4-80GB', vramGb: 80, purchasePriceUsd: 15000 };

function summary(plugin: string, reason: string, count: number, candidate: string, detail?: string): RejectionSummary {
  return { plugin, reason, count, example: detail === undefined ? { candidate } : { candidate, detail } };
}

function suggest(options: {
  job?: Partial<JobSpecInput>;
  fleet?: readonly TestGpuState[];
  local?: readonly RejectionSummary[];
  cloud?: readonly RejectionSummary[];
  filters?: readonly FilterPlugin[];
  now?: number;
}): readonly Alternative[] {
  const now = options.now ?? TEST_NOW;
  const input: PostFilterInput = {
    rejections: { local: options.local ?? [], cloud: options.cloud ?? [] },
    filters: options.filters ?? builtinFilters,
  };
  return alternativesPlugin.suggest(testJob(options.job, { now }), input, testContext({ now, fleet: testFleet(options.fleet ?? []) }));
}

describe('alternatives plugin', () => {
  it('is named "alternatives" and is a post-filter only', () => {
    expect(alternativesPlugin.name).toBe('alternatives');
    expect(Object.keys(alternativesPlugin).sort()).toEqual(['name', 'suggest']);
  });

  it('suggests nothing for an empty fleet, no rejections and a single item', () => {
    expect(suggest({})).toEqual([]);
  });

  describe('wait-for-gpu: GPUs blocked only by transient filters (health, availability window)', () => {
    it.each<{ name: string; fleet: TestGpuState[]; now?: number; expected: Alternative[] }>([
      {
        name: 'a GPU in maintenance',
        fleet: [{ health: 'maintenance' }],
        expected: [
          { kind: 'wait-for-gpu', gpuId: 'gpu_0000000a', message: 'wait for gpu_0000000a (NVIDIA GeForce RTX 4090, maintenance)' },
        ],
      },
      {
        name: 'an offline GPU',
        fleet: [{ health: 'offline' }],
        expected: [{ kind: 'wait-for-gpu', gpuId: 'gpu_0000000a', message: 'wait for gpu_0000000a (NVIDIA GeForce RTX 4090, offline)' }],
      },
      {
        name: 'a GPU in error',
        fleet: [{ health: 'error' }],
        expected: [{ kind: 'wait-for-gpu', gpuId: 'gpu_0000000a', message: 'wait for gpu_0000000a (NVIDIA GeForce RTX 4090, error)' }],
      },
      {
        name: 'a GPU outside its window: availableAt is the next opening',
        fleet: [{ gpu: { availabilitySchedule: officeHours } }],
        now: saturday10,
        expected: [
          {
            kind: 'wait-for-gpu',
            gpuId: 'gpu_0000000a',
            availableAt: mondayOpening,
            message: 'wait for gpu_0000000a (NVIDIA GeForce RTX 4090, closed until 2024-01-08T08:00:00.000Z)',
          },
        ],
      },
      {
        name: 'offline and outside its window: both named, no availableAt (health has no known end)',
        fleet: [{ health: 'offline', gpu: { availabilitySchedule: officeHours } }],
        now: saturday10,
        expected: [
          {
            kind: 'wait-for-gpu',
            gpuId: 'gpu_0000000a',
            message: 'wait for gpu_0000000a (NVIDIA GeForce RTX 4090, offline, closed until 2024-01-08T08:00:00.000Z)',
          },
        ],
      },
      { name: 'a degraded GPU is usable: nothing to wait for', fleet: [{ health: 'degraded' }], expected: [] },
      { name: 'a healthy GPU inside its window', fleet: [{ gpu: { availabilitySchedule: officeHours } }], now: jan(8, 9), expected: [] },
      { name: 'in maintenance but also too small: waiting does not help', fleet: [{ health: 'maintenance', gpu: t4 }], expected: [] },
      {
        name: 'outside its window but also reserved for another tenant',
        fleet: [{ gpu: { availabilitySchedule: officeHours, accessRestrictions: { tenants: ['acme'] } } }],
        now: saturday10,
        expected: [],
      },
      {
        name: 'one entry per class: the big GPU in maintenance, not the small healthy one',
        fleet: [{ gpu: t4 }, { health: 'maintenance' }],
        expected: [
          { kind: 'wait-for-gpu', gpuId: 'gpu_0000000b', message: 'wait for gpu_0000000b (NVIDIA GeForce RTX 4090, maintenance)' },
        ],
      },
      {
        name: 'names the soonest-free member of a class',
        fleet: [
          { id: 'gpu_000000a1', health: 'maintenance', busyUntil: TEST_NOW + 3_600_000 },
          { id: 'gpu_000000a2', health: 'maintenance' },
        ],
        expected: [
          { kind: 'wait-for-gpu', gpuId: 'gpu_000000a2', message: 'wait for gpu_000000a2 (NVIDIA GeForce RTX 4090, maintenance)' },
        ],
      },
    ])('$name', ({ fleet, now, expected }) => {
      const alternatives = suggest({ fleet, ...(now !== undefined && { now }) });
      expect(alternatives.filter((alternative) => alternative.kind === 'wait-for-gpu')).toEqual(expected);
    });

    it('asks only the filters it is given: without the health filter a GPU in maintenance blocks nothing', () => {
      const filters = builtinFilters.filter((filter) => filter.name !== 'health');
      expect(suggest({ fleet: [{ health: 'maintenance' }], filters })).toEqual([]);
    });

    it('uses the same next opening as the schedule module', () => {
      const [alternative] = suggest({ fleet: [{ gpu: { availabilitySchedule: officeHours } }], now: jan(2, 19, 30) });
      expect(alternative?.availableAt).toBe(nextOpening(officeHours, jan(2, 19, 30)));
      expect(alternative?.availableAt).toBe(jan(3, 8));
    });
  });

  describe('smaller-model: the job needs more VRAM than the largest local GPU', () => {
    it.each<{ name: string; job: Partial<JobSpecInput>; fleet: TestGpuState[]; largestGb?: number; neededGb?: number }>([
      { name: 'video (24 GB) on a 16 GB fleet', job: { type: 'video' }, fleet: [{ gpu: t4 }], largestGb: 16, neededGb: 24 },
      {
        name: '100 GB on a 24 + 80 GB fleet',
        job: { type: 'custom', requirements: { minVramGb: 100 } },
        fleet: [{}, { gpu: a100 }],
        largestGb: 80,
        neededGb: 100,
      },
      {
        name: 'the largest GPU counts even in maintenance',
        job: { type: 'custom', requirements: { minVramGb: 100 } },
        fleet: [{}, { gpu: a100, health: 'maintenance' }],
        largestGb: 80,
        neededGb: 100,
      },
      { name: 'exactly the largest GPU: no suggestion', job: { type: 'video' }, fleet: [{}, { gpu: t4 }] },
      { name: 'no local GPUs: no suggestion', job: { type: 'custom', requirements: { minVramGb: 100 } }, fleet: [] },
    ])('$name', ({ job, fleet, largestGb, neededGb }) => {
      const smaller = suggest({ job, fleet }).filter((alternative) => alternative.kind === 'smaller-model');
      if (largestGb === undefined) {
        expect(smaller).toEqual([]);
      } else {
        expect(smaller).toEqual([
          {
            kind: 'smaller-model',
            message: `use a smaller model variant or lower precision that fits in ${largestGb} GB (the largest local GPU); the job asks for ${neededGb} GB`,
          },
        ]);
      }
    });
  });

  describe('split-job: several items or a duration', () => {
    it.each<{ media: JobSpecInput['media']; split: boolean }>([
      { media: undefined, split: false },
      { media: { count: 1 }, split: false },
      { media: { count: 2 }, split: true },
      { media: { durationSeconds: 120 }, split: true },
      { media: { count: 10, durationSeconds: 30, sizeGb: 4 }, split: true },
    ])('media $media: split=$split', ({ media, split }) => {
      const alternatives = suggest({ job: media === undefined ? {} : { media } });
      expect(alternatives).toEqual(
        split
          ? [
              {
                kind: 'split-job',
                message: 'split the job into smaller parts (fewer items or shorter segments) so each fits a GPU or an availability window',
              },
            ]
          : [],
      );
    });
  });

  describe('from the local rejection summary', () => {
    it.each<{ name: string; rejection: RejectionSummary; expected: Alternative[] }>([
      {
        name: 'access, with detail',
        rejection: summary('access', 'tenant not allowed', 3, 'gpu_0000000a', 'reserved for acme; job tenant is globex'),
        expected: [{ kind: 'request-access', message: 'request access: 3 GPU(s) rejected, reserved for acme; job tenant is globex' }],
      },
      {
        name: 'access, without detail: falls back to the reason',
        rejection: summary('access', 'role missing', 1, 'gpu_0000000a'),
        expected: [{ kind: 'request-access', message: 'request access: 1 GPU(s) rejected, role missing' }],
      },
      ...(['residency', 'gpu-model', 'compute-capability', 'compliance-tags', 'model-compatibility'] as const).map((plugin) => ({
        name: `${plugin}, with detail`,
        rejection: summary(plugin, 'some reason', 2, 'gpu_0000000a', 'some detail'),
        expected: [
          { kind: 'relax-requirement' as const, message: 'relax a requirement: 2 local GPU(s) rejected for some reason (some detail)' },
        ],
      })),
      {
        name: 'relax-requirement without detail: names the example GPU',
        rejection: summary('residency', 'outside allowed regions', 4, 'gpu_0000000c'),
        expected: [
          { kind: 'relax-requirement', message: 'relax a requirement: 4 local GPU(s) rejected for outside allowed regions (gpu_0000000c)' },
        ],
      },
      ...['vram-fit', 'health', 'availability-window', 'confidentiality', 'my-own-filter'].map((plugin) => ({
        name: `${plugin}: nothing from the summary`,
        rejection: summary(plugin, 'some reason', 2, 'gpu_0000000a', 'some detail'),
        expected: [],
      })),
    ])('$name', ({ rejection, expected }) => {
      expect(suggest({ local: [rejection] })).toEqual(expected);
    });

    it('puts access requests before relaxed requirements, one alternative per entry', () => {
      const alternatives = suggest({
        local: [
          summary('residency', 'outside allowed regions', 5, 'gpu_0000000a', 'on-prem-berlin is not in eu-west'),
          summary('access', 'tenant not allowed', 2, 'gpu_0000000b', 'reserved for acme; job tenant is unset'),
        ],
      });
      expect(alternatives.map((alternative) => alternative.kind)).toEqual(['request-access', 'relax-requirement']);
    });

    it('suggests relaxing requirements that ruled out cloud offers, for a job allowed in the cloud', () => {
      const cloud = [
        summary('residency', 'outside allowed regions', 7, 'vast:1', 'us-east-1 is not in eu'),
        summary('gpu-model', 'GPU model not requested', 3, 'vast:2', 'RTX 4090 is not one of H100'),
        summary('reliability', 'reliability too low', 2, 'vast:3', '0.8 < 0.9'),
      ];
      expect(suggest({ cloud })).toEqual([
        {
          kind: 'relax-requirement',
          message: 'relax a requirement: 7 cloud offer(s) rejected for outside allowed regions (us-east-1 is not in eu)',
        },
        {
          kind: 'relax-requirement',
          message: 'relax a requirement: 3 cloud offer(s) rejected for GPU model not requested (RTX 4090 is not one of H100)',
        },
      ]);
    });

    it('never suggests cloud-side relaxations for a confidential job', () => {
      const cloud = [summary('residency', 'outside allowed regions', 7, 'vast:1', 'us-east-1 is not in eu')];
      expect(suggest({ job: { confidentiality: 'confidential' }, cloud })).toEqual([]);
    });
  });

  it('orders kinds as wait-for-gpu, smaller-model, split-job, then summary-based', () => {
    const alternatives = suggest({
      job: { type: 'custom', requirements: { minVramGb: 30 }, media: { count: 3 } },
      fleet: [{ gpu: { model: 'RTX 6000 Ada', vramGb: 48, purchasePriceUsd: 6800 }, health: 'offline' }, { gpu: t4 }],
      local: [summary('compliance-tags', 'missing compliance tags', 1, 'gpu_0000000b', 'lacks hipaa')],
    });
    // the offline 48 GB GPU fits, so it is worth waiting for and no smaller model is needed
    expect(alternatives.map((alternative) => alternative.kind)).toEqual(['wait-for-gpu', 'split-job', 'relax-requirement']);
  });
});

describe('alternatives through the decision engine', () => {
  const engine = createDecisionEngine();

  function decide(job: Partial<JobSpecInput>, fleet: LocalFleet, now = TEST_NOW, offers = createOfferBook([])) {
    const spec = parseJobSpec({ type: 'video', confidentiality: 'confidential', ...job }, { now });
    const context: DecisionContext = { now, fleet, offers, uploadBandwidthMbps: 100 };
    return engine.decide(spec, context);
  }

  it('confidential job, the only big GPU in maintenance: wait for that GPU', () => {
    const decision = decide(
      {},
      testFleet([
        { id: 'gpu_000000a1', health: 'maintenance' },
        { id: 'gpu_000000b2', gpu: t4 },
      ]),
    );
    expect(decision.outcome).toBe('reject');
    expect(decision.rejections.local.map(({ plugin, reason, count }) => ({ plugin, reason, count }))).toEqual([
      { plugin: 'health', reason: 'GPU maintenance', count: 1 },
      { plugin: 'vram-fit', reason: 'insufficient VRAM', count: 1 },
    ]);
    expect(decision.alternatives).toEqual([
      { kind: 'wait-for-gpu', gpuId: 'gpu_000000a1', message: 'wait for gpu_000000a1 (NVIDIA GeForce RTX 4090, maintenance)' },
    ]);
  });

  it('a job needing more VRAM than any local GPU: a smaller model that fits the largest GPU', () => {
    const decision = decide({ type: 'custom', requirements: { minVramGb: 100 } }, testFleet([{}, { gpu: a100 }]));
    expect(decision.outcome).toBe('reject');
    expect(decision.rejections.local).toEqual([expect.objectContaining({ plugin: 'vram-fit', reason: 'insufficient VRAM', count: 2 })]);
    expect(decision.alternatives).toEqual([
      {
        kind: 'smaller-model',
        message: 'use a smaller model variant or lower precision that fits in 80 GB (the largest local GPU); the job asks for 100 GB',
      },
    ]);
  });

  it('a GPU outside its availability window: wait until the next opening', () => {
    const decision = decide({}, testFleet([{ id: 'gpu_000000c3', gpu: { availabilitySchedule: officeHours } }]), saturday10);
    expect(decision.outcome).toBe('reject');
    expect(decision.rejections.local).toEqual([
      {
        plugin: 'availability-window',
        reason: 'outside availability window',
        count: 1,
        example: { candidate: 'gpu_000000c3', detail: 'opens 2024-01-08T08:00:00.000Z' },
      },
    ]);
    expect(decision.alternatives).toEqual([
      {
        kind: 'wait-for-gpu',
        gpuId: 'gpu_000000c3',
        availableAt: mondayOpening,
        message: 'wait for gpu_000000c3 (NVIDIA GeForce RTX 4090, closed until 2024-01-08T08:00:00.000Z)',
      },
    ]);
  });

  it('an access-restricted GPU: request access', () => {
    const decision = decide({ tenant: 'globex' }, testFleet([{ gpu: { accessRestrictions: { tenants: ['acme'] } } }]));
    expect(decision.outcome).toBe('reject');
    expect(decision.alternatives).toEqual([
      { kind: 'request-access', message: 'request access: 1 GPU(s) rejected, reserved for acme; job tenant is globex' },
    ]);
  });

  it('a residency requirement no local GPU meets (nor any offer): relax it', () => {
    const offers = createOfferBook([testOffer({ region: 'us-east-1' })]);
    const decision = decide(
      { confidentiality: 'internal', requirements: { regions: ['eu-central'] } },
      testFleet([{}, { gpu: t4 }]),
      TEST_NOW,
      offers,
    );
    expect(decision.outcome).toBe('reject');
    expect(decision.rejections.cloud).toEqual([expect.objectContaining({ plugin: 'residency', count: 1 })]);
    expect(decision.alternatives).toEqual([
      {
        kind: 'relax-requirement',
        message: 'relax a requirement: 1 local GPU(s) rejected for outside allowed regions (on-prem-berlin is not in eu-central)',
      },
      {
        kind: 'relax-requirement',
        message: 'relax a requirement: 1 cloud offer(s) rejected for outside allowed regions (us-east-1 is not in eu-central)',
      },
    ]);
  });

  it('suggests nothing when the job is placed', () => {
    const decision = decide({ media: { count: 5 } }, testFleet([{}]));
    expect(decision.outcome).toBe('local');
    expect(decision.alternatives).toEqual([]);
  });
});
