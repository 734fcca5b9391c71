import type { JobSpec } from '../config/job-spec.js';

/**
 * What an engine with its decision cache works out once per job and keeps with it: which
 * requirement signature the job has. Without it, every decision reads and hashes the job's
 * requirement fields again; with it, a decision reads none of them, and the work is done once,
 * at submission, while the spec is fresh in memory (a job that waits is decided again every round).
 *
 * Make one with `engine.memoFor(spec)` when the job arrives and pass it with that same spec on
 * every `decide`. A memo only counts for the spec object and the engine it was made for; with
 * any other spec or engine it is ignored, so a wrong memo costs time, never a wrong decision.
 * Engines without the cache make empty memos and ignore them. Specs are read-only: a spec
 * changed in place after its memo was made keeps its old signature.
 */
export class DecisionMemo {
  /** @internal The cache that made the memo; undefined for an engine without one. */
  readonly owner: object | undefined;
  /** @internal The spec it was made for. */
  readonly spec: JobSpec | undefined;
  /** @internal The number of the spec's signature in that cache. */
  readonly signature: number;

  /** @internal Made by `engine.memoFor(spec)`. */
  constructor(owner?: object, spec?: JobSpec, signature = -1) {
    this.owner = owner;
    this.spec = spec;
    this.signature = signature;
  }
}
