/**
 * @aima/gpu-nvml: this host's NVIDIA GPUs for AIMA. A LocalGpuProvider over NVML
 * (`libnvidia-ml.so.1`, through koffi), a fallback over `nvidia-smi`, and a host agent that
 * exposes a GPU host's provider to schedulers on other hosts.
 * @packageDocumentation
 */

// Host agent
export { type AgentGpuProviderOptions, agentGpuProviderOptionsSchema, createAgentGpuProvider } from './agent/agent-gpu-provider.js';
export {
  type AgentStreamLine,
  agentRoutes,
  agentStreamLineSchema,
  devicesResponseSchema,
  samplesResponseSchema,
} from './agent/agent-protocol.js';
export { type GpuAgent, type GpuAgentOptions, gpuAgentOptionsSchema, startGpuAgent } from './agent/gpu-agent.js';
// NVML facts
export { describeNvmlReturn, type NvmlErrorClass, type NvmlReturnInfo } from './binding/nvml-return-codes.js';
// Errors
export { NvmlError } from './errors/nvml-error.js';
export { type GpuAccessAttempt, NvmlUnavailableError } from './errors/nvml-unavailable-error.js';
export { classifyXid, type XidClass } from './health/xid-classification.js';
// Providers
export { createNvmlGpuProvider } from './nvml/nvml-gpu-provider.js';
export { type NvmlGpuProviderOptions, nvmlGpuProviderOptionsSchema } from './nvml/nvml-options.js';
export type { MonitoredGpuProvider } from './provider/monitored-gpu-provider.js';
export {
  type LocalGpuProviderOptions,
  localGpuProviderOptionsSchema,
  openLocalGpuProvider,
} from './provider/open-local-gpu-provider.js';
export { monitoringOptionsSchema, thermalOptionsSchema } from './provider/provider-options.js';
// Samples
export { type ActivityThresholds, gpuActivity } from './sample/activity.js';
export { gpuIdFromUuid } from './sample/gpu-id.js';
export { type NvmlEccSample, type NvmlGpuSample, nvmlGpuSampleSchema } from './sample/nvml-gpu-sample.js';
export { createNvidiaSmiGpuProvider } from './smi/nvidia-smi-gpu-provider.js';
export { parseSmiCsv, type SmiRow, type SmiTable } from './smi/smi-csv.js';
export { type NvidiaSmiGpuProviderOptions, nvidiaSmiGpuProviderOptionsSchema } from './smi/smi-options.js';
