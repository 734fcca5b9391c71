import { parseInput } from '@aima/core';
import runpodSdk from 'runpod-sdk';
import { z } from 'zod';
import { createHttpTransport } from '../api/http-transport.js';
import { parseResponse } from '../api/parse-response.js';
import type { RetryPolicy } from '../api/retry-policy.js';
import type { RunpodJobRequest } from './job-payload.js';
import { callSdk, type SdkCallSettings } from './sdk-call.js';
import {
  healthSchema,
  jobHandleSchema,
  jobStatusSchema,
  type ServerlessHealth,
  type ServerlessJobHandle,
  type ServerlessJobStatus,
  type ServerlessStreamPage,
  streamPageSchema,
} from './serverless-schemas.js';

/**
 * The serverless job calls the runner needs (HABITS §7). Every call takes an AbortSignal and
 * rejects with its reason; failures are `RunpodApiError`s.
 */
export interface ServerlessEndpointClient {
  readonly endpointId: string;
  /** `POST /run`: queues a job. Not retried after a 5xx or timeout (RunPod has no idempotency key). */
  submit(request: RunpodJobRequest, signal?: AbortSignal): Promise<ServerlessJobHandle>;
  /** `GET /status/{id}`; a 404 means the job is unknown or its result expired (30 min after `/run`). */
  status(jobId: string, signal?: AbortSignal): Promise<ServerlessJobStatus>;
  /** `GET /stream/{id}`: the output chunks produced since the previous call. */
  stream(jobId: string, signal?: AbortSignal): Promise<ServerlessStreamPage>;
  /** `POST /cancel/{id}`. */
  cancel(jobId: string, signal?: AbortSignal): Promise<ServerlessJobHandle>;
  /** `GET /health`: job counts and workers. */
  health(signal?: AbortSignal): Promise<ServerlessHealth>;
  close(): void;
}

/** Settings of {@link createRunpodServerlessClient}, validated by the runner's options. */
export interface ServerlessClientSettings {
  readonly endpointId: string;
  readonly apiKey: string;
  /** Up to and including `/v2`, e.g. `https://api.runpod.ai/v2`. */
  readonly baseUrl: string;
  readonly providerId: string;
  readonly clock: SdkCallSettings['clock'];
  readonly logger: SdkCallSettings['logger'];
  readonly retry: RetryPolicy;
  readonly requestTimeoutMs: number;
  readonly userAgent: string;
}

const jobIdSchema = z.string().regex(/^[A-Za-z0-9-]{1,128}$/, 'must be a RunPod job id such as "eaebd6e7-6a92-4bb8-a911-f996ac5ea99d-u1"');

/**
 * The client over the `runpod-sdk` package (`runpodSdk(key, { baseUrl }).endpoint(id)`) for
 * run, status, cancel and health. `/stream` goes over axios instead: the SDK's `stream()` is a
 * generator that re-requests in a loop with no pause and no way to stop it between chunks.
 * The SDK takes no AbortSignal: an aborted call is abandoned (its request ends at the SDK's
 * own timeout, `requestTimeoutMs`) and the caller's promise rejects at once.
 */
export function createRunpodServerlessClient(settings: ServerlessClientSettings): ServerlessEndpointClient {
  const baseUrl = settings.baseUrl.replace(/\/+$/, '');
  const endpoint = runpodSdk(settings.apiKey, { baseUrl }).endpoint(settings.endpointId);
  if (endpoint === null) throw new Error('runpod-sdk returned no endpoint');
  const sdk: SdkCallSettings = { ...settings, secrets: [settings.apiKey] };
  const transport = createHttpTransport({ ...settings, concurrency: 8 });
  const timeout = settings.requestTimeoutMs;
  const jobId = (id: string) => parseInput(jobIdSchema, id, 'RunPod job id');

  return {
    endpointId: settings.endpointId,
    submit: (request, signal) =>
      callSdk(sdk, {
        operation: 'submit job',
        idempotent: false,
        invoke: () => endpoint.run(request, timeout),
        schema: jobHandleSchema,
        signal,
      }),
    status: (id, signal) =>
      callSdk(sdk, {
        operation: 'read job status',
        idempotent: true,
        invoke: () => endpoint.status(jobId(id), timeout),
        schema: jobStatusSchema,
        signal,
      }),
    cancel: (id, signal) =>
      callSdk(sdk, {
        operation: 'cancel job',
        idempotent: true,
        invoke: () => endpoint.cancel(jobId(id), timeout),
        schema: jobHandleSchema,
        signal,
      }),
    health: (signal) =>
      callSdk(sdk, {
        operation: 'read endpoint health',
        idempotent: true,
        invoke: () => endpoint.health(timeout),
        schema: healthSchema,
        signal,
      }),
    async stream(id, signal) {
      const operation = 'read job stream';
      const url = `${baseUrl}/${settings.endpointId}/stream/${encodeURIComponent(jobId(id))}`;
      const response = await transport.send({ operation, method: 'GET', url, idempotent: true, signal });
      if (response.status !== 200) throw transport.failure(operation, response);
      return parseResponse(streamPageSchema, response.body, { providerId: settings.providerId, operation, status: 200 });
    },
    close: () => transport.close(),
  };
}
