import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { offersOfGpuType } from '../provider/gpu-offers.js';
import { podToInstance } from '../provider/pod-instance.js';
import { isTerminal, phaseOf } from '../serverless/job-states.js';
import { parseWorkerError } from '../serverless/serverless-job-error.js';
import { healthSchema, jobHandleSchema, jobStatusSchema, purgeQueueSchema, streamChunkSchema } from '../serverless/serverless-schemas.js';
import { gpuOffersFixtureSettings } from '../test-support/fixture-settings.js';
import { detailOfBody, reasonOfHttpFailure, reasonOfMessage } from './classify-failure.js';
import { createPodInputSchema } from './client-inputs.js';
import { gpuTypesDataSchema, graphqlEnvelopeSchema, graphqlPodSchema } from './graphql-schemas.js';
import { createPodBody } from './request-bodies.js';
import { problemSchema, restCreatePodBodySchema, restPodSchema } from './rest-v2-schemas.js';

/**
 * Replays every RunPod payload of the shared research folder (reference: cloud-apis.md part B)
 * through this package's schemas and mappings. Each file is handled below by name; a new file
 * fails the test until it is given a handler, so no recorded payload is silently ignored.
 */
const fixturesDirectory = fileURLToPath(new URL('../../../../../shared/data/cloud-fixtures/runpod/', import.meta.url));
const present = existsSync(fixturesDirectory);

function jsonFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? jsonFiles(path) : name.endsWith('.json') ? [relative(fixturesDirectory, path)] : [];
  });
}

const read = (file: string): unknown => JSON.parse(readFileSync(join(fixturesDirectory, file), 'utf8'));
const parsed = <Schema extends z.ZodType>(schema: Schema, value: unknown): z.output<Schema> => {
  const result = schema.safeParse(value);
  expect(result.success, result.success ? '' : JSON.stringify(result.error.issues)).toBe(true);
  return result.data as z.output<Schema>;
};
const dataOf = (value: unknown) => parsed(graphqlEnvelopeSchema, value).data as Record<string, unknown>;
const graphqlPodOutput = (field: string) => (value: unknown) => parsed(graphqlPodSchema, dataOf(value)[field]);
const now = Date.parse('2026-08-20T07:16:19.436Z');

