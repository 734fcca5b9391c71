import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/validation-error.js';
import { estimateModelPerformance, gflopsPerItem, peakFp32Gflops } from './estimate-performance.js';
import { createModelRegistry } from './model-registry.js';
import { PerformanceProfileStore, throughputOf } from './performance-profile.js';
import { loadProfileStore, saveProfileStore } from './profile-file.js';
import { transcriber } from './test-models.js';

const profile = {
  gpu_id: 'gpu_00000001',
  model: 'RTX 4090',
  benchmark_results: {
    general: { fp32_gflops: 82_000 },
    model_specific: { 'detector-s': { inference_time_ms: 4, max_batch_size: 32, memory_usage_mb: 6500, throughput_fps: 250 } },
  },
};

describe('PerformanceProfileStore', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('caches every model of a profile per model × GPU', () => {
    const store = new PerformanceProfileStore();
    store.putProfile(profile);
    expect(store.get('detector-s', 'gpu_00000001')?.throughput_fps).toBe(250);
    expect(store.get('detector-s', 'gpu_00000002')).toBeUndefined();
  });

  it('merges a second profile of the same GPU', () => {
    const store = new PerformanceProfileStore();
    store.putProfile(profile);
    const merged = store.putProfile({
      ...profile,
      benchmark_results: {
        general: { memory_bandwidth_gbps: 1008 },
        model_specific: { 'detector-x': { inference_time_ms: 30, max_batch_size: 4, memory_usage_mb: 41_000 } },
      },
    });
    expect(Object.keys(merged.benchmark_results.model_specific ?? {}).sort()).toEqual(['detector-s', 'detector-x']);
    expect(merged.benchmark_results.general).toEqual({ fp32_gflops: 82_000, memory_bandwidth_gbps: 1008 });
  });

  it('round-trips through a JSON file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'aima-profiles-'));
    dirs.push(dir);
    const store = new PerformanceProfileStore();
    store.putProfile(profile);
    const path = join(dir, 'profiles.json');
    await saveProfileStore(store, path);
    const loaded = await loadProfileStore(path);
    expect(loaded.profiles()).toEqual(store.profiles());
    expect(loaded.get('detector-s', 'gpu_00000001')).toEqual(profile.benchmark_results.model_specific['detector-s']);
  });

  it.each([
    ['not JSON', '{'],
    ['a wrong shape', '{"profiles":[{"gpu_id":"g"}]}'],
    [
      'a negative time',
      JSON.stringify({
        profiles: [
          { ...profile, benchmark_results: { model_specific: { m: { inference_time_ms: -1, max_batch_size: 1, memory_usage_mb: 1 } } } },
        ],
      }),
    ],
  ])('rejects %s with a ValidationError', async (_name, text) => {
    const dir = await mkdtemp(join(tmpdir(), 'aima-profiles-'));
    dirs.push(dir);
    const path = join(dir, 'bad.json');
    await writeFile(path, text);
    await expect(loadProfileStore(path)).rejects.toBeInstanceOf(ValidationError);
  });

  it('derives throughput from inference time when the profile gives none', () => {
    expect(throughputOf({ inference_time_ms: 20, max_batch_size: 1, memory_usage_mb: 1 })).toBe(50);
    expect(throughputOf({ inference_time_ms: 0, max_batch_size: 1, memory_usage_mb: 1 })).toBe(0);
  });
});

describe('estimateModelPerformance', () => {
  const model = createModelRegistry([transcriber]).get('transcriber');
  const variant = model?.variants[0];
  if (variant === undefined) throw new Error('model missing');

  it.each([
    [
      'profile figures',
      { id: 'g', model: 'Mystery', vramGb: 16, benchmarkResults: { general: { fp32_gflops: 10_000 } } },
      10_000,
      'profile',
    ],
    ['the reference TDP (RTX 4090, 450 W)', { id: 'g', model: 'NVIDIA GeForce RTX 4090', vramGb: 24 }, 22_500, 'reference'],
    ['the default for an unknown GPU', { id: 'g', model: 'Mystery', vramGb: 16 }, 5_000, 'default'],
  ])('takes peak GFLOPS from %s', (_name, gpu, gflops, source) => {
    expect(peakFp32Gflops(gpu)).toEqual({ gflops, source });
  });

  it('estimates time from compute, throughput as its inverse, batch from VRAM', () => {
    expect(gflopsPerItem(variant)).toBeCloseTo(3.1);
    const performance = estimateModelPerformance(variant, {
      id: 'g',
      model: 'Mystery',
      vramGb: 16,
      benchmarkResults: { general: { fp32_gflops: 10_000 } },
    });
    // 3.1 GFLOPs / (10 000 GFLOPS × 0.3) = 1.033 ms
    expect(performance.inference_time_ms).toBeCloseTo(1.033, 3);
    expect(performance.throughput_fps).toBeCloseTo(967.742, 2);
    expect(performance.max_batch_size).toBe(256);
    expect(performance.memory_usage_mb).toBe(10_000);
  });

  it('uses weight-read time when memory bandwidth bounds it', () => {
    const performance = estimateModelPerformance(variant, {
      id: 'g',
      model: 'Mystery',
      vramGb: 16,
      benchmarkResults: { general: { fp32_gflops: 1_000_000, memory_bandwidth_gbps: 100 } },
    });
    // 10 000 MB / 1024 / 100 GB/s = 97.656 ms
    expect(performance.inference_time_ms).toBeCloseTo(97.656, 3);
  });
});
