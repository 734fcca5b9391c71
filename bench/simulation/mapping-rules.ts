import type { Priority } from '@aima/core';

/**
 * The deterministic rules of evaluation.md §4 that every trace shares: the fixed epoch, the
 * confidentiality label per tenant (§4.3) and the deadline from slack (§4.5).
 */

/** Trace second 0 is placed at this instant (2026-01-01T00:00:00Z). */
export const traceEpochMs = Date.UTC(2026, 0, 1);

/** Slack multipliers per priority level (§4.5). */
export interface Slack {
  readonly high: number;
  readonly normal: number;
  readonly low: number;
}

/** §4.5 defaults: high 2×, normal 5×, low 20×. */
export const defaultSlack: Slack = { high: 2, normal: 5, low: 20 };

/** §4.5 overhead: the p90 cold start, about 45 s. */
export const deadlineOverheadSeconds = 45;

/** What the per-trace mappings need from the command line. */
export interface MappingOptions {
  /** Seeds the confidentiality hash. @default 1 */
  readonly seed?: number;
  /** Share of tenants, in percent, whose jobs are confidential (§4.3). @default 20 */
  readonly confidentialPercent?: number;
  /** @default defaultSlack */
  readonly slack?: Slack;
}

/** §4.2 VRAM classes for placement: ≤8, ≤16, ≤24, ≤32, ≤48, ≤80 GB, then >80. */
export const vramClassBoundsGb: readonly number[] = [8, 16, 24, 32, 48, 80];

/**
 * The VRAM a job asks for: its need rounded up to its class bound (§4.2: "the feasible offer set
 * is every GPU whose VRAM is at least the class bound"); above 80 GB the need itself.
 */
export function vramClassGb(needGb: number): number {
  return vramClassBoundsGb.find((bound) => needGb <= bound) ?? needGb;
}

/** 32-bit FNV-1a over the UTF-8 bytes of `text`. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** §4.3: `confidential = (fnv1a(seed + tenant) % 100) < P`, with seed and tenant joined as text. */
export function isConfidentialTenant(tenant: string, options: MappingOptions = {}): boolean {
  return fnv1a(`${options.seed ?? 1}${tenant}`) % 100 < (options.confidentialPercent ?? 20);
}

/** Slack of a priority level; levels outside high/normal/low use normal's. */
export function slackFor(priority: Priority, slack: Slack = defaultSlack): number {
  if (priority === 'high' || priority === 'critical') return slack.high;
  if (priority === 'low' || priority === 'batch') return slack.low;
  return slack.normal;
}

/** §4.5: `deadline = submit + slack(priority) × duration + overhead`, epoch ms (whole ms). */
export function deadlineFor(submitAtMs: number, durationSeconds: number, priority: Priority, slack?: Slack): number {
  return Math.round(submitAtMs + (slackFor(priority, slack) * durationSeconds + deadlineOverheadSeconds) * 1000);
}
