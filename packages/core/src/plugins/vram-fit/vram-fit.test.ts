import { describe, expect, it } from 'vitest';
import type { JobSpecInput } from '../../config/job-spec.js';
import { parseSchedulerConfig } from '../../config/scheduler-config.js';
import { PASS } from '../../engine/extension-points/filter-plugin.js';
import { cloudCandidate, localCandidate, rejectionOf, testGpuClass, testJob, testOffer } from '../plugin-test-fixtures.js';
import { vramFitPlugin } from './vram-fit.js';

type JobInput = Partial<JobSpecInput>;

describe('vram-fit plugin', () => {
  it('is named "vram-fit"', () => {
    expect(vramFitPlugin.name).toBe('vram-fit');
  });

  describe('VRAM need of the job (own figure or media-type default)', () => {
    it.each<{ name: string; job: JobInput; neededGb: number }>([
      { name: 'video default', job: { type: 'video' }, neededGb: 24 },
      { name: 'image default', job: { type: 'image' }, neededGb: 16 },
      { name: 'audio default', job: { type: 'audio' }, neededGb: 8 },
      { name: 'custom with its own figure', job: { type: 'custom', requirements: { minVramGb: 40 } }, neededGb: 40 },
      { name: 'own figure overrides the type default', job: { type: 'video', requirements: { minVramGb: 12 } }, neededGb: 12 },
    ])('$name needs $neededGb GB: passes a GPU of exactly that size, rejects one 0.5 GB smaller', ({ job, neededGb }) => {
      const prepared = testJob(job);
      expect(prepared.vramRequiredGb).toBe(neededGb);
      expect(vramFitPlugin.filterLocal(prepared, testGpuClass({ vramGb: neededGb, powerWatts: 300, purchasePriceUsd: 1000 }))).toBe(PASS);
      expect(vramFitPlugin.filterCloud(prepared, testOffer({ vramGb: neededGb }))).toBe(PASS);
      const smaller = neededGb - 0.5;
      expect(rejectionOf(vramFitPlugin.filterLocal(prepared, testGpuClass({ vramGb: smaller })))).toEqual({
        reason: 'insufficient VRAM',
        detail: `${smaller} GB < ${neededGb} GB needed`,
      });
    });

    it('uses the configured media-type default', () => {
      const config = parseSchedulerConfig({ vramByMediaType: { video: 30 } });
      const job = testJob({ type: 'video' }, { config });
      expect(rejectionOf(vramFitPlugin.filterLocal(job, testGpuClass({ vramGb: 24 })))).toEqual({
        reason: 'insufficient VRAM',
        detail: '24 GB < 30 GB needed',
      });
    });
  });

  describe('filterLocal', () => {
    it.each<{ gpuVramGb: number; job: JobInput; passed: boolean; detail?: string }>([
      { gpuVramGb: 24, job: { type: 'video' }, passed: true },
      { gpuVramGb: 48, job: { type: 'video' }, passed: true },
      { gpuVramGb: 16, job: { type: 'video' }, passed: false, detail: '16 GB < 24 GB needed' },
      { gpuVramGb: 16, job: { type: 'image' }, passed: true },
      { gpuVramGb: 8, job: { type: 'image' }, passed: false, detail: '8 GB < 16 GB needed' },
      { gpuVramGb: 8, job: { type: 'audio' }, passed: true },
      { gpuVramGb: 80, job: { type: 'custom', requirements: { minVramGb: 100 } }, passed: false, detail: '80 GB < 100 GB needed' },
      { gpuVramGb: 23.5, job: { type: 'video' }, passed: false, detail: '23.5 GB < 24 GB needed' },
    ])('GPU with $gpuVramGb GB, job $job.type: passed=$passed', ({ gpuVramGb, job, passed, detail }) => {
      const status = vramFitPlugin.filterLocal(testJob(job), testGpuClass({ vramGb: gpuVramGb }));
      if (passed) {
        expect(status).toBe(PASS);
      } else {
        expect(rejectionOf(status)).toEqual({ reason: 'insufficient VRAM', detail });
      }
    });
  });

  describe('filterCloud', () => {
    it.each<{ offerVramGb: number; job: JobInput; passed: boolean; detail?: string }>([
      { offerVramGb: 24, job: { type: 'video' }, passed: true },
      { offerVramGb: 80, job: { type: 'video' }, passed: true },
      { offerVramGb: 12, job: { type: 'image' }, passed: false, detail: '12 GB < 16 GB needed' },
      { offerVramGb: 48, job: { type: 'custom', requirements: { minVramGb: 64 } }, passed: false, detail: '48 GB < 64 GB needed' },
    ])('offer with $offerVramGb GB, job $job.type: passed=$passed', ({ offerVramGb, job, passed, detail }) => {
      const status = vramFitPlugin.filterCloud(testJob(job), testOffer({ vramGb: offerVramGb }));
      if (passed) {
        expect(status).toBe(PASS);
      } else {
        expect(rejectionOf(status)).toEqual({ reason: 'insufficient VRAM', detail });
      }
    });

    it('checks VRAM per GPU, not the offer total over several GPUs', () => {
      const status = vramFitPlugin.filterCloud(testJob({ type: 'video' }), testOffer({ vramGb: 16, gpuCount: 8 }));
      expect(rejectionOf(status).reason).toBe('insufficient VRAM');
    });
  });

  describe('scores: 100 for a snug fit, down to 50 when the job uses almost none of the GPU', () => {
    // 100 - 50 × (available - needed) / available
    it.each<{ neededGb: number; availableGb: number; score: number }>([
      { neededGb: 24, availableGb: 24, score: 100 },
      { neededGb: 24, availableGb: 48, score: 75 },
      { neededGb: 16, availableGb: 24, score: 100 - 50 * (8 / 24) },
      { neededGb: 8, availableGb: 80, score: 55 },
      { neededGb: 1, availableGb: 141, score: 100 - 50 * (140 / 141) },
    ])('$neededGb GB on $availableGb GB scores $score', ({ neededGb, availableGb, score }) => {
      const job = testJob({ type: 'custom', requirements: { minVramGb: neededGb } });
      const local = vramFitPlugin.scoreLocal(job, localCandidate(testGpuClass({ vramGb: availableGb })));
      const cloud = vramFitPlugin.scoreCloud(job, cloudCandidate(testOffer({ vramGb: availableGb })));
      expect(local).toBeCloseTo(score, 10);
      expect(cloud).toBeCloseTo(score, 10);
      for (const value of [local, cloud]) {
        expect(value).toBeGreaterThanOrEqual(50);
        expect(value).toBeLessThanOrEqual(100);
      }
    });

    it('prefers the smaller of two fitting GPUs', () => {
      const job = testJob({ type: 'image' });
      const small = vramFitPlugin.scoreLocal(job, localCandidate(testGpuClass({ vramGb: 24 })));
      const big = vramFitPlugin.scoreLocal(
        job,
        localCandidate(testGpuClass({ model: 'NVIDIA A100-SXM4-80GB', vramGb: 80, purchasePriceUsd: 15000 })),
      );
      expect(small).toBeGreaterThan(big);
    });
  });
});
