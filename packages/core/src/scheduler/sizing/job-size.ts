import type { JobSpec } from '../../config/job-spec.js';
import type { SchedulerConfig } from '../../config/scheduler-config.js';

/** Seed 002's size classes. */
export type JobSizeClass = 'small' | 'medium' | 'large';

/** Seed 002 §3.1 resource classes with their cost factors. */
export const resourceClasses = {
  small: { cpu: 2, memoryGb: 4, gpu: undefined, costFactor: 1 },
  medium: { cpu: 4, memoryGb: 8, gpu: undefined, costFactor: 2 },
  large: { cpu: 8, memoryGb: 16, gpu: undefined, costFactor: 4 },
  'gpu-small': { cpu: 4, memoryGb: 16, gpu: { model: 'T4', vramGb: 16 }, costFactor: 8 },
  'gpu-medium': { cpu: 8, memoryGb: 32, gpu: { model: 'RTX 4090', vramGb: 24 }, costFactor: 16 },
  'gpu-large': { cpu: 16, memoryGb: 64, gpu: { model: 'A100', vramGb: 80 }, costFactor: 32 },
} as const;
export type ResourceClassName = keyof typeof resourceClasses;

/** What the sizing says about a job. */
export interface JobSizeEstimate {
  /** Processing minutes on a reference GPU (seed `size_score`). */
  readonly sizeScore: number;
  readonly sizeClass: JobSizeClass;
  /** Estimated run time: the job's own figure, else `sizeScore × 60`, else undefined (no metadata). */
  readonly durationSeconds?: number;
  readonly source: 'job' | 'media' | 'none';
}

const resolutionPresets: Record<string, 'sd' | 'hd' | 'fhd' | 'qhd' | '4k' | '8k'> = {
  sd: 'sd',
  hd: 'hd',
  fhd: 'fhd',
  qhd: 'qhd',
  '4k': '4k',
  '8k': '8k',
};

/** The resolution factor of seed 002: by preset, or by pixel count against 1920×1080. */
function resolutionFactor(resolution: string | undefined, factors: SchedulerConfig['sizing']['resolutionFactors']): number {
  if (resolution === undefined) return factors.fhd;
  const preset = resolutionPresets[resolution.toLowerCase()];
  if (preset !== undefined) return factors[preset];
  const [width, height] = resolution.toLowerCase().split('x').map(Number);
  const pixels = (width ?? 1920) * (height ?? 1080);
  if (pixels >= 3840 * 2160) return factors['4k'];
  if (pixels >= 2560 * 1440) return factors.qhd;
  if (pixels >= 1920 * 1080) return factors.fhd;
  return factors.hd;
}

/**
 * Seed 002 `_estimate_job_size` (Q5): video and audio by duration × resolution × complexity, images
 * by count × seconds per image × resolution × complexity; size classes at 10 and 60 minutes.
 */
export function estimateJobSize(spec: JobSpec, config: SchedulerConfig): JobSizeEstimate {
  const sizing = config.sizing;
  const complexity = sizing.complexityFactors[spec.complexity];
  const resolution = resolutionFactor(spec.media.resolution, sizing.resolutionFactors);
  let seconds: number | undefined;
  if (spec.type === 'image') seconds = spec.media.count * sizing.secondsPerImage * resolution * complexity;
  else if (spec.media.durationSeconds !== undefined)
    seconds = spec.media.durationSeconds * (spec.type === 'video' ? resolution : 1) * complexity;
  const sizeScore = (spec.estimatedDurationSeconds ?? seconds ?? 0) / 60;
  const sizeClass: JobSizeClass =
    sizeScore < sizing.smallBelowMinutes ? 'small' : sizeScore < sizing.mediumBelowMinutes ? 'medium' : 'large';
  if (spec.estimatedDurationSeconds !== undefined)
    return { sizeScore, sizeClass, durationSeconds: spec.estimatedDurationSeconds, source: 'job' };
  return seconds === undefined
    ? { sizeScore, sizeClass, source: 'none' }
    : { sizeScore, sizeClass, durationSeconds: seconds, source: 'media' };
}

/** Past runs of similar jobs, for the profile-based choice. */
export interface ResourceClassProfile {
  readonly resourceClass: ResourceClassName;
  readonly executionTimeSeconds: number;
  readonly costUsd: number;
  readonly completed: boolean;
}

/**
 * Seed 002 `_analyze_profile_data`: high priority → fastest class, low → cheapest, normal →
 * smallest time × cost; ties by success rate. Without profiles, a default by size and media type.
 */
export function recommendResourceClass(
  spec: JobSpec,
  size: JobSizeClass,
  profiles: readonly ResourceClassProfile[] = [],
): ResourceClassName {
  if (profiles.length === 0) return defaultResourceClass(spec, size);
  const stats = new Map<ResourceClassName, { time: number; cost: number; success: number; count: number }>();
  for (const profile of profiles) {
    const entry = stats.get(profile.resourceClass) ?? { time: 0, cost: 0, success: 0, count: 0 };
    entry.time += profile.executionTimeSeconds;
    entry.cost += profile.costUsd;
    entry.success += profile.completed ? 1 : 0;
    entry.count++;
    stats.set(profile.resourceClass, entry);
  }
  const ranked = [...stats.entries()].map(([name, entry]) => ({
    name,
    time: entry.time / entry.count,
    cost: entry.cost / entry.count,
    success: entry.success / entry.count,
  }));
  const key = (entry: (typeof ranked)[number]): [number, number] => {
    if (spec.priority === 'high' || spec.priority === 'critical') return [entry.time, -entry.success];
    if (spec.priority === 'low' || spec.priority === 'batch') return [entry.cost, entry.time];
    return [entry.time * entry.cost, -entry.success];
  };
  ranked.sort((a, b) => key(a)[0] - key(b)[0] || key(a)[1] - key(b)[1] || (a.name < b.name ? -1 : 1));
  return ranked[0]?.name ?? defaultResourceClass(spec, size);
}

function defaultResourceClass(spec: JobSpec, size: JobSizeClass): ResourceClassName {
  if (spec.type === 'video') return size === 'small' ? 'gpu-medium' : 'gpu-large';
  if (spec.type === 'audio') return size === 'large' ? 'gpu-medium' : 'gpu-small';
  return size === 'large' ? 'gpu-large' : size === 'medium' ? 'gpu-medium' : 'gpu-small';
}
