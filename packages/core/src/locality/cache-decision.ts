/** One access to an input object, as the scheduler records it when a job reads its inputs. */
export interface CacheAccess {
  readonly key: string;
  /** Epoch ms. */
  readonly at: number;
  /** The accessing job's type (`video`, `image`...); distinct types raise the priority. */
  readonly jobType: string;
  /** The object's size; the newest access's value counts. */
  readonly sizeBytes: number;
}

/** An object in the cache already. */
export interface CachedObject {
  readonly key: string;
  readonly sizeBytes: number;
}

/** Options of {@link decideCache}; the defaults are seed 002 §5.2's numbers. */
export interface CacheDecisionOptions {
  /** Epoch ms. */
  readonly now: number;
  /** Frequency counts accesses per hour over this window (`storage.cacheWindowSeconds`; seed 24 h). */
  readonly windowSeconds: number;
  /** Cache size (`storage.cacheCapacityBytes`). */
  readonly capacityBytes: number;
  /** Objects cached already: skipped, and their size is taken from the capacity. @default [] */
  readonly cached?: readonly CachedObject[];
  /** `priority = frequency × (1 + diversityFactor × distinct job types)` (`locality.cacheDiversityFactor`). @default 0.1 */
  readonly diversityFactor?: number;
  /** Cached when the priority is strictly above this (`locality.cachePriorityThreshold`). @default 0.5 */
  readonly priorityThreshold?: number;
  /** Accesses remembered per object, newest kept (the seed's `access_history` limit). @default 100 */
  readonly historyLimit?: number;
}

/** An uncached object with its figures. */
export interface CacheCandidate {
  readonly key: string;
  readonly priority: number;
  readonly accessesPerHour: number;
  readonly jobTypeDiversity: number;
  readonly sizeBytes: number;
}

/** The outcome: what to cache, in admission order, and why the rest is not. */
export interface CacheDecision {
  readonly admit: readonly CacheCandidate[];
  readonly declined: readonly { readonly candidate: CacheCandidate; readonly reason: string }[];
  /** Capacity left after the admitted objects. */
  readonly freeBytes: number;
}

/**
 * Seed 002 `_update_cache_decisions`: for every uncached object, frequency = its accesses within the
 * window (of the last `historyLimit`) per hour, diversity = the distinct job types that ever
 * accessed it; candidates above the threshold are taken by descending priority (ties in the order
 * keys first appear in the log) while they fit in the free capacity. A candidate that does not fit is passed over
 * and smaller ones after it may still be admitted, as in the seed. Pure.
 */
export function decideCache(accessLog: readonly CacheAccess[], options: CacheDecisionOptions): CacheDecision {
  const { now, windowSeconds, diversityFactor = 0.1, priorityThreshold = 0.5, historyLimit = 100 } = options;
  const cached = options.cached ?? [];
  const cachedKeys = new Set(cached.map((object) => object.key));
  const declined: { candidate: CacheCandidate; reason: string }[] = [];
  const eligible: CacheCandidate[] = [];
  for (const [key, accesses] of groupByKey(accessLog)) {
    if (cachedKeys.has(key)) continue;
    const history = [...accesses].sort((a, b) => a.at - b.at).slice(-historyLimit);
    const recent = history.filter((access) => now - access.at < windowSeconds * 1000).length;
    const accessesPerHour = recent / (windowSeconds / 3600);
    const jobTypeDiversity = new Set(accesses.map((access) => access.jobType)).size;
    const priority = accessesPerHour * (1 + diversityFactor * jobTypeDiversity);
    const sizeBytes = history.at(-1)?.sizeBytes ?? 0;
    const candidate = { key, priority, accessesPerHour, jobTypeDiversity, sizeBytes };
    if (priority > priorityThreshold) eligible.push(candidate);
    else declined.push({ candidate, reason: `priority ${round(priority)} is not above ${priorityThreshold}` });
  }
  let freeBytes = options.capacityBytes - cached.reduce((sum, object) => sum + object.sizeBytes, 0);
  const admit: CacheCandidate[] = [];
  for (const candidate of eligible.sort((a, b) => b.priority - a.priority)) {
    if (candidate.sizeBytes <= freeBytes) {
      admit.push(candidate);
      freeBytes -= candidate.sizeBytes;
    } else declined.push({ candidate, reason: `needs ${candidate.sizeBytes} bytes, ${Math.max(0, freeBytes)} free` });
  }
  return { admit, declined, freeBytes };
}

/** Accesses per key, keys in order of first access. */
function groupByKey(accessLog: readonly CacheAccess[]): Map<string, CacheAccess[]> {
  const byKey = new Map<string, CacheAccess[]>();
  for (const access of accessLog) {
    const accesses = byKey.get(access.key);
    if (accesses === undefined) byKey.set(access.key, [access]);
    else accesses.push(access);
  }
  return byKey;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
