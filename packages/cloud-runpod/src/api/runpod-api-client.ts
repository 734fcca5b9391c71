import { parseInput } from '@aima/core';
import { parseOptions } from '../options/parse-options.js';
import {
  type CreatePodInput,
  createPodInputSchema,
  type GpuTypesQueryInput,
  gpuTypesQuerySchema,
  podIdSchema,
  type RentInterruptableInput,
  rentInterruptableInputSchema,
} from './client-inputs.js';
import { type RunpodApiClientOptions, runpodApiClientOptionsSchema } from './client-options.js';
import { type GraphqlContext, runGraphql } from './graphql-call.js';
import { gpuTypesDocument, rentInterruptableDocument } from './graphql-documents.js';
import { gpuTypesDataSchema, type RunpodGpuType, type RunpodGraphqlPod, rentInterruptableDataSchema } from './graphql-schemas.js';
import { createHttpTransport, type HttpTransport } from './http-transport.js';
import { parseResponse } from './parse-response.js';
import { createPodBody, rentInterruptableVariables } from './request-bodies.js';
import { type RunpodPod, restPodListSchema, restPodSchema } from './rest-v2-schemas.js';

/**
 * The RunPod calls the pod provider needs, and no more (HABITS §7): GPU types with prices and
 * stock (GraphQL), on-demand pods (REST v2), spot pods (GraphQL: REST v2 has no spot), reading,
 * listing, stopping, resuming and terminating pods (REST v2). REST v1 retired on 2026-11-15.
 *
 * Every call takes an AbortSignal and rejects with its reason; failures are `RunpodApiError`s
 * (a `ProviderError`); inputs are validated before any request (`ValidationError`).
 */
export interface RunpodApiClient {
  /** `gpuTypes` with `lowestPrice` for one cloud and GPU count. */
  listGpuTypes(query: GpuTypesQueryInput, signal?: AbortSignal): Promise<RunpodGpuType[]>;
  /** An on-demand pod (`POST /v2/pods`). Not retried after a 5xx: the pod may exist. */
  createPod(input: CreatePodInput, signal?: AbortSignal): Promise<RunpodPod>;
  /** A spot pod (`podRentInterruptable`). RunPod may answer "Spot pods are no longer offered". */
  rentInterruptablePod(input: RentInterruptableInput, signal?: AbortSignal): Promise<RunpodGraphqlPod>;
  /** The pod, or undefined when RunPod does not know it (404). */
  getPod(podId: string, signal?: AbortSignal): Promise<RunpodPod | undefined>;
  /** Every pod of the account (RunPod has no server-side filter worth using: B7). */
  listPods(signal?: AbortSignal): Promise<RunpodPod[]>;
  /** Stops a pod; its disk stays (and bills). */
  stopPod(podId: string, signal?: AbortSignal): Promise<RunpodPod>;
  /** Starts a stopped pod again. */
  resumePod(podId: string, signal?: AbortSignal): Promise<RunpodPod>;
  /** Deletes a pod for good; succeeds when it is already gone. */
  terminatePod(podId: string, signal?: AbortSignal): Promise<void>;
  close(): void;
}

export function createRunpodApiClient(options: RunpodApiClientOptions): RunpodApiClient {
  const resolved = parseOptions(runpodApiClientOptionsSchema, options, 'RunPod API client options');
  const transport: HttpTransport = createHttpTransport(resolved);
  const graphql: GraphqlContext = { transport, url: resolved.graphqlUrl, providerId: resolved.providerId, secrets: [resolved.apiKey] };
  const restBase = resolved.restUrl.replace(/\/+$/, '');
  const context = (operation: string, status?: number) => ({
    providerId: resolved.providerId,
    operation,
    ...(status !== undefined && { status }),
  });

  function podUrl(podId: string, suffix = ''): string {
    const id = parseInput(podIdSchema, podId, 'RunPod pod id');
    return `${restBase}/v2/pods/${encodeURIComponent(id)}${suffix}`;
  }

  async function podAction(operation: string, podId: string, action: 'start' | 'stop', signal?: AbortSignal): Promise<RunpodPod> {
    const url = podUrl(podId, '/action');
    const response = await transport.send({ operation, method: 'POST', url, body: { action }, idempotent: true, signal });
    if (response.status !== 200) throw transport.failure(operation, response);
    return parseResponse(restPodSchema, response.body, context(operation, 200));
  }

  return {
    async listGpuTypes(query, signal) {
      const input = parseInput(gpuTypesQuerySchema, query, 'GPU type query');
      const lowestPriceInput = {
        gpuCount: input.gpuCount,
        secureCloud: input.cloud === 'SECURE',
        ...(input.dataCenterId !== undefined && { dataCenterId: input.dataCenterId }),
        ...(input.countryCode !== undefined && { countryCode: input.countryCode }),
      };
      const data = await runGraphql(graphql, {
        operation: `list ${input.cloud.toLowerCase()} GPU types`,
        document: gpuTypesDocument(input.includeSpotPrices),
        variables: { lowestPriceInput },
        schema: gpuTypesDataSchema,
        idempotent: true,
        signal,
      });
      return data.gpuTypes;
    },
    async createPod(input, signal) {
      const pod = parseInput(createPodInputSchema, input, 'pod to create');
      const operation = 'create pod';
      const body = createPodBody(pod);
      const response = await transport.send({ operation, method: 'POST', url: `${restBase}/v2/pods`, body, idempotent: false, signal });
      if (response.status !== 201 && response.status !== 200) throw transport.failure(operation, response);
      return parseResponse(restPodSchema, response.body, context(operation, response.status));
    },
    async rentInterruptablePod(input, signal) {
      const pod = parseInput(rentInterruptableInputSchema, input, 'spot pod to rent');
      const data = await runGraphql(graphql, {
        operation: 'rent spot pod',
        document: rentInterruptableDocument,
        variables: rentInterruptableVariables(pod),
        schema: rentInterruptableDataSchema,
        idempotent: false,
        signal,
      });
      return data.podRentInterruptable;
    },
    async getPod(podId, signal) {
      const operation = 'read pod';
      const response = await transport.send({ operation, method: 'GET', url: podUrl(podId), idempotent: true, signal });
      if (response.status === 404) return undefined;
      if (response.status !== 200) throw transport.failure(operation, response);
      return parseResponse(restPodSchema, response.body, context(operation, 200));
    },
    async listPods(signal) {
      const operation = 'list pods';
      const response = await transport.send({ operation, method: 'GET', url: `${restBase}/v2/pods`, idempotent: true, signal });
      if (response.status !== 200) throw transport.failure(operation, response);
      return parseResponse(restPodListSchema, response.body, context(operation, 200)).pods;
    },
    stopPod: (podId, signal) => podAction('stop pod', podId, 'stop', signal),
    resumePod: (podId, signal) => podAction('resume pod', podId, 'start', signal),
    async terminatePod(podId, signal) {
      const operation = 'terminate pod';
      const response = await transport.send({ operation, method: 'DELETE', url: podUrl(podId), idempotent: true, signal });
      if (response.status === 204 || response.status === 200 || response.status === 404) return;
      throw transport.failure(operation, response);
    },
    close() {
      transport.close();
    },
  };
}
