import { isDeepStrictEqual } from 'node:util';
import type { Decision, DecisionContext, DecisionEngine, JobSpec } from '@aima/core';
import { type DriveOptions, type DriveResult, PlacementDriver } from './drive.js';
import { type GcTally, withGcTally } from './gc-tally.js';
import { exposedGc } from './heap.js';
import type { IndexedPlacer, Phases } from './indexed-placer.js';
import { type LatencyFigures, timeEach } from './latency.js';
import { indexedPlacerFor, naivePlacerFor, type Scenario } from './setup.js';

/** Sizes of the placement benchmark. */
export interface PlacementBenchOptions {
  /**
   * Picks of a first, throwaway run of each configuration (timed, reported apart): V8 compiles
   * hot code in tiers as it runs, so the measured runs come after it, as in a scheduler that has
   * been running a while.
   */
  readonly firstRunPicks: number;
  /** Untimed picks of a measured run before its timed ones (fills the engine's cache). */
  readonly warmup: number;
  readonly picks: number;
  readonly roundSize: number;
  readonly maxRunning: number;
  readonly naivePicks: number;
  /** Picks of the shadow-checked run. */
  readonly checkPicks: number;
  /** Picks of each phase-timed run (separate runs: their extra clock reads stay out of the timed picks). */
  readonly phasePicks: number;
}

/** Mean µs per pick of each phase. */
export interface PhaseMeans {
  readonly popUs: number;
  readonly decideUs: number;
  readonly actUs: number;
}

/** How often the cached engine's decision equals a fresh `engine.decide` on the same state. */
export interface ShadowAgreement {
  readonly decisions: number;
  /** Deeply equal, every field (target GPU, costs, scores, reasons, rejections). */
  readonly identical: number;
}

/** Core's decision cache counters over the timed picks. */
export interface CacheStats {
  readonly hits: number;
  readonly assembled: number;
  readonly evaluated: number;
  readonly flushes: number;
}

export interface PlacementBench {
  /** The first runs of the process, from a fresh start (V8 still compiling, the cache empty). */
  readonly first: { readonly indexed: TimedRun; readonly cached: TimedRun };
  readonly indexed: TimedRun;
  readonly cached: TimedRun;
  readonly cache: CacheStats;
  readonly phases: { readonly indexed: PhaseMeans; readonly cached: PhaseMeans };
  readonly shadow: ShadowAgreement;
  readonly naive: DriveResult;
  /** The naive placer's parts: one full sort of the queue, one fleet scan (first fit, front-filled fleet). */
  readonly naiveSort: LatencyFigures;
  readonly naiveScan: LatencyFigures;
}

function statsOf(placer: IndexedPlacer): CacheStats {
  const stats = placer.cacheStats;
  return { hits: stats?.hits ?? 0, assembled: stats?.assembled ?? 0, evaluated: stats?.evaluated ?? 0, flushes: stats?.flushes ?? 0 };
}

function since(now: CacheStats, before: CacheStats): CacheStats {
  return {
    hits: now.hits - before.hits,
    assembled: now.assembled - before.assembled,
    evaluated: now.evaluated - before.evaluated,
    flushes: now.flushes - before.flushes,
  };
}

function meansOf(phases: Phases, picks: number): PhaseMeans {
  return { popUs: phases.pop / picks / 1_000, decideUs: phases.decide / picks / 1_000, actUs: phases.act / picks / 1_000 };
}

/** Mean time per phase over `picks` picks of a fresh placer, after `warmup` untimed ones. */
function phaseMeans(scenario: Scenario, drive: DriveOptions, cache: boolean, warmup: number, picks: number): PhaseMeans {
  const phases: Phases = { pop: 0, decide: 0, act: 0 };
  const driver = new PlacementDriver(indexedPlacerFor(scenario, { cache, phases }), drive);
  driver.run(warmup, false);
  Object.assign(phases, { pop: 0, decide: 0, act: 0 });
  driver.run(picks, true);
  return meansOf(phases, picks);
}

