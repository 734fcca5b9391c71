import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cloudInstanceSchema, cloudOfferSchema, type ProviderErrorKind } from '@aima/core';
import { describe, expect, it } from 'vitest';
import { classifyFailure, parseFailureBody } from './client/classify-failure.js';
import { createInstanceResponseSchema, successResponseSchema } from './client/schemas/envelopes.js';
import { listInstancesResponseSchema, showInstanceResponseSchema } from './client/schemas/instance.js';
import { searchOffersResponseSchema, vastOfferSchema } from './client/schemas/offer.js';
import { parseBody } from './client/schemas/parse-body.js';
import { toCloudInstance } from './provider/instance-mapping.js';
import { toCloudOffers } from './provider/offer-mapping.js';
import { planOfferSearch } from './provider/offer-search.js';
import { readSearchBody } from './testing/fake/fake-search.js';

// Real and vendor-published Vast.ai payloads, outside the repository (never read by library code).
const fixturesDir = fileURLToPath(new URL('../../../../shared/data/cloud-fixtures/vastai', import.meta.url));
const both = { onDemand: true, interruptible: true };

function jsonFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return jsonFiles(path);
    return name.endsWith('.json') ? [path] : [];
  });
}

const read = (file: string) => readFileSync(file, 'utf8');

function offersOf(raw: readonly unknown[]) {
  return raw.map((candidate) => {
    const offer = vastOfferSchema.parse(candidate);
    const mapped = toCloudOffers(offer, both);
    expect(mapped.problems).toEqual([]);
    for (const mappedOffer of mapped.offers) expect(cloudOfferSchema.safeParse(mappedOffer).success).toBe(true);
    return mapped.offers;
  });
}

function expectKinds(file: string, expected: Readonly<Record<string, ProviderErrorKind | 'success'>>): void {
  const byStatus = JSON.parse(read(file)) as Record<string, unknown>;
  expect(Object.keys(byStatus).sort()).toEqual(Object.keys(expected).sort());
  for (const [status, body] of Object.entries(byStatus)) {
    const kind = expected[status];
    if (kind === 'success') expect(successResponseSchema.parse(body).success).toBe(true);
    else expect([status, classifyFailure(Number(status), parseFailureBody(JSON.stringify(body)))]).toEqual([status, kind]);
  }
}

