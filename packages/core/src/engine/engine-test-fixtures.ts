/**
 * Test-only support for the decision cache's differential tests: arbitraries for fleets that are
 * rich in ties (the same GPU in several sites, so equal costs and scores), offers and a small pool
 * of job specs (many jobs share a signature). Not part of the public API; imported only by tests.
 */
import fc from 'fast-check';
import type { CloudOffer } from '../config/cloud-offer.js';
import { type JobSpec, parseJobSpec } from '../config/job-spec.js';
import { parseCloudOffer, parseGpuRegistration } from '../config/parse-entities.js';
import type { GpuHealth, LocalGpuState } from './fleet/local-gpu-state.js';

export const fixtureNow = Date.parse('2026-11-23T10:00:00Z'); // a Monday

const models = [
  ['RTX 4090', 24],
  ['A100 80GB', 80],
  ['T4', 16],
] as const;

/** The first value four times in five, else one of the others. */
function mostly<T>(usual: T, ...others: T[]): fc.Arbitrary<T> {
  return fc.oneof({ weight: 4, arbitrary: fc.constant(usual) }, { weight: 1, arbitrary: fc.constantFrom(usual, ...others) });
}

export const gpuArbitrary = fc.record({
  model: mostly<(typeof models)[number]>(models[0], models[1], models[2]),
  cuda: mostly('12.4', '11.8'),
  location: fc.constantFrom('berlin', 'frankfurt', 'berlin', 'frankfurt', 'us-east'),
  tenants: mostly<string[]>([], ['acme']),
  tags: mostly<string[]>(['gdpr'], []),
  windowed: mostly(false, true),
  health: mostly<GpuHealth>('healthy', 'degraded', 'maintenance', 'offline'),
  busyMinutes: fc.option(fc.integer({ min: 1, max: 240 }), { nil: undefined, freq: 3 }),
  price: mostly(2_000, 9_000),
});

export type GpuValue = typeof gpuArbitrary extends fc.Arbitrary<infer T> ? T : never;

/** The GPU state for one arbitrary value, with id `gpu_<index in hex>`. */
export function gpuState(entry: GpuValue, index: number, now: number): LocalGpuState {
  const registration = parseGpuRegistration({
    model: entry.model[0],
    vramGb: entry.model[1],
    cudaVersion: entry.cuda,
    hostAddress: `h${index % 4}`,
    location: entry.location,
    accessRestrictions: { tenants: entry.tenants },
    tags: entry.tags,
    availabilitySchedule: entry.windowed ? [{ days: ['mon', 'tue'], start: '08:00', end: '18:00' }] : '24/7',
    powerWatts: 300,
    purchasePriceUsd: entry.price,
  });
  return {
    gpu: { ...registration, id: `gpu_${index.toString(16).padStart(8, '0')}` },
    health: entry.health,
    ...(entry.busyMinutes !== undefined && { busyUntil: now + entry.busyMinutes * 60_000 }),
  };
}

export const offerArbitrary = fc.record({
  model: fc.constantFrom(...models),
  price: fc.integer({ min: 5, max: 300 }).map((cents) => cents / 100),
  region: fc.constantFrom('eu-central', 'us-east'),
  interruptible: mostly(false, true),
  cuda: mostly<string | undefined>('12.4', undefined),
});

export type OfferValue = typeof offerArbitrary extends fc.Arbitrary<infer T> ? T : never;

export function cloudOffers(offers: readonly OfferValue[]): CloudOffer[] {
  return offers.map((entry, index) =>
    parseCloudOffer({
      provider: index % 2 === 0 ? 'vast' : 'runpod',
      offerId: `o${index}`,
      gpuModel: entry.model[0],
      gpuCount: 1,
      vramGb: entry.model[1],
      pricePerHourUsd: entry.price,
      region: entry.region,
      reliability: 0.97,
      uploadMbps: 100,
      downloadMbps: 500,
      interruptible: entry.interruptible,
      ...(entry.cuda && { cudaVersion: entry.cuda, computeCapability: '8.0' }),
    }),
  );
}

export const jobTemplateArbitrary: fc.Arbitrary<JobTemplate> = fc.record({
  type: fc.constantFrom('video', 'image', 'audio'),
  confidentiality: fc.constantFrom('public', 'internal', 'confidential'),
  urgency: fc.constantFrom('low', 'normal', 'high'),
  minVramGb: fc.option(fc.constantFrom(16, 40, 100), { nil: undefined, freq: 3 }),
  cuda: fc.option(fc.constant('12.1'), { nil: undefined, freq: 4 }),
  tags: mostly<string[]>([], ['gdpr']),
  tenant: fc.option(fc.constant('acme'), { nil: undefined, freq: 3 }),
  sizeGb: fc.constantFrom(0, 2, 40),
  duration: fc.constantFrom(60, 3_600, 30_000),
  checkpointable: fc.boolean(),
});

/** The fields a job of the pool is made from (its id, priority and deadline come per job). */
export interface JobTemplate {
  readonly type: 'video' | 'image' | 'audio';
  readonly confidentiality: JobSpec['confidentiality'];
  readonly urgency: JobSpec['urgency'];
  readonly minVramGb: number | undefined;
  readonly cuda: string | undefined;
  readonly tags: readonly string[];
  readonly tenant: string | undefined;
  readonly sizeGb: number;
  readonly duration: number;
  readonly checkpointable: boolean;
}

/** A job of the template with its own id, priority and optional deadline (which only some policies read). */
export function jobOf(
  template: JobTemplate,
  id: string,
  priority: JobSpec['priority'],
  deadline: number | undefined,
  now: number,
): JobSpec {
  return parseJobSpec(
    {
      id,
      type: template.type,
      confidentiality: template.confidentiality,
      priority,
      urgency: template.urgency,
      requirements: { minVramGb: template.minVramGb, cudaVersion: template.cuda, tags: [...template.tags] },
      media: { sizeGb: template.sizeGb },
      estimatedDurationSeconds: template.duration,
      tenant: template.tenant,
      checkpointable: template.checkpointable,
      deadline,
    },
    { now },
  );
}
