/**
 * Test and simulation helpers for AIMA hosts and adapters: deterministic generators of local GPU
 * fleets and cloud offers. Import from `@aima/core/testing`.
 * @packageDocumentation
 */

export { type CloudGpuProviderHarness, describeCloudGpuProviderConformance } from './conformance/cloud-gpu-provider-conformance.js';
export { describeJobRunnerConformance, type JobRunnerHarness } from './conformance/job-runner-conformance.js';
export { describeLocalGpuProviderConformance, type LocalGpuProviderHarness } from './conformance/local-gpu-provider-conformance.js';
export { describeObjectStoreConformance, type ObjectStoreHarness } from './conformance/object-store-conformance.js';
export { type GenerateFleetOptions, type GenerateOffersOptions, generateFleet, generateOffers } from './generate-fleet.js';
export { createMemoryLogger, type LogEntry } from './memory-logger.js';
export {
  createSimulatedCloudProvider,
  type SimulatedCloudProvider,
  type SimulatedCloudProviderOptions,
} from './simulated/simulated-cloud-provider.js';
export {
  createSimulatedLocalGpuProvider,
  type SimulatedGpuSpec,
  type SimulatedLocalGpuProvider,
  type SimulatedLocalGpuProviderOptions,
} from './simulated/simulated-local-gpu-provider.js';
export { createSimulatedRunner, type SimulatedJobBehaviour, type SimulatedRunnerOptions } from './simulated/simulated-runner.js';
