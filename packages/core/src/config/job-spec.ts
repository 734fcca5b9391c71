import { z } from 'zod';
import { ValidationError } from '../errors/validation-error.js';
import { toValidationIssues } from './parse-input.js';
import { computeCapabilitySchema, nameSchema, versionSchema } from './primitives.js';

/** Kind of media analysis; sets the default VRAM need (seed 000 §1.1). */
export const jobTypeSchema = z.enum(['video', 'image', 'audio', 'custom']);
/** Data classification (seed 000 §1.1): `confidential` never leaves the host's GPUs. */
export const confidentialitySchema = z.enum(['public', 'internal', 'confidential']);
/** Priority class (seed 002 §4.1). */
export const prioritySchema = z.enum(['critical', 'high', 'normal', 'low', 'batch']);
/** Urgency (seed 000 `urgency_level`). */
export const urgencySchema = z.enum(['low', 'normal', 'high']);

/** What the target GPU must offer. */
export const jobRequirementsSchema = z.strictObject({
  /** Minimum VRAM per GPU in GB. Defaults to the job type's value in `SchedulerConfig.vramByMediaType`. */
  minVramGb: z.number().positive().optional(),
  /** Minimum CUDA version, e.g. `"12.1"`. */
  cudaVersion: versionSchema.optional(),
  /** Minimum compute capability, e.g. `"8.0"` for tensor-core FP16/BF16. */
  computeCapability: computeCapabilitySchema.optional(),
  /** Acceptable GPU models; a target matches when its name holds every word of one entry, e.g. `["A100 80GB", "H100"]`. */
  gpuModels: z.array(nameSchema).min(1).optional(),
  /** Allowed regions or sites for data residency, e.g. `["eu-central", "on-prem-berlin"]`. */
  regions: z.array(nameSchema).min(1).optional(),
  /** Regulatory tags the target must carry, e.g. `["gdpr"]`. @default [] */
  tags: z.array(nameSchema).default([]),
  /** The ML model the job runs; a GPU that lists `supportedModels` must include it. */
  model: nameSchema.optional(),
});

/** Bytes per GB in size estimates: decimal, as `transferSeconds` counts 1 GB = 8000 Mb. */
const bytesPerGb = 1e9;

/** One input object of a job (S3): where it lives and how big it is, for transfer planning. */
export const jobInputSchema = z.strictObject({
  /** An object key in the host's store, or a URL the job fetches itself. */
  key: nameSchema,
  sizeBytes: z.number().int().nonnegative(),
  /** Region or site the object lives in; absent means the host's premises. */
  location: nameSchema.optional(),
  /** MIME type such as `video/mp4`; already-compressed types are not gzipped before transfer. */
  contentType: nameSchema.optional(),
});

/** Facts about the job's input media, used for size and upload-time estimates. */
export const mediaSchema = z
  .strictObject({
    /** Total input size in GB. @default the sum of `inputs` sizes, else 0 */
    sizeGb: z.number().nonnegative().optional(),
    /** The input objects, for transfer planning (`planTransfers`); their sum is `sizeGb` when that is absent. */
    inputs: z.array(jobInputSchema).optional(),
    /**
     * Where the input lives: a region or site name. When it equals a cloud offer's region no upload
     * is needed; when absent the input is on the host's premises and a cloud GPU needs an upload.
     */
    location: nameSchema.optional(),
    /** Media duration in seconds (video, audio). */
    durationSeconds: z.number().positive().optional(),
    /** Resolution such as `"1920x1080"` or a preset: `sd`, `hd`, `fhd`, `qhd`, `4k`, `8k`. */
    resolution: z
      .string()
      .regex(/^(\d+x\d+|sd|hd|fhd|qhd|4k|8k)$/i, 'must be WIDTHxHEIGHT or one of sd, hd, fhd, qhd, 4k, 8k')
      .optional(),
    /** Number of media items (images, clips). @default 1 */
    count: z.number().int().positive().default(1),
  })
  .transform(({ sizeGb, ...media }) => ({
    sizeGb: sizeGb ?? (media.inputs ?? []).reduce((sum, input) => sum + input.sizeBytes, 0) / bytesPerGb,
    ...media,
  }));