const handlers: Readonly<Record<string, (value: unknown) => void>> = {
  // GraphQL: GPU types and prices.
  'docs-examples/graphql-gpuTypes-list.response.json': (value) =>
    expect(parsed(gpuTypesDataSchema, dataOf(value)).gpuTypes).toHaveLength(3),
  'docs-examples/graphql-gpuTypes-lowestPrice.response.json': (value) => {
    const [rtx3090] = parsed(gpuTypesDataSchema, dataOf(value)).gpuTypes;
    expect(rtx3090?.lowestPrice?.uninterruptablePrice).toBe(0.3);
  },
  'docs-examples/graphql-gpuTypes-stockStatus-high.response.json': (value) => expectStock(value, 'High', ['secure-cloud']),
  'docs-examples/graphql-gpuTypes-stockStatus-low.response.json': (value) => expectStock(value, 'Low', ['secure-cloud', 'low-stock']),
  'docs-examples/graphql-gpuTypes-stockStatus-high-with-minimumBidPrice.response.HISTORICAL.json': (value) =>
    expectStock(value, 'High', ['secure-cloud']),
  'docs-examples/graphql-gpuTypes-stockStatus-low-with-minimumBidPrice.response.HISTORICAL.json': (value) =>
    expectStock(value, 'Low', ['secure-cloud', 'low-stock']),
  'recorded/graphql-gpuTypes-lowestPrice.EU-RO-1.trimmed.json': (value) => {
    const types = parsed(gpuTypesDataSchema, value).gpuTypes;
    const offers = types.flatMap((type) => offersOfGpuType(type, { ...gpuOffersFixtureSettings, region: 'eu-ro-1' }));
    expect(offers.map((offer) => [offer.gpuModel, offer.pricePerHourUsd, offer.tags])).toEqual([
      ['NVIDIA GeForce RTX 4090', 0.74, ['secure-cloud']],
      ['NVIDIA RTX 2000 Ada Generation', 0.24, ['secure-cloud', 'low-stock']],
      ['NVIDIA RTX PRO 4500 Blackwell', 0.72, ['secure-cloud']],
    ]);
  },
  // GraphQL: pods and pod mutations.
  'recorded/graphql-pod.partial-fields.json': (value) =>
    expect(parsed(graphqlPodSchema, value)).toMatchObject({ costPerHr: 0.72, machine: { dataCenterId: 'EU-RO-1' } }),
  'docs-examples/graphql-pod-by-id.response.json': (value) =>
    expect(graphqlPodOutput('pod')(value).runtime?.ports?.[0]?.privatePort).toBe(8888),
  'docs-examples/graphql-myself-pods-runtime.response.json': (value) => {
    const myself = parsed(z.looseObject({ pods: z.array(graphqlPodSchema) }), dataOf(value).myself);
    expect(myself.pods[0]?.runtime?.uptimeInSeconds).toBe(3931);
  },
  'docs-examples/graphql-podFindAndDeployOnDemand.response.json': (value) =>
    expect(graphqlPodOutput('podFindAndDeployOnDemand')(value).env).toEqual(['JUPYTER_PASSWORD=your-password']),
  'docs-examples/graphql-podRentInterruptable.response.HISTORICAL.json': (value) =>
    expect(graphqlPodOutput('podRentInterruptable')(value).id).toBe('fkjbybgpwuvmhk'),
  'docs-examples/graphql-podResume.response.json': (value) => expect(graphqlPodOutput('podResume')(value).desiredStatus).toBe('RUNNING'),
  'docs-examples/graphql-podBidResume.response.HISTORICAL.json': (value) =>
    expect(graphqlPodOutput('podBidResume')(value).desiredStatus).toBe('RUNNING'),
  'docs-examples/graphql-podStop.response.json': (value) => expect(graphqlPodOutput('podStop')(value).desiredStatus).toBe('EXITED'),
  'observed/graphql-podFindAndDeployOnDemand.error-no-capacity.minimal-envelope.json': (value) => {
    const message = parsed(graphqlEnvelopeSchema, value).errors?.[0]?.message ?? '';
    expect(reasonOfMessage(message)).toBe('no-capacity');
  },
  // REST v2: pods, as the provider maps them.
  'recorded/rest-v2-GET-pod.json': (value) => {
    const instance = podToInstance(parsed(restPodSchema, value), 'runpod', now);
    expect(instance).toMatchObject({
      status: 'running',
      endpoint: { host: '213.173.104.74', ports: { '22': 35558 } },
      pricePerHourUsd: 0.72,
      label: 'unlabelled',
    });
    expect(instance.costSoFarUsd).toBeCloseTo(0.72, 3);
  },
  'recorded/rest-v2-GET-pod.not-ready.trimmed.json': (value) => {
    const instance = podToInstance(parsed(restPodSchema, value), 'runpod', now);
    expect(instance).toMatchObject({ status: 'provisioning', statusMessage: expect.stringContaining('RUNNING, but') });
    expect(instance.endpoint).toBeUndefined();
  },
  'recorded/rest-v2-GET-pod.stopped.trimmed.json': (value) =>
    expect(podToInstance(parsed(restPodSchema, value), 'runpod', now).status).toBe('stopped'),
  'recorded/rest-v2-error-400-no-capacity.json': (value) => expectReason(400, parsed(problemSchema, value), 'no-capacity'),
  'recorded/rest-v2-error-422-validation.json': (value) => {
    const problem = parsed(problemSchema, value);
    expectReason(422, problem, 'invalid-request');
    expect(detailOfBody(problem)).toContain("$.action: value must be one of 'start'");
  },
  'recorded/rest-v2-POST-pods.request-body-that-got-201.json': (value) => {
    parsed(restCreatePodBodySchema, value);
    const ours = createPodBody(
      createPodInputSchema.parse({
        name: 'aima:job-1#1',
        image: 'runpod/pytorch',
        gpuTypeId: 'NVIDIA RTX PRO 4500 Blackwell',
        ports: ['22/tcp'],
      }),
    );
    expect(parsed(restCreatePodBodySchema, ours)).toMatchObject({
      gpu: (value as { gpu: unknown }).gpu,
      cloud: 'SECURE',
      ports: ['22/tcp'],
    });
  },
  'openapi/rest-v2-openapi.json': (value) => expectBodyAllowedByOpenapi(value),
  // Serverless job API.
  'docs-examples/serverless-run.response.json': (value) => expect(phaseOf(parsed(jobHandleSchema, value).status)).toBe('queued'),
  'docs-examples/serverless-retry.response.json': (value) => expect(phaseOf(parsed(jobHandleSchema, value).status)).toBe('queued'),
  'docs-examples/serverless-cancel.response.json': (value) => expect(phaseOf(parsed(jobHandleSchema, value).status)).toBe('cancelled'),
  'docs-examples/serverless-status-completed.response.json': (value) => {
    const status = parsed(jobStatusSchema, value);
    expect([phaseOf(status.status), status.delayTime, status.executionTime]).toEqual(['succeeded', 31618, 1437]);
  },
  'docs-examples/serverless-runsync.response.json': (value) =>
    expect(isTerminal(phaseOf(parsed(jobStatusSchema, value).status))).toBe(true),
  'docs-examples/serverless-runsync.failed.public-endpoint.json': (value) => {
    const status = parsed(jobStatusSchema, value);
    expect([phaseOf(status.status), parseWorkerError(status.error)?.message]).toEqual([
      'failed',
      'Invalid parameter: width must be divisible by 64',
    ]);
  },
  'docs-examples/serverless-stream.stream-array.response.json': (value) =>
    expect(parsed(z.array(streamChunkSchema), value)[0]?.output).toMatchObject({ text: [' How'] }),
  'docs-examples/serverless-health.response.json': (value) => expect(parsed(healthSchema, value).workers).toEqual({ idle: 0, running: 0 }),
  'docs-examples/serverless-purge-queue.response.json': (value) => expect(parsed(purgeQueueSchema, value).removed).toBe(2),
  // REST v1 (retired 2026-11-15): its error wordings still matter, as GraphQL shares them.
  'observed/rest-v1-POST-pods.error-500-no-capacity.UNRESOLVED-PROVENANCE.json': (value) =>
    expect(reasonOfHttpFailure(500, detailOfBody(value))).toBe('no-capacity'),
  'observed/rest-v1-POST-pods.error-500-spot-no-capacity.UNRESOLVED-PROVENANCE.json': (value) =>
    expect(reasonOfHttpFailure(500, detailOfBody(value))).toBe('no-capacity'),
  'observed/rest-v1-POST-pods.error-500-low-balance.UNRESOLVED-PROVENANCE.json': (value) =>
    expect(reasonOfHttpFailure(500, detailOfBody(value))).toBe('low-balance'),
  'openapi/rest-v1-openapi.json': notUsed('REST v1 retired on 2026-11-15; this client never calls it'),
  'recorded/rest-v1-GET-pod.json': notUsed('REST v1 retired on 2026-11-15; pods are read over REST v2'),
  'recorded/rest-v1-GET-networkvolumes.json': notUsed('REST v1 retired; network volumes are not used'),
  'recorded/rest-v2-GET-network-volumes.json': notUsed('network volumes are not used: pods get a container disk only'),
  'recorded/rest-v2-GET-catalog-gpus.include-AVAILABILITY.trimmed.json': notUsed(
    'GPU prices and stock come from GraphQL gpuTypes, which also has spot prices',
  ),
  'recorded/rest-v2-GET-catalog-datacenters.trimmed.json': notUsed('data centers are given by option, not discovered'),
};

