/**
 * `npm run bench` (bench workspace), part 2: the scheduler benchmarks of issue 3 item 8.
 * Run with `node --expose-gc --import tsx scheduler/run-scheduler-bench.ts`. Prints every figure
 * with its scale and PASS/FAIL against each target; exits 0 regardless.
 *
 * 1. heap bytes per queued job at 1,000,000 jobs (queue alone; whole scheduler), first, on a
 *    clean heap;
 * 2. the openb trace replayed through simulate(), before anything else warms the engine up;
 * 3. pick-and-place at 100,000 queued jobs on the 10,412-GPU Alibaba fleet (all free): core's
 *    queue + engine, the same with core's decision cache, and the naive baseline (sort + scan);
 * 4.–6. the queue alone, re-ranking after an aging tick, bookkeeping per placement.
 * `AIMA_BENCH_QUICK=1` runs everything at small scale (a smoke run, figures not comparable);
 * `AIMA_BENCH_NODE_LIST=<path>` reads the Alibaba node list from elsewhere, as decision-speed does.
 */
import { cpus, loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { integer } from '../harness/table.js';
import { print } from './format.js';
import { memorySection } from './memory-section.js';
import { openbSection } from './openb-section.js';
import { placementSection, type TargetLine } from './placement-section.js';
import { queueSection } from './queue-section.js';
import { createScenario } from './setup.js';

const quick = process.env.AIMA_BENCH_QUICK === '1';
const queued = quick ? 10_000 : 100_000;
const heapJobs = quick ? 100_000 : 1_000_000;
const started = performance.now();

print('AIMA scheduler benchmarks (issue 3 item 8)');
print(`node:   ${process.version} on ${process.platform}/${process.arch}, ${cpus().length} CPU(s): ${cpus()[0]?.model ?? 'unknown'}`);
print(`load:   ${loadavg()[0]?.toFixed(2) ?? '?'} (1-min load average at start; other busy processes slow every figure down)`);
if (quick) print('QUICK:  AIMA_BENCH_QUICK=1, small scales: figures are not comparable with the targets');
print();

/** Runs a section and prints how long it took. */
async function section<T>(run: () => T | Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await run();
  print(`   (section took ${((performance.now() - start) / 1_000).toFixed(1)} s)`);
  print();
  return result;
}

const targets: TargetLine[] = [];
targets.push(...(await section(() => memorySection({ jobs: heapJobs, breakdownJobs: quick ? 20_000 : 100_000 }))));
targets.push(...(await section(() => openbSection('aima'))));

const nodeList = process.env.AIMA_BENCH_NODE_LIST;
const scenario = createScenario({ queued, ...(nodeList !== undefined && { nodeListUrl: pathToFileURL(nodeList) }) });
print(
  `scenario: ${integer(scenario.states.length)} GPUs, all free, from the Alibaba spot-GPU node list ` +
    `(${scenario.fleetSource === 'trace' ? 'trace' : 'GENERATED stand-in: trace absent'}); ${integer(scenario.offers.length)} generated offers; ` +
    `policy ${scenario.engine.policy}`,
);
print(
  `          ${integer(queued)} queued jobs: 2 % critical, 18 % high, 50 % normal, 20 % low, 10 % batch; queued over the last 6 h; ` +
    `5 % with a deadline 10 min–24 h ahead; ${scenario.distinctSpecs} distinct job specs cycled (bench/jobs/job-mix.ts)`,
);
print('          dispatch rounds of 1,000 picks at one `now` (1 s apart); before each round the oldest jobs complete so at most 5,000 run');
print();
targets.push(
  ...(await section(() =>
    placementSection(scenario, {
      firstRunPicks: quick ? 4_000 : 30_000,
      warmup: quick ? 1_000 : 5_000,
      picks: quick ? 4_000 : 30_000,
      roundSize: 1_000,
      maxRunning: 5_000,
      naivePicks: quick ? 3 : 5,
      checkPicks: quick ? 2_000 : 5_000,
      phasePicks: quick ? 2_000 : 10_000,
    }),
  )),
);
await section(() =>
  queueSection(scenario, {
    picks: quick ? 2_000 : 10_000,
    deadlineShares: [0, 0.05, 0.2],
    ticks: 10,
    naiveSorts: 2,
    bookkeepingPairs: quick ? 2_000 : 20_000,
  }),
);

print('Summary');
for (const target of targets) print(target.text);
print(`(scheduler benchmarks took ${((performance.now() - started) / 1_000).toFixed(0)} s)`);
