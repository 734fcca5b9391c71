/**
 * The Vast.ai endpoints this package calls. Vast limits requests per endpoint and per identity
 * (reference A2), so each one gets its own rate-limit queue.
 */
export const vastEndpoints = [
  'search-offers',
  'create-instance',
  'show-instance',
  'list-instances',
  'manage-instance',
  'destroy-instance',
  'show-charges',
] as const;

export type VastEndpoint = (typeof vastEndpoints)[number];

/** At most `perInterval` requests start within any `intervalMs`. */
export interface RateLimit {
  readonly perInterval: number;
  readonly intervalMs: number;
}

/**
 * Defaults. Offer search is documented as 10 requests a minute per IP. The other endpoints carry
 * an `x-rate-limit` threshold without a unit (create 4.5, show 2, list 1, destroy 3, manage 1,
 * charges 1); these defaults stay well inside any reading of it, and a 429 is retried anyway.
 */
export const defaultRateLimits: Readonly<Record<VastEndpoint, RateLimit>> = {
  'search-offers': { perInterval: 10, intervalMs: 60_000 },
  'create-instance': { perInterval: 1, intervalMs: 2_000 },
  'show-instance': { perInterval: 2, intervalMs: 1_000 },
  'list-instances': { perInterval: 2, intervalMs: 1_000 },
  'manage-instance': { perInterval: 1, intervalMs: 1_000 },
  'destroy-instance': { perInterval: 1, intervalMs: 1_000 },
  'show-charges': { perInterval: 1, intervalMs: 1_000 },
};