function notUsed(reason: string): (value: unknown) => void {
  return (value) => expect(value, reason).toBeDefined();
}

function expectStock(value: unknown, stock: string, tags: readonly string[]): void {
  const [type] = parsed(gpuTypesDataSchema, dataOf(value)).gpuTypes;
  expect(type?.lowestPrice?.stockStatus).toBe(stock);
  const withMemory = type === undefined ? [] : offersOfGpuType({ ...type, memoryInGb: 16 }, gpuOffersFixtureSettings);
  expect(withMemory.map((offer) => offer.tags)).toEqual([tags]);
}

function expectReason(status: number, body: unknown, reason: string): void {
  expect(reasonOfHttpFailure(status, detailOfBody(body))).toBe(reason);
}

/** Every key of the `POST /v2/pods` body we build must be a property the OpenAPI allows (it forbids others). */
function expectBodyAllowedByOpenapi(openapi: unknown): void {
  const schemas = (openapi as { components: { schemas: Record<string, { allOf?: { properties?: object }[]; properties?: object }> } })
    .components.schemas;
  const propertiesOf = (name: string): string[] => {
    const schema = schemas[name];
    const own = Object.keys(schema?.properties ?? {});
    const parts = (schema?.allOf ?? []).flatMap((part) => [
      ...Object.keys(part.properties ?? {}),
      ...('$ref' in part ? propertiesOf(String(part.$ref).split('/').at(-1) ?? '') : []),
    ]);
    return [...own, ...parts];
  };
  const body = createPodBody(
    createPodInputSchema.parse({ name: 'n', image: 'i', gpuTypeId: 'g', dataCenterId: 'EU-RO-1', minCudaVersion: '12.8' }),
  );
  expect(Object.keys(body).filter((key) => !propertiesOf('CreatePodRequest').includes(key))).toEqual([]);
  expect(Object.keys(body.gpu as object).filter((key) => !propertiesOf('CreateGpuConfig').includes(key))).toEqual([]);
}

describe.skipIf(!present)(
  `recorded RunPod payloads${present ? '' : ` (skipped: ${fixturesDirectory} not found; the shared research folder is not checked out)`}`,
  () => {
    const files = present ? jsonFiles(fixturesDirectory).sort() : [];

    it('has a handler for every payload file, and a file for every handler', () => {
      expect(files.filter((file) => handlers[file] === undefined)).toEqual([]);
      expect(Object.keys(handlers).filter((file) => !files.includes(file))).toEqual([]);
    });

    it.each(files.filter((file) => handlers[file] !== undefined))('%s', (file) => {
      handlers[file]?.(read(file));
    });
  },
);
