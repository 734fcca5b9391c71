import type { JobSpec, SchedulerConfig } from '@aima/core';

/**
 * The seed's `job_requirements` dict (seed 000 §1.3), camel-cased, plus the fields its undefined
 * helpers need to check what the engine's filters check. Built from a core `JobSpec` so both
 * implementations see the same job.
 */
export interface SeedJobRequirements {
  /** `vram_required`: the job's `minVramGb`, else its media type's default (as the engine resolves it). */
  readonly vramRequired: number;
  /** `data_confidentiality` */
  readonly dataConfidentiality: JobSpec['confidentiality'];
  /** `urgency_level` */
  readonly urgencyLevel: JobSpec['urgency'];
  /** `media_size_gb` */
  readonly mediaSizeGb: number;
  readonly mediaLocation: string | undefined;
  /** Run time, for the cost estimates; the configured default when the job gives none. */
  readonly durationSeconds: number;
  readonly checkpointable: boolean;
  readonly cudaVersion: string | undefined;
  readonly computeCapability: string | undefined;
  readonly gpuModels: readonly string[] | undefined;
  readonly regions: readonly string[] | undefined;
  readonly tags: readonly string[];
  readonly model: string | undefined;
  readonly tenant: string | undefined;
  readonly roles: readonly string[];
}

/** Maps a job spec onto the seed's requirements, resolving defaults the way the engine does. */
export function toSeedJobRequirements(spec: JobSpec, config: SchedulerConfig): SeedJobRequirements {
  const { requirements, media } = spec;
  return {
    vramRequired: requirements.minVramGb ?? (spec.type === 'custom' ? 0 : config.vramByMediaType[spec.type]),
    dataConfidentiality: spec.confidentiality,
    urgencyLevel: spec.urgency,
    mediaSizeGb: media.sizeGb,
    mediaLocation: media.location,
    durationSeconds: spec.estimatedDurationSeconds ?? config.defaultJobDurationSeconds,
    checkpointable: spec.checkpointable,
    cudaVersion: requirements.cudaVersion,
    computeCapability: requirements.computeCapability,
    gpuModels: requirements.gpuModels,
    regions: requirements.regions,
    tags: requirements.tags,
    model: requirements.model,
    tenant: spec.tenant,
    roles: spec.roles,
  };
}
