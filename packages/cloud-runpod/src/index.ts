/**
 * @aima/cloud-runpod: RunPod for AIMA. `createRunpodProvider` rents pods as a core
 * `CloudGpuProvider` (GraphQL for GPU types, prices, stock and spot pods; REST v2 for on-demand
 * pods); `createRunpodServerlessRunner` runs jobs on a serverless endpoint as a core `JobRunner`
 * (runpod-sdk). The fake RunPod server for tests is in `@aima/cloud-runpod/testing`.
 * @packageDocumentation
 */

export type { CloudType, CreatePodInput, GpuTypesQueryInput, RentInterruptableInput } from './api/client-inputs.js';
export type { RunpodApiClientOptions } from './api/client-options.js';
export type { RunpodGpuType, RunpodGraphqlPod } from './api/graphql-schemas.js';
export type { RunpodPod } from './api/rest-v2-schemas.js';
export type { RetryPolicyInput } from './api/retry-policy.js';
// The RunPod API client
export { createRunpodApiClient, type RunpodApiClient } from './api/runpod-api-client.js';
export { RunpodApiError, type RunpodErrorReason } from './api/runpod-api-error.js';
export { encodeOfferId, type OfferKey, parseOfferId } from './provider/offer-id.js';
export { aimaEnv } from './provider/pod-instance.js';
export type { RunpodProviderOptions } from './provider/provider-options.js';
export type { ReconcileResult } from './provider/reconcile.js';
export { createRunpodProvider, type RunpodProvider } from './provider/runpod-provider.js';
export type { PodSpend } from './provider/spend-ledger.js';
// Pods as a cloud provider
export type { WaitUntilReachableOptions } from './provider/wait-until-reachable.js';
export { endpointIdSchema } from './serverless/endpoint-id.js';
export type { RunpodCheckpointInput, RunpodExecutionPolicy, RunpodJobInput, RunpodJobRequest } from './serverless/job-payload.js';
export { isTerminal, phaseOf, type ServerlessJobPhase } from './serverless/job-states.js';
export type { RunpodServerlessRunnerOptions } from './serverless/runner-options.js';
export {
  createRunpodServerlessClient,
  type ServerlessClientSettings,
  type ServerlessEndpointClient,
} from './serverless/serverless-client.js';
export { ServerlessJobError, type WorkerError } from './serverless/serverless-job-error.js';
export { createRunpodServerlessProvider, type RunpodServerlessProviderOptions } from './serverless/serverless-provider.js';
// Serverless endpoints as a job runner
export { createRunpodServerlessRunner, type RunpodServerlessRunner } from './serverless/serverless-runner.js';
export type { ServerlessHealth, ServerlessJobHandle, ServerlessJobStatus, ServerlessStreamPage } from './serverless/serverless-schemas.js';
