/**
 * @aima/cloud-vast: rent GPUs on Vast.ai. `createVastProvider(options)` gives core's
 * `CloudGpuProvider` over the Vast.ai REST API (offer search, launch, wait, terminate, reconcile),
 * and `createVastApiClient` the small client under it. A fake Vast API server for tests is in
 * `@aima/cloud-vast/testing`.
 * @packageDocumentation
 */

export { defaultRateLimits, type RateLimit, type VastEndpoint, vastEndpoints } from './client/endpoints.js';
export { createHttpTransport, type HttpTransport, type HttpTransportConfig } from './client/http-transport.js';
export type { VastCharge } from './client/schemas/envelopes.js';
export type { VastInstance, VastListedInstance } from './client/schemas/instance.js';
export type { VastOffer } from './client/schemas/offer.js';
export {
  createVastApiClient,
  type VastApiClient,
  type VastCreateInstanceRequest,
  type VastFilter,
  type VastFilterOperator,
  type VastOfferSearch,
  type VastOfferSearchResult,
} from './client/vast-api-client.js';
export { VastApiError, type VastApiErrorOptions } from './client/vast-api-error.js';
export { parseVastOptions, type ResolvedVastOptions, type VastProviderOptions, vastProviderOptionsSchema } from './options.js';
export type { AccountSpend } from './provider/account-spend.js';
export { decodeInstanceLabel, encodeInstanceLabel, type InstanceIdentity } from './provider/instance-label.js';
export type { VastCloudInstance } from './provider/instance-mapping.js';
export { bidSuffix } from './provider/offer-mapping.js';
export type { ReconcileResult } from './provider/reconcile.js';
export { regionOf } from './provider/regions.js';
export { createVastProvider, type VastProvider } from './provider/vast-provider.js';
export type { WaitUntilRunningOptions } from './provider/wait-until-running.js';