/** One rule per kind of recorded file; every file must be claimed by exactly one. */
const rules: readonly { readonly name: string; readonly pattern: RegExp; readonly check: (file: string) => void }[] = [
  {
    name: 'search response: offers map to valid CloudOffers (the published single-object form too)',
    pattern: /POST-bundles\.response\./,
    check(file) {
      const { offers } = parseBody(searchOffersResponseSchema, read(file), 'POST /bundles/', 200);
      const [variants] = offersOf(offers);
      expect(variants?.map((offer) => [offer.offerId, offer.gpuModel, offer.vramGb, offer.gpuCount, offer.region])).toEqual([
        ['12345678', 'Imaginary RTX 9999 24GB', 24, 4, 'eu-at'],
        ['12345678-bid', 'Imaginary RTX 9999 24GB', 24, 4, 'eu-at'],
      ]);
    },
  },
  {
    name: 'raw CLI offers: the real RTX 4090 in Guangxi maps field by field',
    pattern: /search-offers-raw/,
    check(file) {
      const [variants] = offersOf(JSON.parse(read(file)) as unknown[]);
      expect(variants?.[0]).toEqual({
        provider: 'vast',
        offerId: '11684738',
        gpuModel: 'RTX 4090 24GB',
        gpuCount: 1,
        vramGb: 24,
        pricePerHourUsd: 0.2466759259259259,
        region: 'ap-cn',
        reliability: 0.9700835,
        uploadMbps: 77.7,
        downloadMbps: 105.9,
        interruptible: false,
        cudaVersion: '12.2',
        computeCapability: '8.9',
        verified: true,
        tags: [],
      });
      expect(variants?.[1]).toMatchObject({ offerId: '11684738-bid', pricePerHourUsd: 0.2, interruptible: true });
    },
  },
  {
    name: 'search request: the fake accepts the published body and ours',
    pattern: /POST-bundles\.request\./,
    check(file) {
      expect(readSearchBody(JSON.parse(read(file)))).toHaveProperty('search');
      const ours = planOfferSearch(
        { gpuModels: ['RTX 4090'], regions: ['eu'], maxPricePerHourUsd: 1 },
        {
          minReliability: 0.9,
          verifiedOnly: true,
          datacenterOnly: true,
          minDirectPorts: 1,
          searchLimit: 64,
          searchDiskGb: 20,
          minCudaVersion: '12.1',
        },
      ).search;
      expect(readSearchBody({ ...ours.filters, type: ours.type, order: ours.order, limit: ours.limit })).toHaveProperty('search');
    },
  },
  {
    name: 'search error: a bare filter value is a bad request',
    pattern: /POST-bundles\.error-non-dict-filter/,
    check(file) {
      const body = parseFailureBody(read(file));
      expect(body).toMatchObject({ error: 'bad_request' });
      expect(classifyFailure(400, body)).toBe('invalid-request');
      expect(readSearchBody({ gpu_name: 'RTX 4090' })).toEqual({ error: 'q.gpu_name: Input should be a valid dictionary' });
    },
  },
  {
    name: 'one instance: {"instances": {...}} with string host ports maps to a valid CloudInstance',
    pattern: /GET-instances-id\./,
    check(file) {
      const { instances } = parseBody(showInstanceResponseSchema, read(file), 'GET /instances/{id}/', 200);
      expect(instances).not.toBeNull();
      const instance = toCloudInstance(instances ?? {}, { id: instances?.id ?? 1, now: Date.UTC(2026, 4, 13) });
      expect(cloudInstanceSchema.safeParse(instance).success).toBe(true);
      if (file.includes('running')) {
        expect(instance).toMatchObject({
          id: '36717044',
          status: 'running',
          endpoint: { host: '140.228.20.111', ports: { '8000': 37708, '9100': 40713 } },
        });
        expect(instance.ssh).toEqual({ host: 'ssh7.vast.ai', port: 37044 });
      } else {
        expect(instance).toMatchObject({ status: 'provisioning', statusMessage: 'Vast reports loading' });
      }
    },
  },
  {
    name: 'instance list: the empty legacy list reads as no instances',
    pattern: /GET-instances\.empty/,
    check: (file) => expect(parseBody(listInstancesResponseSchema, read(file), 'GET /instances/', 200).instances).toEqual([]),
  },
  {
    name: 'rent: new_contract is the instance id',
    pattern: /PUT-asks-id\.success/,
    check: (file) => expect(parseBody(createInstanceResponseSchema, read(file), 'PUT /asks/{id}/', 200).new_contract).toBe(12345678),
  },
  {
    name: 'rent errors: gone offers are capacity, bad args invalid-request, 429 rate-limit',
    pattern: /PUT-asks-id\.errors/,
    check: (file) =>
      expectKinds(file, { 400: 'invalid-request', 403: 'invalid-request', 404: 'capacity', 410: 'capacity', 429: 'rate-limit' }),
  },
  {
    name: 'destroy: {"success": true}',
    pattern: /DELETE-instances-id\.success/,
    check: (file) => expect(parseBody(successResponseSchema, read(file), 'DELETE /instances/{id}/', 200).success).toBe(true),
  },
  {
    name: 'destroy answers: not_found means gone, 429 is rate-limit',
    pattern: /DELETE-instances-id\.responses/,
    check: (file) => expectKinds(file, { 200: 'success', 400: 'invalid-request', 404: 'not-found', 429: 'rate-limit' }),
  },
];

describe.skipIf(!existsSync(fixturesDir))(`replaying every recorded Vast.ai payload (skipped when ${fixturesDir} is absent)`, () => {
  const files = existsSync(fixturesDir) ? jsonFiles(fixturesDir) : [];

  it('finds the recorded payloads, each claimed by exactly one rule', () => {
    expect(files.length).toBeGreaterThanOrEqual(12);
    for (const file of files) {
      const claimed = rules.filter((rule) => rule.pattern.test(file)).map((rule) => rule.name);
      expect([relative(fixturesDir, file), claimed.length], `add a replay rule for ${file}`).toEqual([relative(fixturesDir, file), 1]);
    }
  });

  it.each(files.map((file) => [relative(fixturesDir, file), file]))('%s', (_name, file) => {
    const rule = rules.find((candidate) => candidate.pattern.test(file));
    expect(rule, `no replay rule for ${file}`).toBeDefined();
    rule?.check(file);
  });
});
