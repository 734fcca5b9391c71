import type { Decision, GpuClassView, JobSpec } from '@aima/core';

/** A decision made once for a requirement signature, and the GPU class it chose (for `local`). */
export interface CachedDecision {
  readonly decision: Decision;
  readonly gpuClass?: GpuClassView;
}

/**
 * The fields of a job spec the engine reads. No built-in filter or scorer reads the id, payload,
 * priority or deadline; of the built-in policies `hybrid-threshold` reads the priority and
 * `cost-optimal` the deadline, so those two are in the signature unless the policy is `aima`.
 * Two jobs with one signature get the same decision from the same context.
 */
export function requirementSignature(spec: JobSpec, policy: string): string {
  const perPolicy = policy === 'aima' ? [] : [spec.priority, spec.deadline ?? null];
  return JSON.stringify([
    spec.type,
    spec.confidentiality,
    spec.urgency,
    spec.requirements,
    spec.media,
    spec.estimatedDurationSeconds ?? null,
    spec.tenant ?? null,
    spec.roles,
    spec.checkpointable,
    spec.complexity,
    ...perPolicy,
  ]);
}

/** How the fleet's class states have changed, as counted by whoever allocates and releases. */
export interface FleetEpochs {
  /** Classes that went from "no free GPU" to "a free GPU" (releases): a new candidate may beat a cached winner. */
  readonly freed: number;
  /** Classes that went from "a free GPU" to "none" (placements). */
  readonly exhausted: number;
}

interface Entry extends CachedDecision {
  readonly exhausted: number;
}

/**
 * PROTOTYPE of decision caching within one dispatch round (bench only, not in core). A decision
 * is a pure function of the job and the context (`now`, the fleet, the offers, the bandwidth). In
 * a round `now`, offers and bandwidth are fixed; what a decision reads of the fleet is per class:
 * the soonest-free member, free or not. So, for the `aima` policy:
 *
 * - a cached `local` decision stays right while its class still has a free GPU (re-targeted to
 *   that class's soonest-free member) and no class has gained a free GPU: a class running out of
 *   free GPUs only removes a free candidate that had lost (scores are relative to the cheapest
 *   candidate's cost, which does not depend on being free);
 * - a cached `cloud`, `queue` or `reject` decision compared against the set of free classes, so
 *   it stays right only while no class flips either way.
 *
 * Policies reading the fleet's utilisation (`hybrid-threshold`), which changes with every
 * placement, must not use it. Known inexactness: the engine breaks a tie between equally scored
 * classes by the id of their soonest-free GPUs, which moves with every placement; a cached
 * decision keeps the class that won when it was cached. The benchmark measures how often the
 * cached and a fresh decision differ on the same state (shadow check).
 */
export class DecisionCache {
  private readonly entries = new Map<string, Entry>();
  private now = Number.NaN;
  private freed = -1;
  hits = 0;
  misses = 0;
  flushes = 0;

  /** The cached decision for `signature`, still valid at `now` and `epochs`. */
  lookup(signature: string, now: number, epochs: FleetEpochs): CachedDecision | undefined {
    if (now !== this.now || epochs.freed !== this.freed) {
      if (this.entries.size > 0) this.flushes++;
      this.entries.clear();
      this.now = now;
      this.freed = epochs.freed;
      return undefined;
    }
    const entry = this.entries.get(signature);
    if (entry === undefined) return undefined;
    if (entry.decision.outcome !== 'local' && entry.exhausted !== epochs.exhausted) return undefined;
    return entry;
  }

  /** Caches a decision made on the fleet state of `epochs` (call before acting on it). */
  store(signature: string, cached: CachedDecision, epochs: FleetEpochs): void {
    this.entries.set(signature, { ...cached, exhausted: epochs.exhausted });
  }
}
