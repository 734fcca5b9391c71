import type { JobSpec } from '../config/job-spec.js';
import type { SchedulerConfig } from '../config/scheduler-config.js';

/** A job spec with the figures every plugin needs resolved once per decision. */
export interface PreparedJob {
  readonly spec: JobSpec;
  /** VRAM needed per GPU: the job's own figure or its media type's default (D1). */
  readonly vramRequiredGb: number;
  readonly durationSeconds: number;
  readonly durationSource: 'job' | 'default';
}

/** Resolves the job's VRAM need and duration from its spec and the configuration. */
export function prepareJob(spec: JobSpec, config: SchedulerConfig): PreparedJob {
  const vramRequiredGb = vramNeededGb(spec, config);
  const durationSource = spec.estimatedDurationSeconds === undefined ? 'default' : 'job';
  return {
    spec,
    vramRequiredGb,
    durationSeconds: spec.estimatedDurationSeconds ?? config.defaultJobDurationSeconds,
    durationSource,
  };
}

/** VRAM per GPU a job needs: its own minimum, else its media type's default from the config. */
export function vramNeededGb(spec: JobSpec, config: SchedulerConfig): number {
  // A custom job without minVramGb is rejected by the job spec schema.
  return spec.requirements.minVramGb ?? (spec.type === 'custom' ? 0 : config.vramByMediaType[spec.type]);
}
