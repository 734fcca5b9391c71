import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gpuDeviceSchema, gpuHealthEventSchema, gpuSampleSchema } from '../../spec/gpu-device.js';
import type { LocalGpuProvider } from '../../spec/local-gpu-provider.js';

/** What a LocalGpuProvider implementation hands the conformance suite. */
export interface LocalGpuProviderHarness {
  readonly provider: LocalGpuProvider;
  /** Makes the provider emit at least one health event, where the implementation can be driven so. */
  readonly triggerHealthEvent?: () => Promise<void> | void;
  /** Frees what setup made (fake libraries, servers, temp files). */
  readonly teardown?: () => Promise<void> | void;
}

/**
 * The LocalGpuProvider contract as tests. Call it at the top level of a test file:
 * `describeLocalGpuProviderConformance('nvml (fake library)', async () => ({ provider }))`.
 */
export function describeLocalGpuProviderConformance(name: string, setup: () => Promise<LocalGpuProviderHarness>): void {
  describe(`LocalGpuProvider conformance: ${name}`, () => {
    let harness: LocalGpuProviderHarness;
    beforeEach(async () => {
      harness = await setup();
    });
    afterEach(async () => {
      await harness.provider.close();
      await harness.teardown?.();
    });

    it('discovers valid devices with unique ids that stay the same', async () => {
      const first = await harness.provider.discover();
      expect(first.length).toBeGreaterThan(0);
      for (const device of first) {
        expect(gpuDeviceSchema.safeParse(device).success, JSON.stringify(device)).toBe(true);
        expect(device.providerId).toBe(harness.provider.id);
      }
      expect(new Set(first.map((device) => device.id)).size).toBe(first.length);
      const second = await harness.provider.discover();
      expect(second.map((device) => device.id)).toEqual(first.map((device) => device.id));
    });

    it('samples every discovered device once, with valid metrics', async () => {
      const ids = (await harness.provider.discover()).map((device) => device.id).sort();
      const samples = await harness.provider.sample();
      expect(samples.map((sample) => sample.gpuId).sort()).toEqual(ids);
      for (const sample of samples) {
        expect(gpuSampleSchema.safeParse(sample).success, JSON.stringify(sample)).toBe(true);
        if (sample.status !== 'error') expect(sample.memoryUsedMb).toBeLessThanOrEqual(sample.memoryTotalMb);
      }
    });

    it('rejects with the abort reason when the signal is already aborted', async () => {
      const reason = new Error('conformance abort');
      await expect(harness.provider.discover(AbortSignal.abort(reason))).rejects.toBe(reason);
      await expect(harness.provider.sample(AbortSignal.abort(reason))).rejects.toBe(reason);
    });

    it('delivers valid health events to listeners until they unsubscribe', async () => {
      const ids = new Set((await harness.provider.discover()).map((device) => device.id));
      const received: unknown[] = [];
      const unsubscribe = harness.provider.onHealth((event) => received.push(event));
      if (harness.triggerHealthEvent) {
        await harness.triggerHealthEvent();
        expect(received.length).toBeGreaterThan(0);
        for (const event of received) {
          const parsed = gpuHealthEventSchema.safeParse(event);
          expect(parsed.success, JSON.stringify(event)).toBe(true);
          if (parsed.success) expect(ids.has(parsed.data.gpuId)).toBe(true);
        }
      }
      unsubscribe();
      unsubscribe();
      const count = received.length;
      await harness.triggerHealthEvent?.();
      expect(received.length).toBe(count);
    });

    it('closes idempotently and refuses calls afterwards', async () => {
      await harness.provider.close();
      await harness.provider.close();
      await expect(harness.provider.discover()).rejects.toThrow();
    });
  });
}