const deadlineSchema = z
  .union([z.number().int().positive(), z.iso.datetime({ offset: true }), z.date()])
  .transform((value) => (typeof value === 'number' ? value : new Date(value).getTime()));

/** The job spec a host submits. `z.input` is what hosts write; `JobSpec` is what code reads. */
export const jobSpecSchema = z
  .strictObject({
    /** Host-chosen id; the scheduler assigns one when absent. */
    id: nameSchema.optional(),
    type: jobTypeSchema,
    /** Required: AIMA never guesses a data classification. */
    confidentiality: confidentialitySchema,
    /** @default 'normal' */
    priority: prioritySchema.default('normal'),
    /** @default 'normal' */
    urgency: urgencySchema.default('normal'),
    /** Latest completion time: epoch milliseconds, ISO-8601 string with offset, or Date. */
    deadline: deadlineSchema.optional(),
    /** @default {} */
    requirements: jobRequirementsSchema.prefault({}),
    /** @default { sizeGb: 0, count: 1 } */
    media: mediaSchema.prefault({}),
    /** Expected run time on a suitable GPU; estimated from the media when absent. */
    estimatedDurationSeconds: z.number().positive().optional(),
    /** Tenant the job belongs to, checked against GPU access restrictions. */
    tenant: nameSchema.optional(),
    /** Roles the submitter holds, checked against GPU access restrictions. @default [] */
    roles: z.array(nameSchema).default([]),
    /** Whether the job can checkpoint and resume (required for interruptible cloud offers). @default false */
    checkpointable: z.boolean().default(false),
    /** Analysis complexity (seed 002 `analysis_complexity`), scales the size estimate. @default 'standard' */
    complexity: z.enum(['low', 'standard', 'high']).default('standard'),
    /**
     * Steps that read this job's outputs, with where they run when known: the runner is told to
     * write outputs there (`context.outputs`, seed 002 `optimize_data_placement`).
     */
    nextSteps: z.array(z.strictObject({ location: nameSchema.optional() })).optional(),
    /** Free-form data for the runner (model options, input URLs); AIMA passes it through untouched. */
    payload: z.record(z.string(), z.unknown()).optional(),
  })
  .superRefine((spec, context) => {
    if (spec.type === 'custom' && spec.requirements.minVramGb === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['requirements', 'minVramGb'],
        message: 'a custom job has no default VRAM need: set requirements.minVramGb',
      });
    }
  });

/** What hosts write. */
export type JobSpecInput = z.input<typeof jobSpecSchema>;
/** A validated job spec with defaults applied. */
export type JobSpec = z.output<typeof jobSpecSchema>;
export type JobType = z.output<typeof jobTypeSchema>;
/** One input object of a job, as code reads it. */
export type JobInput = z.output<typeof jobInputSchema>;
export type Confidentiality = z.output<typeof confidentialitySchema>;
export type Priority = z.output<typeof prioritySchema>;
export type Urgency = z.output<typeof urgencySchema>;

/** Options for {@link parseJobSpec}. */
export interface ParseJobSpecOptions {
  /** Current time in epoch ms; a deadline at or before it is rejected. */
  now: number;
}

/**
 * Validates a job spec from outside and applies defaults.
 * @throws ValidationError listing every problem, including a deadline that has already passed.
 */
export function parseJobSpec(input: unknown, options: ParseJobSpecOptions): JobSpec {
  const result = jobSpecSchema.safeParse(input);
  const issues = result.success ? [] : toValidationIssues(result.error);
  const deadline = readDeadline(input);
  if (deadline !== undefined && deadline <= options.now) {
    issues.push({
      path: 'deadline',
      message: `is in the past (${new Date(deadline).toISOString()} is not after now, ${new Date(options.now).toISOString()})`,
    });
  }
  if (!result.success || issues.length > 0) throw new ValidationError('job spec', issues);
  return result.data;
}

/** The deadline in epoch ms when the input has a well-formed one, checked apart from the rest. */
function readDeadline(input: unknown): number | undefined {
  if (typeof input !== 'object' || input === null || !('deadline' in input)) return undefined;
  const parsed = deadlineSchema.safeParse(input.deadline);
  return parsed.success ? parsed.data : undefined;
}
