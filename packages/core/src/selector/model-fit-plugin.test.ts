import { describe, expect, it } from 'vitest';
import type { JobSpecInput } from '../config/job-spec.js';
import { parseJobSpec } from '../config/job-spec.js';
import { parseCloudOffer, parseGpuRegistration } from '../config/parse-entities.js';
import { createDecisionEngine } from '../engine/decision-engine.js';
import { PASS } from '../engine/extension-points/filter-plugin.js';
import { createLocalFleet } from '../engine/fleet/local-fleet.js';
import { createOfferBook } from '../engine/fleet/offer-book.js';
import { createPluginRegistry } from '../engine/registry.js';
import { rejectionOf, testGpuClass, testJob, testOffer } from '../plugins/plugin-test-fixtures.js';
import { createAdaptiveModelSelector } from './adaptive-selector.js';
import { createModelFitPlugin } from './model-fit-plugin.js';
import { createModelRegistry } from './model-registry.js';
import { vramNeedFor } from './selection.js';
import { detector, detectorXOnly, transcriber } from './test-models.js';

const now = Date.UTC(2026, 10, 23, 10);
const selector = () => createAdaptiveModelSelector({ registry: createModelRegistry([detector, detectorXOnly, transcriber]) });

const local = {
  gpu: {
    ...parseGpuRegistration({
      model: 'RTX 4080',
      vramGb: 16,
      computeCapability: '8.9',
      powerWatts: 320,
      purchasePriceUsd: 1199,
      cudaVersion: '12.4',
      hostAddress: 'host-a',
      location: 'berlin',
    }),
    id: 'gpu_00000001',
  },
};
const cloudOffer = parseCloudOffer({
  provider: 'vast',
  offerId: 'a100',
  gpuModel: 'A100 80GB',
  gpuCount: 1,
  vramGb: 80,
  computeCapability: '8.0',
  pricePerHourUsd: 1.5,
  region: 'eu-central',
  reliability: 0.99,
  uploadMbps: 500,
  downloadMbps: 500,
  interruptible: false,
  cudaVersion: '12.4',
});
const context = { now, fleet: createLocalFleet([local]), offers: createOfferBook([cloudOffer]), uploadBandwidthMbps: 100 };

describe('model-fit plugin', () => {
  it.each<{ name: string; requirements: JobSpecInput['requirements']; vramGb: number; capability?: string; detail?: string }>([
    { name: 'passes a job without a model', requirements: {}, vramGb: 8 },
    { name: 'passes a model the registry does not know', requirements: { model: 'unknown' }, vramGb: 8 },
    { name: 'passes when a variant fits', requirements: { model: 'detector' }, vramGb: 16, capability: '8.9' },
    {
      name: 'rejects when no variant fits',
      requirements: { model: 'detector-x' },
      vramGb: 16,
      capability: '8.9',
      detail: 'detector-x-x: needs 19000 MB at int8, 16384 MB free',
    },
  ])('$name', ({ requirements, vramGb, capability, detail }) => {
    const plugin = createModelFitPlugin(selector());
    const gpuClass = testGpuClass({ vramGb, ...(capability && { computeCapability: capability }) });
    const status = plugin.filterLocal?.(testJob({ requirements }), gpuClass, {
      now,
      config: createDecisionEngine().config,
      decision: context,
    });
    if (detail === undefined) expect(status).toBe(PASS);
    else expect(status && rejectionOf(status)).toEqual({ reason: 'model does not fit', detail });
  });

  it.each([
    { vramGb: 48, capability: undefined, passed: true },
    { vramGb: 24, capability: undefined, passed: false },
    { vramGb: 24, capability: '8.9', passed: true },
  ])('filters a $vramGb GB cloud offer of compute capability $capability', ({ vramGb, capability, passed }) => {
    const plugin = createModelFitPlugin(selector());
    const { computeCapability: _default, ...offer } = testOffer({ vramGb });
    const target = capability === undefined ? offer : { ...offer, computeCapability: capability };
    const status = plugin.filterCloud?.(testJob({ requirements: { model: 'detector-x' } }), target, {
      now,
      config: createDecisionEngine().config,
      decision: context,
    });
    expect(status?.passed).toBe(passed);
  });

  it('applies per-job requirements from the host', () => {
    const plugin = createModelFitPlugin(selector(), { requirementsOf: () => ({ minAccuracy: 0.99 }) });
    const status = plugin.filterLocal?.(testJob({ requirements: { model: 'detector' } }), testGpuClass({ vramGb: 80 }), {
      now,
      config: createDecisionEngine().config,
      decision: context,
    });
    expect(status && rejectionOf(status)).toEqual({ reason: 'model does not fit', detail: 'no variant reaches accuracy 0.99' });
  });

  describe('through createDecisionEngine().decide', () => {
    const shared = selector();
    const registry = createPluginRegistry();
    const engine = createDecisionEngine({ plugins: [...registry.pluginNames(), createModelFitPlugin(shared)] });
    const fit = shared.select('video', { id: local.gpu.id, model: local.gpu.model, vramGb: 16, computeCapability: '8.9' });
    if (fit.kind !== 'selected') throw new Error('expected the s variant to fit');
    const job = (model: string) =>
      parseJobSpec(
        { type: 'video', confidentiality: 'public', estimatedDurationSeconds: 600, requirements: { model, minVramGb: vramNeedFor(fit) } },
        { now },
      );

    it('keeps a job local on a 16 GB GPU when its model has a variant that fits', () => {
      expect(fit).toMatchObject({ variant: 's', memoryMb: 16_000 });
      const decision = engine.decide(job('detector'), context);
      expect(decision.outcome).toBe('local');
      expect(decision.target).toMatchObject({ kind: 'local', gpuId: 'gpu_00000001' });
    });

    it('sends the job to the cloud when the model has only the x variant', () => {
      const decision = engine.decide(job('detector-x'), context);
      expect(decision.outcome).toBe('cloud');
      expect(decision.target).toMatchObject({ kind: 'cloud', offerId: 'a100' });
      expect(decision.rejections.local).toEqual([expect.objectContaining({ plugin: 'model-fit', reason: 'model does not fit', count: 1 })]);
    });

    it('leaves a 24 GB default VRAM need to vram-fit when the host does not lower minVramGb', () => {
      const spec = parseJobSpec(
        { type: 'video', confidentiality: 'public', estimatedDurationSeconds: 600, requirements: { model: 'detector' } },
        { now },
      );
      const decision = engine.decide(spec, context);
      expect(decision.rejections.local).toEqual([expect.objectContaining({ plugin: 'vram-fit', reason: 'insufficient VRAM' })]);
    });
  });
});
