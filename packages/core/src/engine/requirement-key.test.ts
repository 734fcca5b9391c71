import { describe, expect, it } from 'vitest';
import { type JobSpecInput, jobRequirementsSchema, jobSpecSchema, mediaSchema, parseJobSpec } from '../config/job-spec.js';
import { type PolicyReads, requirementHash, sameRequirements } from './requirement-key.js';

const now = Date.UTC(2026, 0, 5, 12);
const base: JobSpecInput = {
  id: 'job-1',
  type: 'video',
  confidentiality: 'internal',
  requirements: { minVramGb: 24, cudaVersion: '12.1', gpuModels: ['A100'], regions: ['eu'], tags: ['gdpr'], model: 'yolo' },
  media: { sizeGb: 3, location: 'eu-central', durationSeconds: 60, resolution: 'hd', count: 2 },
  estimatedDurationSeconds: 600,
  tenant: 'acme',
  roles: ['ml'],
};
const aima: PolicyReads = { priority: false, deadline: false };
const spec = (input: JobSpecInput) => parseJobSpec(input, { now });
const same = (a: JobSpecInput, b: JobSpecInput, reads = aima) => sameRequirements(spec(a), spec(b), reads);

describe('sameRequirements and requirementHash', () => {
  it.each<[string, JobSpecInput]>([
    ['type', { ...base, type: 'image' }],
    ['confidentiality', { ...base, confidentiality: 'public' }],
    ['urgency', { ...base, urgency: 'high' }],
    ['estimated duration', { ...base, estimatedDurationSeconds: 601 }],
    ['tenant', { ...base, tenant: 'globex' }],
    ['roles', { ...base, roles: ['ml', 'admin'] }],
    ['checkpointable', { ...base, checkpointable: true }],
    ['complexity', { ...base, complexity: 'high' }],
    ['VRAM', { ...base, requirements: { ...base.requirements, minVramGb: 25 } }],
    ['CUDA', { ...base, requirements: { ...base.requirements, cudaVersion: '12.4' } }],
    ['compute capability', { ...base, requirements: { ...base.requirements, computeCapability: '8.0' } }],
    ['GPU models', { ...base, requirements: { ...base.requirements, gpuModels: ['H100'] } }],
    ['regions', { ...base, requirements: { ...base.requirements, regions: ['us'] } }],
    ['tags', { ...base, requirements: { ...base.requirements, tags: [] } }],
    ['model', { ...base, requirements: { ...base.requirements, model: 'whisper' } }],
    ['media size', { ...base, media: { ...base.media, sizeGb: 4 } }],
    ['media location', { ...base, media: { ...base.media, location: 'us-east' } }],
    ['media duration', { ...base, media: { ...base.media, durationSeconds: 61 } }],
    ['media resolution', { ...base, media: { ...base.media, resolution: '4k' } }],
    ['media count', { ...base, media: { ...base.media, count: 3 } }],
  ])('tell specs apart when the %s differs', (_field, variant) => {
    expect(same(variant, base)).toBe(false);
    expect(requirementHash(spec(variant), aima)).not.toBe(requirementHash(spec(base), aima));
  });

  it('ignore the id and payload always, the priority and deadline unless the policy reads them', () => {
    const other = { ...base, id: 'job-2', payload: { x: 1 }, priority: 'critical' as const, deadline: now + 60_000 };
    expect(same(other, base)).toBe(true);
    expect(requirementHash(spec(other), aima)).toBe(requirementHash(spec(base), aima));
    expect(same(other, base, { priority: true, deadline: false })).toBe(false);
    expect(same(other, base, { priority: false, deadline: true })).toBe(false);
  });

  it('hash equal specs alike, built separately (new arrays and objects), even with -0', () => {
    const copy = { ...base, media: { ...base.media, sizeGb: -0 }, requirements: { ...base.requirements, tags: ['gdpr'] } };
    const zero = { ...base, media: { ...base.media, sizeGb: 0 } };
    expect(same(copy, zero)).toBe(true);
    expect(requirementHash(spec(copy), aima)).toBe(requirementHash(spec(zero), aima));
  });

  it('cover every field of the job spec schema, or say why not (a new field must be looked at here)', () => {
    const compared = ['type', 'confidentiality', 'urgency', 'estimatedDurationSeconds', 'tenant', 'roles', 'checkpointable', 'complexity'];
    // Read by no built-in plugin or cached policy; priority and deadline only by the policies that say so.
    const ignored = ['id', 'payload', 'priority', 'deadline', 'nextSteps', 'requirements', 'media'];
    expect(Object.keys(jobSpecSchema.shape).sort()).toEqual([...compared, ...ignored].sort());
    expect(Object.keys(jobRequirementsSchema.shape).sort()).toEqual(
      ['minVramGb', 'cudaVersion', 'computeCapability', 'gpuModels', 'regions', 'tags', 'model'].sort(),
    );
    // `inputs` (for transfer planning) is read by no plugin; its sizes are already in `sizeGb`.
    expect(Object.keys(mediaSchema.in.shape).sort()).toEqual(
      ['sizeGb', 'inputs', 'location', 'durationSeconds', 'resolution', 'count'].sort(),
    );
  });
});
