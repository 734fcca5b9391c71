import type { JobSpec } from '../config/job-spec.js';

/** Which job fields beyond its requirements a policy reads. */
export interface PolicyReads {
  readonly priority: boolean;
  readonly deadline: boolean;
}

function sameList(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
  return true;
}

/**
 * Whether two job specs agree on everything the built-in plugins and policies read, so they get
 * the same decision in the same context. Left out is what they never read: the id, the payload,
 * and, unless the policy reads them, the priority and the deadline.
 */
export function sameRequirements(a: JobSpec, b: JobSpec, reads: PolicyReads): boolean {
  if (a === b) return true;
  const needsA = a.requirements;
  const needsB = b.requirements;
  const mediaA = a.media;
  const mediaB = b.media;
  return (
    a.type === b.type &&
    a.confidentiality === b.confidentiality &&
    a.urgency === b.urgency &&
    a.estimatedDurationSeconds === b.estimatedDurationSeconds &&
    a.tenant === b.tenant &&
    sameList(a.roles, b.roles) &&
    a.checkpointable === b.checkpointable &&
    a.complexity === b.complexity &&
    needsA.minVramGb === needsB.minVramGb &&
    needsA.cudaVersion === needsB.cudaVersion &&
    needsA.computeCapability === needsB.computeCapability &&
    sameList(needsA.gpuModels, needsB.gpuModels) &&
    sameList(needsA.regions, needsB.regions) &&
    sameList(needsA.tags, needsB.tags) &&
    needsA.model === needsB.model &&
    mediaA.sizeGb === mediaB.sizeGb &&
    mediaA.location === mediaB.location &&
    mediaA.durationSeconds === mediaB.durationSeconds &&
    mediaA.resolution === mediaB.resolution &&
    mediaA.count === mediaB.count &&
    (!reads.priority || a.priority === b.priority) &&
    (!reads.deadline || a.deadline === b.deadline)
  );
}

const FNV_PRIME = 0x01000193;
const numberBits = new Float64Array(1);
const numberWords = new Uint32Array(numberBits.buffer);

function mixText(hash: number, value: string | undefined): number {
  if (value === undefined) return Math.imul(hash ^ 0x2d, FNV_PRIME);
  let mixed = hash;
  for (let index = 0; index < value.length; index++) mixed = Math.imul(mixed ^ value.charCodeAt(index), FNV_PRIME);
  return Math.imul(mixed ^ 0x1f, FNV_PRIME);
}

function mixNumber(hash: number, value: number | undefined): number {
  if (value === undefined) return Math.imul(hash ^ 0x2d, FNV_PRIME);
  // Small integers (most fields) mix as themselves; equal numbers always take the same branch.
  if ((value | 0) === value) return Math.imul(Math.imul(hash ^ 0x3c, FNV_PRIME) ^ value, FNV_PRIME);
  numberBits[0] = value === 0 ? 0 : value; // -0 === 0, so both must hash alike
  return Math.imul(Math.imul(hash ^ (numberWords[0] as number), FNV_PRIME) ^ (numberWords[1] as number), FNV_PRIME);
}

function mixList(hash: number, values: readonly string[] | undefined): number {
  if (values === undefined) return Math.imul(hash ^ 0x2d, FNV_PRIME);
  let mixed = mixNumber(hash, values.length);
  for (let index = 0; index < values.length; index++) mixed = mixText(mixed, values[index]);
  return mixed;
}

/**
 * A 30-bit hash of the fields {@link sameRequirements} compares (FNV-1a): specs it calls the same
 * hash alike. Only an index into buckets: the comparison decides. 30 bits, so the hash is a small
 * integer that a `Map` keys without boxing it.
 */
export function requirementHash(spec: JobSpec, reads: PolicyReads): number {
  const { requirements: needs, media } = spec;
  let hash = mixText(0x811c9dc5, spec.type);
  hash = mixText(hash, spec.confidentiality);
  hash = mixText(hash, spec.urgency);
  hash = mixNumber(hash, spec.estimatedDurationSeconds);
  hash = mixText(hash, spec.tenant);
  hash = mixList(hash, spec.roles);
  hash = mixNumber(hash, spec.checkpointable ? 1 : 0);
  hash = mixText(hash, spec.complexity);
  hash = mixNumber(hash, needs.minVramGb);
  hash = mixText(hash, needs.cudaVersion);
  hash = mixText(hash, needs.computeCapability);
  hash = mixList(hash, needs.gpuModels);
  hash = mixList(hash, needs.regions);
  hash = mixList(hash, needs.tags);
  hash = mixText(hash, needs.model);
  hash = mixNumber(hash, media.sizeGb);
  hash = mixText(hash, media.location);
  hash = mixNumber(hash, media.durationSeconds);
  hash = mixText(hash, media.resolution);
  hash = mixNumber(hash, media.count);
  if (reads.priority) hash = mixText(hash, spec.priority);
  if (reads.deadline) hash = mixNumber(hash, spec.deadline);
  return hash & 0x3fffffff;
}
