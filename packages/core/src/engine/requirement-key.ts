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

/** Stores a field's value at `index` and mixes it into `hash`. */
function putText(into: RequirementValues, index: number, value: string | undefined, hash: number): number {
  into[index] = value;
  return mixText(hash, value);
}

function putNumber(into: RequirementValues, index: number, value: number | undefined, hash: number): number {
  into[index] = value;
  return mixNumber(hash, value);
}

function putList(into: RequirementValues, index: number, value: readonly string[] | undefined, hash: number): number {
  into[index] = value;
  return mixList(hash, value);
}

/** A spec's requirement fields as {@link readRequirements} lays them out: compare with {@link sameValues}. */
export type RequirementValues = unknown[];

/** Positions of the list fields in {@link RequirementValues}: compared element by element. */
const LIST_FIELDS = new Set([5, 11, 12, 13]);

/**
 * Reads every field the built-in plugins and policies read from a spec, once, into `into` (a
 * reused array: the spec's fields are read through many object shapes, so each read counts),
 * and returns a 30-bit FNV-1a hash of them. Specs that agree on those fields hash alike and lay
 * out equal values; the hash only picks a bucket, {@link sameValues} decides. Left out is what
 * no plugin reads: the id, the payload, and, unless the policy reads them, the priority and the
 * deadline. 30 bits, so the hash is a small integer that a `Map` keys without boxing it.
 */
export function readRequirements(spec: JobSpec, reads: PolicyReads, into: RequirementValues): number {
  const needs = spec.requirements;
  const media = spec.media;
  let hash = 0x811c9dc5;
  hash = putText(into, 0, spec.type, hash);
  hash = putText(into, 1, spec.confidentiality, hash);
  hash = putText(into, 2, spec.urgency, hash);
  hash = putNumber(into, 3, spec.estimatedDurationSeconds, hash);
  hash = putText(into, 4, spec.tenant, hash);
  hash = putList(into, 5, spec.roles, hash);
  hash = putNumber(into, 6, spec.checkpointable ? 1 : 0, hash);
  hash = putText(into, 7, spec.complexity, hash);
  hash = putNumber(into, 8, needs.minVramGb, hash);
  hash = putText(into, 9, needs.cudaVersion, hash);
  hash = putText(into, 10, needs.computeCapability, hash);
  hash = putList(into, 11, needs.gpuModels, hash);
  hash = putList(into, 12, needs.regions, hash);
  hash = putList(into, 13, needs.tags, hash);
  hash = putText(into, 14, needs.model, hash);
  hash = putNumber(into, 15, media.sizeGb, hash);
  hash = putText(into, 16, media.location, hash);
  hash = putNumber(into, 17, media.durationSeconds, hash);
  hash = putText(into, 18, media.resolution, hash);
  hash = putNumber(into, 19, media.count, hash);
  hash = putText(into, 20, reads.priority ? spec.priority : undefined, hash);
  hash = putNumber(into, 21, reads.deadline ? spec.deadline : undefined, hash);
  return hash & 0x3fffffff;
}

/** Whether two read-outs of {@link readRequirements} are equal (lists element by element; 0 and -0 alike). */
export function sameValues(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) {
    const left = a[index];
    const right = b[index];
    if (left === right) continue;
    if (!LIST_FIELDS.has(index) || !sameList(left as readonly string[] | undefined, right as readonly string[] | undefined)) return false;
  }
  return true;
}

/**
 * Whether two job specs agree on everything the built-in plugins and policies read, so they get
 * the same decision in the same context (see {@link readRequirements} for what is left out).
 */
export function sameRequirements(a: JobSpec, b: JobSpec, reads: PolicyReads): boolean {
  const left: RequirementValues = [];
  const right: RequirementValues = [];
  readRequirements(a, reads, left);
  readRequirements(b, reads, right);
  return sameValues(left, right);
}

/** The hash {@link readRequirements} gives a spec. */
export function requirementHash(spec: JobSpec, reads: PolicyReads): number {
  return readRequirements(spec, reads, []);
}
