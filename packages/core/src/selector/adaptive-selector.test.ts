import { describe, expect, it } from 'vitest';
import { parseSchedulerConfig } from '../config/scheduler-config.js';
import { ConfigError } from '../errors/config-error.js';
import { createAdaptiveModelSelector, type SelectorConfig } from './adaptive-selector.js';
import { createModelRegistry } from './model-registry.js';
import { PerformanceProfileStore } from './performance-profile.js';
import type { SelectionOutcome, SelectionRequirements } from './selection.js';
import { vramNeedFor } from './selection.js';
import type { SelectorGpu } from './selector-gpu.js';
import { detector, detectorXOnly, transcriber } from './test-models.js';

// 10 000 GFLOPS × 0.3 utilisation: detector-s 28 GFLOPs → 9.333 ms, 107.143 items/s, score 107.143 × 0.7 + 45 × 0.3 = 88.5;
// detector-x 257 GFLOPs → 85.667 ms, 11.673 items/s, score 11.673 × 0.7 + 54 × 0.3 = 24.371.
const general = { fp32_gflops: 10_000 };
const gpu = (vramGb: number, extra: Partial<SelectorGpu> = {}): SelectorGpu => ({
  id: `gpu-${vramGb}`,
  model: 'Test GPU',
  vramGb,
  computeCapability: '8.9',
  benchmarkResults: { general },
  ...extra,
});

type Row = {
  name: string;
  gpu: SelectorGpu;
  requirements?: SelectionRequirements;
  config?: SelectorConfig;
  expected: Partial<Record<string, unknown>>;
};

const table: Row[] = [
  {
    name: 'picks the best-scoring variant that fits, at FP32, with the largest batch that fits',
    gpu: gpu(16),
    expected: {
      kind: 'selected',
      modelId: 'detector',
      variant: 's',
      precision: 'fp32',
      batchSize: 20,
      memoryMb: 16_000,
      performanceSource: 'estimate',
    },
  },
  {
    name: 'caps the batch at the job maximum',
    gpu: gpu(16),
    requirements: { maxBatchSize: 4 },
    expected: { kind: 'selected', variant: 's', batchSize: 4, memoryMb: 8_000 },
  },
  {
    name: 'drops to FP16 when FP32 does not fit the free VRAM',
    gpu: gpu(16, { freeVramMb: 4_000 }),
    expected: { kind: 'selected', variant: 's', precision: 'fp16', batchSize: 2, memoryMb: 4_000 },
  },
  {
    name: 'takes the big variant on a 48 GB GPU when the accuracy floor demands it',
    gpu: gpu(48),
    requirements: { minAccuracy: 0.5 },
    expected: { kind: 'selected', variant: 'x', precision: 'fp32', batchSize: 9, accuracy: 0.54 },
  },
  {
    name: 'drops to INT8 on a 24 GB GPU with compute capability ≥ 6.1',
    gpu: gpu(24),
    requirements: { minAccuracy: 0.5 },
    expected: { kind: 'selected', variant: 'x', precision: 'int8', batchSize: 6, memoryMb: 24_000 },
  },
  {
    name: 'ranks by accuracy alone when the throughput weight is 0, still taking only what fits',
    gpu: gpu(16),
    config: { throughputWeight: 0, accuracyWeight: 1 },
    expected: { kind: 'selected', variant: 's', score: 45 },
  },
  {
    name: 'ranks the accurate variant first when only accuracy counts and it fits',
    gpu: gpu(48),
    config: { throughputWeight: 0, accuracyWeight: 1 },
    expected: { kind: 'selected', variant: 'x', score: 54 },
  },
  {
    name: 'restricts the choice to a named model',
    gpu: gpu(48),
    requirements: { modelId: 'detector', minAccuracy: 0.5 },
    expected: { kind: 'selected', modelId: 'detector', variant: 'x' },
  },
  {
    name: 'reports no model for a task without one',
    gpu: gpu(16),
    expected: { kind: 'none', reason: 'no image model is registered' },
  },
  {
    name: 'reports no model when the accuracy floor excludes every variant',
    gpu: gpu(16),
    requirements: { minAccuracy: 0.99 },
    expected: { kind: 'none', reason: 'no variant reaches accuracy 0.99' },
  },
  {
    name: 'reports no model for a named model of another task',
    gpu: gpu(16),
    requirements: { modelId: 'transcriber' },
    expected: { kind: 'none', reason: 'no video model "transcriber" is registered' },
  },
];

const registry = () => createModelRegistry([detector, transcriber]);

