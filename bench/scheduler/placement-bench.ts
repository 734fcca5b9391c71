import type { DecisionContext, DecisionEngine, JobSpec } from '@aima/core';
import { type DriveOptions, type DriveResult, interleave, PlacementDriver } from './drive.js';
import type { CacheHit, IndexedPlacer, Phases } from './indexed-placer.js';
import { type LatencyFigures, timeEach } from './latency.js';
import { indexedPlacerFor, naivePlacerFor, type Scenario } from './setup.js';

/** Sizes of the placement benchmark. */
export interface PlacementBenchOptions {
  readonly warmup: number;
  readonly picks: number;
  /** Picks per interleaving chunk. */
  readonly chunk: number;
  readonly roundSize: number;
  readonly maxRunning: number;
  readonly naivePicks: number;
  /** Picks of the shadow-checked run. */
  readonly checkPicks: number;
}

/** Mean µs per pick of each phase. */
export interface PhaseMeans {
  readonly popUs: number;
  readonly decideUs: number;
  readonly actUs: number;
}

/** How often a cache hit agrees with a fresh `engine.decide` on the same state. */
export interface ShadowAgreement {
  readonly hits: number;
  /** Same outcome and rule. */
  readonly sameRule: number;
  /** Same rule, estimated cost, local score total and target kind: an equally good choice. */
  readonly equivalent: number;
  /** Exactly the same target (GPU id or offer). */
  readonly sameTarget: number;
}

export interface CacheStats {
  readonly hits: number;
  readonly misses: number;
  readonly flushes: number;
}

export interface PlacementBench {
  readonly indexed: DriveResult;
  readonly cached: DriveResult;
  readonly cache: CacheStats;
  readonly phases: { readonly indexed: PhaseMeans; readonly cached: PhaseMeans };
  readonly shadow: ShadowAgreement;
  readonly naive: DriveResult;
  /** The naive placer's parts: one full sort of the queue, one fleet scan (first fit, front-filled fleet). */
  readonly naiveSort: LatencyFigures;
  readonly naiveScan: LatencyFigures;
}

function statsOf(placer: IndexedPlacer): CacheStats {
  const cache = placer.cache;
  return { hits: cache?.hits ?? 0, misses: cache?.misses ?? 0, flushes: cache?.flushes ?? 0 };
}

function meansOf(phases: Phases, picks: number): PhaseMeans {
  return { popUs: phases.pop / picks / 1_000, decideUs: phases.decide / picks / 1_000, actUs: phases.act / picks / 1_000 };
}

function shadowCheck(scenario: Scenario, drive: DriveOptions, picks: number): ShadowAgreement {
  const engine: DecisionEngine = scenario.engine;
  const tally = { hits: 0, sameRule: 0, equivalent: 0, sameTarget: 0 };
  const onCacheHit = (spec: JobSpec, context: DecisionContext, hit: CacheHit) => {
    const fresh = engine.decide(spec, context);
    const cached = hit.decision;
    tally.hits++;
    if (fresh.outcome !== cached.outcome || fresh.rule !== cached.rule) return;
    tally.sameRule++;
    if (
      fresh.estimatedCostUsd === cached.estimatedCostUsd &&
      fresh.scores.local?.total === cached.scores.local?.total &&
      fresh.target?.kind === cached.target?.kind
    )
      tally.equivalent++;
    if (JSON.stringify(fresh.target) === JSON.stringify(cached.target)) tally.sameTarget++;
  };
  new PlacementDriver(indexedPlacerFor(scenario, { cache: true, onCacheHit }), drive).run(picks, true);
  return tally;
}

/**
 * Pick-and-place at the scenario's queue length and fleet: core's queue + engine, the same with
 * the decision-cache prototype (interleaved in chunks, so load from other processes hits both),
 * per-phase means, a shadow check of cache hits, and the naive baseline on a few picks.
 */
export function runPlacementBench(scenario: Scenario, options: PlacementBenchOptions): PlacementBench {
  const drive: DriveOptions = {
    start: scenario.now,
    roundSize: options.roundSize,
    roundAdvanceMs: 1_000,
    maxRunning: options.maxRunning,
    refill: scenario.workload.next,
  };
  const indexedPhases: Phases = { pop: 0, decide: 0, act: 0 };
  const cachedPhases: Phases = { pop: 0, decide: 0, act: 0 };
  const indexed = new PlacementDriver(indexedPlacerFor(scenario, { phases: indexedPhases }), drive);
  const cachedPlacer = indexedPlacerFor(scenario, { cache: true, phases: cachedPhases });
  const cached = new PlacementDriver(cachedPlacer, drive);
  interleave([indexed, cached], options.warmup, options.picks, options.chunk, () => {
    Object.assign(indexedPhases, { pop: 0, decide: 0, act: 0 });
    Object.assign(cachedPhases, { pop: 0, decide: 0, act: 0 });
    Object.assign(cachedPlacer.cache ?? {}, { hits: 0, misses: 0, flushes: 0 });
  });
  const phases = { indexed: meansOf(indexedPhases, options.picks), cached: meansOf(cachedPhases, options.picks) };
  const shadow = shadowCheck(scenario, drive, options.checkPicks);
  const naivePlacer = naivePlacerFor(scenario);
  const naive = new PlacementDriver(naivePlacer, drive);
  naive.run(1, false);
  naive.run(options.naivePicks, true);
  const naiveSort = timeEach(3, () => naivePlacer.ranked(scenario.now));
  const naiveScan = timeEach(1_000, () => naivePlacer.firstFree(Number.POSITIVE_INFINITY));
  return {
    indexed: indexed.result(),
    cached: cached.result(),
    cache: statsOf(cachedPlacer),
    phases,
    shadow,
    naive: naive.result(),
    naiveSort,
    naiveScan,
  };
}