function shadowCheck(scenario: Scenario, drive: DriveOptions, picks: number): ShadowAgreement {
  const fresh: DecisionEngine = scenario.engine;
  const tally = { decisions: 0, identical: 0 };
  const onDecision = (spec: JobSpec, context: DecisionContext, cached: Decision) => {
    tally.decisions++;
    if (isDeepStrictEqual(cached, fresh.decide(spec, context))) tally.identical++;
  };
  new PlacementDriver(indexedPlacerFor(scenario, { cache: true, onDecision }), drive).run(picks, true);
  return tally;
}

/** A timed run, with the garbage collections during its timed picks. */
export interface TimedRun extends DriveResult {
  readonly gc: GcTally;
}

/**
 * A fresh driver of the placer: `warmup` untimed picks, a full collection (with `--expose-gc`)
 * so that garbage of earlier work is not collected during this run's picks, then `picks` timed
 * ones. Collections of the run's own garbage land in its picks and count.
 */
async function timedRun(
  placer: IndexedPlacer,
  drive: DriveOptions,
  warmup: number,
  picks: number,
  afterWarmup = () => {},
): Promise<TimedRun> {
  const driver = new PlacementDriver(placer, drive);
  driver.run(warmup, false);
  afterWarmup();
  exposedGc()?.();
  const { gc } = await withGcTally(() => driver.run(picks, true));
  return { ...driver.result(), gc };
}

/**
 * Pick-and-place at the scenario's queue length and fleet: core's queue + engine with core's
 * decision cache (as `createScheduler` builds it), the same without the cache, per-phase means
 * (from separate runs), a shadow check of cached decisions, and the naive baseline on a few
 * picks. Each configuration is timed in a run of its own: run side by side in one process, one
 * configuration's garbage would be collected during the other's picks. A first run of each, on
 * its own placer, comes before: its figures are the process's start, reported apart.
 */
export async function runPlacementBench(scenario: Scenario, options: PlacementBenchOptions): Promise<PlacementBench> {
  const drive: DriveOptions = {
    start: scenario.now,
    roundSize: options.roundSize,
    roundAdvanceMs: 1_000,
    maxRunning: options.maxRunning,
    refill: scenario.workload.next,
  };
  const first = {
    cached: await timedRun(indexedPlacerFor(scenario, { cache: true }), drive, 0, options.firstRunPicks),
    indexed: await timedRun(indexedPlacerFor(scenario), drive, 0, options.firstRunPicks),
  };
  let statsAtWarmup: CacheStats = { hits: 0, assembled: 0, evaluated: 0, flushes: 0 };
  const cachedPlacer = indexedPlacerFor(scenario, { cache: true });
  const cached = await timedRun(cachedPlacer, drive, options.warmup, options.picks, () => {
    statsAtWarmup = statsOf(cachedPlacer);
  });
  const cache = since(statsOf(cachedPlacer), statsAtWarmup);
  const indexed = await timedRun(indexedPlacerFor(scenario), drive, options.warmup, options.picks);
  const phases = {
    indexed: phaseMeans(scenario, drive, false, options.warmup, options.phasePicks),
    cached: phaseMeans(scenario, drive, true, options.warmup, options.phasePicks),
  };
  const shadow = shadowCheck(scenario, drive, options.checkPicks);
  const naivePlacer = naivePlacerFor(scenario);
  const naive = new PlacementDriver(naivePlacer, drive);
  naive.run(1, false);
  naive.run(options.naivePicks, true);
  const naiveSort = timeEach(3, () => naivePlacer.ranked(scenario.now));
  const naiveScan = timeEach(1_000, () => naivePlacer.firstFree(Number.POSITIVE_INFINITY));
  return {
    first,
    indexed,
    cached,
    cache,
    phases,
    shadow,
    naive: naive.result(),
    naiveSort,
    naiveScan,
  };
}
