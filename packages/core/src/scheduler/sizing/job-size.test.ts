import { describe, expect, it } from 'vitest';
import { type JobSpecInput, parseJobSpec } from '../../config/job-spec.js';
import { parseSchedulerConfig } from '../../config/scheduler-config.js';
import { estimateJobSize, recommendResourceClass } from './job-size.js';

const config = parseSchedulerConfig();
const spec = (input: Partial<JobSpecInput>) => parseJobSpec({ type: 'video', confidentiality: 'public', ...input }, { now: 0 });

describe('estimateJobSize (seed 002 _estimate_job_size)', () => {
  it.each([
    ['9 min of fhd video, standard → small', { media: { durationSeconds: 540, resolution: 'fhd' } }, 9, 'small'],
    ['10 min of 4k video → 40 min, medium', { media: { durationSeconds: 600, resolution: '4k' } }, 40, 'medium'],
    [
      '20 min of 3840x2160 video, high complexity → 160, large',
      { media: { durationSeconds: 1200, resolution: '3840x2160' }, complexity: 'high' as const },
      160,
      'large',
    ],
    [
      '30 min of 720p (hd) video, low → 7.5, small',
      { media: { durationSeconds: 1800, resolution: 'hd' }, complexity: 'low' as const },
      7.5,
      'small',
    ],
    ['the job’s own duration wins', { estimatedDurationSeconds: 7200, media: { durationSeconds: 60 } }, 120, 'large'],
  ])('%s', (_name, input, score, sizeClass) => {
    const estimate = estimateJobSize(spec(input), config);
    expect(estimate.sizeScore).toBeCloseTo(score, 10);
    expect(estimate.sizeClass).toBe(sizeClass);
    expect(estimate.durationSeconds).toBeCloseTo(score * 60, 10);
  });

  it('sizes images by count and audio by duration, and says when there is nothing to go on', () => {
    expect(estimateJobSize(spec({ type: 'image', media: { count: 2400 } }), config)).toMatchObject({ sizeScore: 20, source: 'media' });
    expect(estimateJobSize(spec({ type: 'audio', media: { durationSeconds: 600, resolution: '4k' } }), config).sizeScore).toBe(10);
    expect(estimateJobSize(spec({}), config)).toEqual({ sizeScore: 0, sizeClass: 'small', source: 'none' });
  });
});

describe('recommendResourceClass (seed 002 _analyze_profile_data)', () => {
  const profiles = [
    { resourceClass: 'gpu-large' as const, executionTimeSeconds: 100, costUsd: 4, completed: true },
    { resourceClass: 'gpu-medium' as const, executionTimeSeconds: 200, costUsd: 1, completed: true },
    { resourceClass: 'gpu-small' as const, executionTimeSeconds: 900, costUsd: 0.5, completed: false },
  ];
  it.each([
    ['high → fastest', 'high' as const, 'gpu-large'],
    ['low → cheapest', 'low' as const, 'gpu-small'],
    ['normal → time × cost', 'normal' as const, 'gpu-medium'],
  ])('%s', (_name, priority, expected) => {
    expect(recommendResourceClass(spec({ priority }), 'medium', profiles)).toBe(expected);
  });

  it('falls back to a default by media type and size without profiles', () => {
    expect(recommendResourceClass(spec({}), 'large')).toBe('gpu-large');
    expect(recommendResourceClass(spec({ type: 'audio' }), 'small')).toBe('gpu-small');
  });
});
