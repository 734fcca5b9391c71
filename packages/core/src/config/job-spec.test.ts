import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/validation-error.js';
import { parseJobSpec } from './job-spec.js';

const now = Date.parse('2026-11-22T10:00:00Z');

function issuesOf(input: unknown): Array<{ path: string; message: string }> {
  try {
    parseJobSpec(input, { now });
  } catch (error) {
    if (ValidationError.isInstance(error)) return [...error.issues];
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('parseJobSpec', () => {
  it('applies documented defaults', () => {
    expect(parseJobSpec({ type: 'audio', confidentiality: 'internal' }, { now })).toEqual({
      type: 'audio',
      confidentiality: 'internal',
      priority: 'normal',
      urgency: 'normal',
      requirements: { tags: [] },
      media: { sizeGb: 0, count: 1 },
      roles: [],
      checkpointable: false,
      complexity: 'standard',
    });
  });

  it('takes the media size from the inputs when sizeGb is not given, and keeps an explicit sizeGb', () => {
    const inputs = [
      { key: 'media/a.mp4', sizeBytes: 1_500_000_000, location: 'eu-west-1', contentType: 'video/mp4' },
      { key: 'https://example.org/b.wav', sizeBytes: 500_000_000 },
    ];
    const summed = parseJobSpec({ type: 'video', confidentiality: 'public', media: { inputs } }, { now }).media;
    expect(summed).toEqual({ sizeGb: 2, inputs, count: 1 });
    expect(parseJobSpec({ type: 'video', confidentiality: 'public', media: { sizeGb: 7, inputs } }, { now }).media.sizeGb).toBe(7);
    expect(parseJobSpec({ type: 'video', confidentiality: 'public', media: { inputs: [] } }, { now }).media.sizeGb).toBe(0);
  });

  it('accepts a deadline as epoch ms, ISO string with offset, or Date, and returns epoch ms', () => {
    const later = now + 60_000;
    for (const deadline of [later, new Date(later).toISOString(), new Date(later)]) {
      expect(parseJobSpec({ type: 'image', confidentiality: 'public', deadline }, { now }).deadline).toBe(later);
    }
  });

  it.each([
    ['missing confidentiality (never guessed)', { type: 'video' }, 'confidentiality'],
    ['unknown type', { type: 'text', confidentiality: 'public' }, 'type'],
    ['unknown priority', { type: 'video', confidentiality: 'public', priority: 'urgent' }, 'priority'],
    ['negative VRAM', { type: 'video', confidentiality: 'public', requirements: { minVramGb: -1 } }, 'requirements.minVramGb'],
    ['NaN media size', { type: 'video', confidentiality: 'public', media: { sizeGb: Number.NaN } }, 'media.sizeGb'],
    [
      'Infinity duration',
      { type: 'video', confidentiality: 'public', estimatedDurationSeconds: Number.POSITIVE_INFINITY },
      'estimatedDurationSeconds',
    ],
    ['wrong type of field', { type: 'video', confidentiality: 'public', checkpointable: 'yes' }, 'checkpointable'],
    ['bad CUDA version', { type: 'video', confidentiality: 'public', requirements: { cudaVersion: 'twelve' } }, 'requirements.cudaVersion'],
    [
      'negative input size',
      { type: 'video', confidentiality: 'public', media: { inputs: [{ key: 'a', sizeBytes: -1 }] } },
      'media.inputs.0.sizeBytes',
    ],
    ['input without a key', { type: 'video', confidentiality: 'public', media: { inputs: [{ sizeBytes: 1 }] } }, 'media.inputs.0.key'],
    ['bad resolution', { type: 'video', confidentiality: 'public', media: { resolution: 'huge' } }, 'media.resolution'],
    ['misspelt field', { type: 'video', confidentiality: 'public', requirement: {} }, ''],
    ['deadline in the past', { type: 'video', confidentiality: 'public', deadline: now - 1 }, 'deadline'],
    ['deadline equal to now', { type: 'video', confidentiality: 'public', deadline: now }, 'deadline'],
    ['custom job without VRAM', { type: 'custom', confidentiality: 'public' }, 'requirements.minVramGb'],
    ['empty region list', { type: 'video', confidentiality: 'public', requirements: { regions: [] } }, 'requirements.regions'],
  ])('rejects %s with the path', (_name, input, path) => {
    expect(issuesOf(input).map((issue) => issue.path)).toContain(path);
  });

  it('lists every problem at once, including a past deadline next to other errors', () => {
    const issues = issuesOf({ type: 'film', confidentiality: 'secret', deadline: now - 5, media: { sizeGb: -2 } });
    expect(issues.map((issue) => issue.path).sort()).toEqual(['confidentiality', 'deadline', 'media.sizeGb', 'type']);
  });

  it('rejects non-objects without crashing', () => {
    for (const input of [null, undefined, 42, 'video', []]) expect(issuesOf(input).length).toBeGreaterThan(0);
  });

  it('gives an error with a stable code and a message naming each field', () => {
    try {
      parseJobSpec({ type: 'video', confidentiality: 'public', priority: 'asap' }, { now });
      expect.unreachable();
    } catch (error) {
      expect(ValidationError.isInstance(error)).toBe(true);
      if (!ValidationError.isInstance(error)) return;
      expect(error.code).toBe('AIMA_VALIDATION');
      expect(error.message).toContain('priority');
      expect(error.message).toContain('Fix the fields');
    }
  });
});