describe('createAdaptiveModelSelector().select', () => {
  it.each(table)('$name', ({ name, gpu: target, requirements, config, expected }) => {
    const selector = createAdaptiveModelSelector({ registry: registry(), ...(config && { config }) });
    const task = name.startsWith('reports no model for a task') ? 'image' : 'video';
    expect(selector.select(task, target, requirements)).toMatchObject(expected);
  });

  it('falls back when nothing fits: reasons, the fit without the accuracy floor, and a cloud size', () => {
    const selector = createAdaptiveModelSelector({ registry: registry() });
    expect(selector.select('video', gpu(16), { minAccuracy: 0.5 })).toEqual<SelectionOutcome>({
      kind: 'fallback',
      reasons: ['detector-x: needs 19000 MB at int8, 16384 MB free'],
      relaxedAccuracy: expect.objectContaining({ kind: 'selected', variant: 's', precision: 'fp32' }),
      cloud: { modelId: 'detector', variant: 'x', precision: 'fp32', minVramGb: 41 },
    });
  });

  it('assumes FP32 only when the compute capability is unknown', () => {
    const selector = createAdaptiveModelSelector({ registry: registry() });
    const { computeCapability: _unknown, ...noCapability } = gpu(24);
    expect(selector.select('video', noCapability, { minAccuracy: 0.5 })).toMatchObject({
      kind: 'fallback',
      reasons: ['detector-x: needs 41000 MB at fp32, 24576 MB free'],
    });
  });

  it('falls back when the throughput floor rules out every variant', () => {
    const selector = createAdaptiveModelSelector({ registry: registry() });
    const outcome = selector.select('video', gpu(16), { minThroughputFps: 200 });
    expect(outcome).toMatchObject({ kind: 'fallback', cloud: { variant: 's', minVramGb: 7 } });
    expect(outcome.kind === 'fallback' && outcome.reasons).toEqual([
      'detector-s: 107.143 items/s < 200 required',
      'detector-x: 11.673 items/s < 200 required',
    ]);
    expect(outcome).not.toHaveProperty('relaxedAccuracy');
  });

  it('uses performance from the GPU profile before estimating, then caches it', () => {
    const selector = createAdaptiveModelSelector({ registry: registry() });
    const target = gpu(48, {
      benchmarkResults: {
        general,
        model_specific: { 'detector-x': { inference_time_ms: 2, max_batch_size: 3, memory_usage_mb: 41_000, throughput_fps: 500 } },
      },
    });
    expect(selector.select('video', target)).toMatchObject({
      variant: 'x',
      batchSize: 3,
      estimatedThroughputFps: 500,
      performanceSource: 'profile',
    });
    expect(selector.select('video', target)).toMatchObject({ variant: 'x', performanceSource: 'cache' });
    expect(selector.profiles.get('detector-s', target.id)).toMatchObject({ throughput_fps: 107.143 });
  });

  it('uses the performance cache first', () => {
    const profiles = new PerformanceProfileStore();
    profiles.set('detector-x', 'gpu-48', { inference_time_ms: 1, max_batch_size: 2, memory_usage_mb: 41_000, throughput_fps: 1_000 });
    const selector = createAdaptiveModelSelector({ registry: registry(), profiles });
    expect(selector.select('video', gpu(48))).toMatchObject({ variant: 'x', batchSize: 2, performanceSource: 'cache' });
  });

  it('reads a single-variant model under its bare id in a profile', () => {
    const selector = createAdaptiveModelSelector({ registry: registry() });
    const target = gpu(16, {
      benchmarkResults: { model_specific: { transcriber: { inference_time_ms: 50, max_batch_size: 8, memory_usage_mb: 10_000 } } },
    });
    expect(selector.select('audio', target)).toMatchObject({
      modelId: 'transcriber',
      estimatedThroughputFps: 20,
      batchSize: 8,
      performanceSource: 'profile',
    });
  });

  it('gives a selection the VRAM need to set as minVramGb', () => {
    const outcome = createAdaptiveModelSelector({ registry: registry() }).select('video', gpu(16));
    if (outcome.kind !== 'selected') throw new Error('expected a selection');
    expect(vramNeedFor(outcome)).toBe(16);
    expect(vramNeedFor({ ...outcome, memoryMb: 10 })).toBe(1);
  });

  it('has only the x variant of detector-x, which needs the cloud on 16 GB', () => {
    const selector = createAdaptiveModelSelector({ registry: createModelRegistry([detectorXOnly]) });
    expect(selector.select('video', gpu(16))).toMatchObject({ kind: 'fallback', cloud: { variant: 'x', minVramGb: 41 } });
  });

  it('takes its weights from the scheduler configuration', () => {
    const config = parseSchedulerConfig({ selector: { throughputWeight: 0, accuracyWeight: 2 } }).selector;
    expect(createAdaptiveModelSelector({ registry: registry(), config }).select('video', gpu(48))).toMatchObject({
      variant: 'x',
      score: 108,
    });
  });

  it('rejects negative weights with a ConfigError', () => {
    expect(() => createAdaptiveModelSelector({ registry: registry(), config: { throughputWeight: -1 } })).toThrow(ConfigError);
  });
});
