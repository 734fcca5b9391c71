/**
 * `npm run bench`: decision speed of the AIMA engine (policy `aima`) against a literal port of
 * the seed's linear `select_gpu_environment`, side by side, for one job at a time against 100,
 * 1,000 and 10,412 local GPUs plus 1,000 cloud offers. Prints figures; never fails the build.
 *
 * The fleet is the Alibaba spot-GPU trace's node list (`../shared/data/traces/...`), or a
 * generated one of the same shape when it is absent. `AIMA_BENCH_NODE_LIST=<path>` reads the
 * node list from elsewhere (a missing path exercises the generated stand-in).
 */
import { cpus, loadavg } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createDecisionEngine, createOfferBook, createSeededRandom } from '@aima/core';
import { generateOffers } from '@aima/core/testing';
import { alibabaNodeListUrl } from './fleet/alibaba-nodes.js';
import { alibabaSpotFleet, sampleEvery } from './fleet/alibaba-spot-fleet.js';
import { runScale, type ScaleResult, type ScaleRuns } from './harness/run-scale.js';
import { formatTable, integer, micros } from './harness/table.js';
import { createJobMix } from './jobs/job-mix.js';

const now = Date.UTC(2026, 0, 15, 12, 0, 0);
const uploadBandwidthMbps = 200;
const jobCount = 200;
const offerCount = 1_000;
const targetMedianUs = 50;
const targetSpeedUp = 20;

/** Timed calls per scale: the baseline is linear, so it gets fewer at the larger scales. */
function runsFor(gpus: number): ScaleRuns {
  const engine = { warmup: 2_000, iterations: 20_000 };
  if (gpus <= 100) return { engine, baseline: { warmup: 2_000, iterations: 20_000 }, detailed: { warmup: 500, iterations: 5_000 } };
  if (gpus <= 1_000) return { engine, baseline: { warmup: 1_000, iterations: 5_000 }, detailed: { warmup: 300, iterations: 2_000 } };
  return { engine, baseline: { warmup: 300, iterations: 2_000 }, detailed: { warmup: 100, iterations: 500 } };
}

const nodeListUrl = process.env.AIMA_BENCH_NODE_LIST ? pathToFileURL(process.env.AIMA_BENCH_NODE_LIST) : alibabaNodeListUrl;
const fleet = alibabaSpotFleet({ now }, nodeListUrl);
const offers = generateOffers({ count: offerCount, random: createSeededRandom(7) });
const offerBook = createOfferBook(offers);
const jobs = createJobMix({ count: jobCount, now });
const engine = createDecisionEngine({ policy: 'aima' });
const full = fleet.states.length;
const scales = [100, 1_000, full].filter((size, index, all) => size <= full && all.indexOf(size) === index);

const print = (text = '') => process.stdout.write(`${text}\n`);

print('AIMA decision speed: engine (policy aima) vs. literal seed 000 select_gpu_environment');
if (fleet.source === 'trace') {
  print(`fleet:  ${integer(full)} GPUs on ${integer(fleet.nodes)} nodes from ${fileURLToPath(nodeListUrl)}`);
} else {
  print(`NOTE: ${fileURLToPath(nodeListUrl)} is not present.`);
  print(
    `fleet:  GENERATED stand-in of the trace's shape: ${integer(full)} GPUs on ${integer(fleet.nodes)} nodes, same model mix and counts`,
  );
}
print('        VRAM, power and price per model are assumptions (bench/fleet/alibaba-gpu-models.ts); 4 sites; ~50% busy up to 2 h');
const sampled = scales.filter((size) => size < full).map(integer);
print(`        smaller scales: every k-th GPU of the full fleet (${sampled.join(', ')})`);
print(`offers: ${integer(offerCount)} generated cloud offers (generateOffers, seed 7); upload ${uploadBandwidthMbps} Mbit/s`);
print(`jobs:   ${jobCount} job specs (video/image/audio, every confidentiality and urgency, 0-50 GB, 60-7,200 s), cycled`);
print(`node:   ${process.version} on ${process.platform}/${process.arch}, ${cpus().length} CPU(s): ${cpus()[0]?.model ?? 'unknown'}`);
print(
  `load:   ${loadavg()[0]?.toFixed(2) ?? '?'} (1-min load average at start on ${cpus().length} CPU(s); other busy processes make the figures noisier)`,
);
print('timing: each decision timed alone (process.hrtime.bigint); engine, baseline and detailed runs interleaved in 5 rounds');
print();

const results: ScaleResult[] = [];
for (const size of scales) {
  const states = sampleEvery(fleet.states, size);
  results.push(runScale({ states, offers, offerBook, jobs, engine, now, uploadBandwidthMbps, runs: runsFor(states.length) }));
}

const header = ['implementation', 'GPUs', 'classes', 'offers', 'timed', 'p50 µs', 'p99 µs', 'mean µs', 'decisions/s', 'speed-up p50'];
const rows: string[][] = [];
for (const result of results) {
  const common = [integer(result.gpus), integer(result.classes), integer(offerCount)];
  const speedUp = result.baseline.p50Us / result.engine.p50Us;
  const row = (name: string, timing: ScaleResult['engine'], note: string) => [
    name,
    ...common,
    integer(timing.iterations),
    micros(timing.p50Us),
    micros(timing.p99Us),
    micros(timing.meanUs),
    integer(timing.perSecond),
    note,
  ];
  rows.push(row('engine (indexed, explain: summary)', result.engine, `${speedUp.toFixed(1)}×`));
  rows.push(row('seed baseline (linear scans)', result.baseline, '1.0×'));
  rows.push(row('engine explain: detailed (linear, info)', result.detailed, ''));
}
print(formatTable(header, rows));
print();
for (const result of results) {
  print(
    `${integer(result.gpus).padStart(6)} GPUs: ${result.classes} GPU classes; the engine filtered ${result.offersExamined.toFixed(0)} of ` +
      `${integer(offerCount)} offers per decision (mean); engine and baseline send ${result.agreeing}/${jobCount} jobs the same way`,
  );
}

const first = results[0];
const last = results[results.length - 1];
if (first !== undefined && last !== undefined) {
  if (last !== first) {
    const growth = (figure: (result: ScaleResult) => number) => `×${(figure(last) / figure(first)).toFixed(2)}`;
    print(
      `scaling ${integer(first.gpus)} → ${integer(last.gpus)} GPUs (${growth((result) => result.gpus)}): ` +
        `engine p50 ${growth((result) => result.engine.p50Us)}, baseline p50 ${growth((result) => result.baseline.p50Us)}, ` +
        `engine explain: detailed p50 ${growth((result) => result.detailed.p50Us)}`,
    );
  }
  print();
  const median = last.engine.p50Us;
  const speedUp = last.baseline.p50Us / median;
  const at = `at ${integer(last.gpus)} GPUs + ${integer(offerCount)} offers`;
  print(`${median <= targetMedianUs ? 'PASS' : 'FAIL'}  engine median ${micros(median)} µs ${at} (target ≤ ${targetMedianUs} µs)`);
  print(
    `${speedUp >= targetSpeedUp ? 'PASS' : 'FAIL'}  engine ${speedUp.toFixed(1)}× the literal baseline's speed (p50) ${at} (target ≥ ${targetSpeedUp}×)`,
  );
  if (last.gpus !== 10_412) print(`NOTE  the full fleet has ${integer(last.gpus)} GPUs, not 10,412: the targets are stated for 10,412`);
}
