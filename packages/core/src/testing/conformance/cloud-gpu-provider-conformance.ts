import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cloudOfferSchema } from '../../config/cloud-offer.js';
import { ProviderError } from '../../errors/provider-error.js';
import type { CloudGpuProvider } from '../../spec/cloud-gpu-provider.js';
import { type CloudInstance, cloudInstanceSchema, type OfferQuery } from '../../spec/cloud-instance.js';
import { offerMatchesQuery } from '../../spec/offer-query.js';

/** What a CloudGpuProvider implementation hands the conformance suite. */
export interface CloudGpuProviderHarness {
  readonly provider: CloudGpuProvider;
  /** A query for which the provider (or its test double) has offers. */
  readonly query: OfferQuery;
  /** Image to launch. @default 'ghcr.io/aima/conformance:latest' */
  readonly image?: string;
  /** Called between polls while waiting for an instance to run (advance a virtual clock here). */
  readonly tick?: () => Promise<void>;
  /** Polls before giving up on `running`. @default 50 */
  readonly maxPolls?: number;
  readonly teardown?: () => Promise<void> | void;
}

const live = new Set(['provisioning', 'running', 'stopped']);

/**
 * The CloudGpuProvider contract as tests, run against a provider pointed at a test double:
 * `describeCloudGpuProviderConformance('vast (fake API)', async () => ({ provider, query }))`.
 */
export function describeCloudGpuProviderConformance(name: string, setup: () => Promise<CloudGpuProviderHarness>): void {
  describe(`CloudGpuProvider conformance: ${name}`, () => {
    let harness: CloudGpuProviderHarness;
    const label = `aima-conformance-${Math.floor(Math.random() * 1e9).toString(36)}`;
    beforeEach(async () => {
      harness = await setup();
    });
    afterEach(async () => {
      await harness.provider.close();
      await harness.teardown?.();
    });

    async function firstOffer() {
      const offers = await harness.provider.listOffers(harness.query);
      const offer = offers[0];
      if (offer === undefined) throw new Error('the harness query found no offers; give one the test double can satisfy');
      return offer;
    }

    async function launch(key: string): Promise<CloudInstance> {
      const offer = await firstOffer();
      return harness.provider.launch({ key, offerId: offer.offerId, image: harness.image ?? 'ghcr.io/aima/conformance:latest', label });
    }

    it('lists valid offers of its own that satisfy the query', async () => {
      const offers = await harness.provider.listOffers(harness.query);
      expect(offers.length).toBeGreaterThan(0);
      for (const offer of offers) {
        const parsed = cloudOfferSchema.safeParse(offer);
        expect(parsed.success, JSON.stringify(offer)).toBe(true);
        expect(offer.provider).toBe(harness.provider.id);
        if (parsed.success) expect(offerMatchesQuery(parsed.data, harness.query), JSON.stringify(offer)).toBe(true);
      }
      const cheapest = Math.min(...offers.map((offer) => offer.pricePerHourUsd));
      const none = await harness.provider.listOffers({ ...harness.query, maxPricePerHourUsd: cheapest / 2 - 0.0001 });
      expect(none.every((offer) => offer.pricePerHourUsd <= cheapest / 2)).toBe(true);
    });

    it('launches idempotently per key, labelled, and reaches running', async () => {
      const instance = await launch('job-1#1');
      expect(cloudInstanceSchema.safeParse(instance).success, JSON.stringify(instance)).toBe(true);
      expect(instance.label).toBe(label);
      expect(instance.providerId).toBe(harness.provider.id);
      expect(['provisioning', 'running']).toContain(instance.status);
      const again = await launch('job-1#1');
      expect(again.id).toBe(instance.id);
      const ours = await harness.provider.listInstances(label);
      expect(ours.filter((candidate) => live.has(candidate.status)).map((candidate) => candidate.id)).toEqual([instance.id]);
      let current: CloudInstance | undefined = instance;
      for (let poll = 0; poll < (harness.maxPolls ?? 50) && current?.status !== 'running'; poll++) {
        await harness.tick?.();
        current = await harness.provider.getInstance(instance.id);
      }
      expect(current?.status).toBe('running');
      await harness.provider.terminate(instance.id);
    });

    it('terminates idempotently, also instances that are gone', async () => {
      const instance = await launch('job-2#1');
      await harness.provider.terminate(instance.id);
      await harness.provider.terminate(instance.id);
      const after = await harness.provider.getInstance(instance.id);
      expect(after === undefined || after.status === 'terminated').toBe(true);
      const ours = await harness.provider.listInstances(label);
      expect(ours.filter((candidate) => candidate.id === instance.id && live.has(candidate.status))).toEqual([]);
      await harness.provider.terminate('aima-conformance-no-such-instance');
    });

    it('answers undefined for an unknown instance and keeps labels apart', async () => {
      expect(await harness.provider.getInstance('aima-conformance-no-such-instance')).toBeUndefined();
      const instance = await launch('job-3#1');
      expect((await harness.provider.listInstances(`${label}-other`)).map((candidate) => candidate.id)).not.toContain(instance.id);
      await harness.provider.terminate(instance.id);
    });

    it('fails a launch of an unknown offer with a ProviderError and leaves nothing running', async () => {
      const error = await harness.provider
        .launch({ key: 'job-4#1', offerId: 'aima-conformance-no-such-offer', image: 'ghcr.io/aima/conformance:latest', label })
        .then(
          () => undefined,
          (caught: unknown) => caught,
        );
      expect(ProviderError.isInstance(error), String(error)).toBe(true);
      const ours = await harness.provider.listInstances(label);
      expect(ours.filter((candidate) => live.has(candidate.status))).toEqual([]);
    });

    it('rejects with the abort reason when the signal is already aborted', async () => {
      const reason = new Error('conformance abort');
      await expect(harness.provider.listOffers(harness.query, AbortSignal.abort(reason))).rejects.toBe(reason);
      await expect(harness.provider.listInstances(label, AbortSignal.abort(reason))).rejects.toBe(reason);
    });
  });
}
