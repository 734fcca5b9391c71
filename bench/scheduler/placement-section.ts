import { formatTable, integer, micros } from '../harness/table.js';
import type { DriveResult } from './drive.js';
import { latencyCells, millis, percent, print, readableSeconds, verdict } from './format.js';
import { type PlacementBenchOptions, runPlacementBench, type TimedRun } from './placement-bench.js';
import type { Scenario } from './setup.js';

/** A figure checked against a target, for the summary. */
export interface TargetLine {
  readonly passed: boolean;
  readonly text: string;
}

export const targetPlacementsPerSecond = 100_000;

function outcomeCell(result: DriveResult): string {
  const { local, cloud, queue, reject } = result.outcomes;
  return `${integer(local)}/${integer(cloud)}/${integer(queue)}/${integer(reject)}`;
}

/** Runs and prints the pick-and-place comparison; returns the target lines. */
export async function placementSection(scenario: Scenario, options: PlacementBenchOptions): Promise<TargetLine[]> {
  const queued = scenario.workload.entries.length;
  const gpus = scenario.states.length;
  const bench = await runPlacementBench(scenario, options);
  const header = ['implementation', 'timed', 'p50 µs', 'p99 µs', 'mean µs', 'placements/s', 'local/cloud/queue/reject'];
  const rows = [
    ['indexed: core JobPriorityQueue + engine.decide', ...latencyCells(bench.indexed.pick), outcomeCell(bench.indexed)],
    ['indexed + core decision cache (engine option cache)', ...latencyCells(bench.cached.pick), outcomeCell(bench.cached)],
    ['  the same, first run of the process', ...latencyCells(bench.first.cached.pick), outcomeCell(bench.first.cached)],
    ['naive: sort whole queue + scan fleet (first fit)', ...latencyCells(bench.naive.pick), outcomeCell(bench.naive)],
  ];
  print(`3. Pick-and-place, ${integer(queued)} queued jobs (kept constant by refills), ${integer(gpus)} GPUs`);
  print(
    `   each configuration in a run of its own: ${integer(options.warmup)} untimed picks, a full collection, then ${integer(options.picks)} timed ` +
      'one by one; placements/s = picks / sum of pick times (collections during picks included)',
  );
  print(
    `   before them, a first run of each configuration on its own queue and fleet: ${integer(options.firstRunPicks)} picks from a fresh ` +
      'start, timed (V8 still compiling the code, the cache empty); the cached one is the "first run of the process" row',
  );
  print(formatTable(header, rows));
  const collections = (name: string, run: TimedRun) =>
    `   ${name}: ${run.gc.minor} scavenges (${millis(run.gc.minorMs)}), ${run.gc.major} full or incremental-marking collections ` +
    `(${millis(run.gc.majorMs)}): ${micros(((run.gc.minorMs + run.gc.majorMs) * 1_000) / run.pick.count)} µs per timed pick`;
  print('   garbage collection while the timed picks ran (refills and completions between them included; V8 gc performance entries):');
  print(collections('indexed', bench.indexed));
  print(collections('cached ', bench.cached));
  print(
    `   completions (ledger.release + registry.setBusyUntil free, outside the timed picks): p50 ${micros(bench.cached.complete.p50Us)} µs, ` +
      `p99 ${micros(bench.cached.complete.p99Us)} µs over ${integer(bench.cached.complete.count)}`,
  );
  const phase = (name: string, means: { popUs: number; decideUs: number; actUs: number }) =>
    `   ${name}: queue.pop ${micros(means.popUs)} µs + decide ${micros(means.decideUs)} µs + allocate & mark busy ${micros(means.actUs)} µs`;
  print(
    `   where the time goes (mean per pick of separate runs of ${integer(options.phasePicks)} picks each, timed per phase: ` +
      'three extra clock reads per pick, about 0.2 µs, kept out of the timed picks above):',
  );
  print(phase('indexed', bench.phases.indexed));
  print(phase('cached ', bench.phases.cached));
  const { hits, assembled, evaluated, flushes } = bench.cache;
  const decided = hits + assembled;
  print(
    `   decision cache: ${percent(hits, decided)} of decisions remembered (as made or with the free GPU of the same class and \`now\` ` +
      `brought up to date), ${percent(assembled, decided)} assembled from a remembered evaluation, of which ${integer(evaluated)} ` +
      `evaluated afresh; ${integer(flushes)} flushes (${scenario.distinctSpecs} distinct job specs)`,
  );
  const shadow = bench.shadow;
  print(
    `   shadow check: ${integer(shadow.identical)} of ${integer(shadow.decisions)} cached decisions deeply equal to a fresh ` +
      `engine.decide on the same state (${percent(shadow.identical, shadow.decisions)}; every field: target GPU, costs, scores, reasons)`,
  );
  const sortMs = bench.naiveSort.p50Us / 1_000;
  print(
    `   naive parts: one sort of ${integer(queued)} entries p50 ${millis(sortMs)}; one full scan of ${integer(gpus)} GPUs (no fit) ` +
      `p50 ${micros(bench.naiveScan.p50Us)} µs. Only ${bench.naive.pick.count} naive picks were timed: its rate is extrapolated from them.`,
  );
  print(
    `   extrapolated: draining ${integer(queued)} queued jobs the naive way ≈ Σ sort(n) ≈ ${integer(queued)} × ${millis(sortMs)} / 2 ≈ ` +
      `${readableSeconds((queued * sortMs) / 2 / 1_000)}; the indexed way ≈ ${integer(queued)} × ${micros(bench.indexed.pick.meanUs)} µs ≈ ` +
      `${readableSeconds((queued * bench.indexed.pick.meanUs) / 1e6)}`,
  );
  const at = `at ${integer(queued)} queued, ${integer(gpus)} GPUs`;
  const figures = (result: DriveResult) => `${integer(result.pick.perSecond)} placements/s, p99 ${micros(result.pick.p99Us)} µs ${at}`;
  const passed = bench.cached.pick.perSecond >= targetPlacementsPerSecond;
  return [
    {
      passed,
      text: `${verdict(passed)}  pick-and-place as the scheduler does it (core queue + engine with its decision cache, as createScheduler builds it), in steady state: ${figures(bench.cached)} (target ≥ ${integer(targetPlacementsPerSecond)}/s)`,
    },
    {
      passed: true,
      text: `info  the same, first ${integer(bench.first.cached.pick.count)} picks of the process (V8 still compiling, cache empty): ${figures(bench.first.cached)}`,
    },
    { passed: true, text: `info  the same without the decision cache (engine option cache off): ${figures(bench.indexed)}` },
    {
      passed: true,
      text: `info  naive baseline, sort the queue + scan the fleet (${bench.naive.pick.count} picks): ${figures(bench.naive)}`,
    },
  ];
}
