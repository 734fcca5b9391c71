/**
 * @aima/core: the job and GPU specs, the cost model and the decision engine that says, for each
 * AI media-analysis job, whether it runs on a local GPU or a rented cloud GPU, and why.
 * @packageDocumentation
 */

// Checkpoints (S2, F3)
export { type CheckpointManifest, checkpointManifestSchema } from './checkpoint/checkpoint-manifest.js';
export type { PruneReport } from './checkpoint/checkpoint-pruning.js';
export {
  type CheckpointOwner,
  type CheckpointStore,
  type CheckpointStoreOptions,
  createCheckpointStore,
} from './checkpoint/checkpoint-store.js';
// Configuration and specs
export {
  type AvailabilitySchedule,
  type AvailabilityWindow,
  availabilityScheduleSchema,
  availabilityWindowSchema,
  type Weekday,
  weekdaySchema,
} from './config/availability-schedule.js';
export { type BenchmarkResults, benchmarkResultsSchema } from './config/benchmark-results.js';
export { type CloudOffer, type CloudOfferInput, cloudOfferSchema } from './config/cloud-offer.js';
export {
  type AccessRestrictions,
  accessRestrictionsSchema,
  type GpuRegistration,
  type GpuRegistrationInput,
  gpuIdSchema,
  gpuRegistrationSchema,
  type RegisteredGpu,
} from './config/gpu-registration.js';
export {
  type Confidentiality,
  confidentialitySchema,
  type JobInput,
  type JobSpec,
  type JobSpecInput,
  type JobType,
  jobInputSchema,
  jobRequirementsSchema,
  jobSpecSchema,
  jobTypeSchema,
  mediaSchema,
  type ParseJobSpecOptions,
  type Priority,
  parseJobSpec,
  prioritySchema,
  type Urgency,
  urgencySchema,
} from './config/job-spec.js';
export { parseCloudOffer, parseGpuRegistration } from './config/parse-entities.js';
export { parseInput } from './config/parse-input.js';
export { compareVersions } from './config/primitives.js';
export {
  type AimaPolicyConfig,
  type HybridThresholdPolicyConfig,
  parseSchedulerConfig,
  type SchedulerConfig,
  type SchedulerConfigInput,
  schedulerConfigSchema,
} from './config/scheduler-config.js';
// Cost model
export { findGpuReference, type GpuReferenceEntry, gpuReferenceTable, normaliseGpuModel } from './cost/gpu-cost-table.js';
export { estimateCloudJobCostUsd, estimateLocalJobCostUsd, transferSeconds } from './cost/job-cost.js';
export { type LocalCostProfile, resolveLocalCostProfile } from './cost/local-cost-profile.js';
// Decision engine
export type { Candidate, CloudCandidate, LocalCandidate, Side } from './engine/candidates.js';
export type {
  Alternative,
  Decision,
  DecisionOutcome,
  DecisionTarget,
  RejectedCandidate,
  RejectionSummary,
  ScoreCard,
  ScoreEntry,
} from './engine/decision.js';
export type { DecisionCacheStats } from './engine/decision-cache.js';
export type { DecisionContext } from './engine/decision-context.js';
export { createDecisionEngine, type DecisionEngine, type DecisionEngineOptions } from './engine/decision-engine.js';
export { DecisionMemo } from './engine/decision-memo.js';
export type { EnginePlugin } from './engine/extension-points/engine-plugin.js';
export { type FilterPlugin, type FilterStatus, PASS, reject } from './engine/extension-points/filter-plugin.js';
export type { PluginContext } from './engine/extension-points/plugin-context.js';
export type { PostFilterInput, PostFilterPlugin } from './engine/extension-points/post-filter-plugin.js';
export type { ScoreContext, ScorePlugin } from './engine/extension-points/score-plugin.js';
export type { GpuClassView } from './engine/fleet/gpu-class.js';
export { createLocalFleet, isUsable, LocalFleet } from './engine/fleet/local-fleet.js';
export { type GpuHealth, type LocalGpuState, waitSecondsOf } from './engine/fleet/local-gpu-state.js';
export { createOfferBook, OfferBook } from './engine/fleet/offer-book.js';
export type { SideRejection } from './engine/pipeline.js';
export { type PreparedJob, prepareJob, vramNeededGb } from './engine/prepared-job.js';
export { createPluginRegistry, type PluginRegistry } from './engine/registry.js';
export { minimumUploadSeconds, sameRegion, uploadSecondsFor } from './engine/upload-time.js';
// Errors
export { AimaError, type AimaErrorOptions } from './errors/aima-error.js';
export { AllocationError } from './errors/allocation-error.js';
export { ConfigError } from './errors/config-error.js';
export { InvariantError } from './errors/invariant-error.js';
export { JobCancelledError } from './errors/job-cancelled-error.js';
export { JobFailedError } from './errors/job-failed-error.js';
export { JobRejectedError } from './errors/job-rejected-error.js';
export { JobTimeoutError } from './errors/job-timeout-error.js';
export { ProviderError, type ProviderErrorKind, type ProviderErrorOptions } from './errors/provider-error.js';
export { QueueFullError } from './errors/queue-full-error.js';
export { ResidencyError } from './errors/residency-error.js';
export { SchedulerClosedError } from './errors/scheduler-closed-error.js';
export { TransferError } from './errors/transfer-error.js';
export { ValidationError, type ValidationIssue } from './errors/validation-error.js';
export { classifyJobError, describeError, type ErrorRules, type JobErrorClass } from './failover/error-classification.js';
export {
  type ErrorRecovery,
  type ErrorRecoveryLimits,
  type ErrorRecoveryState,
  planErrorRecovery,
} from './failover/error-recovery.js';
export type { ErrorPatternStatistics } from './failover/error-statistics.js';
export { chooseFailoverStrategy, type FailoverStrategy, isHighPriority } from './failover/failover-strategy.js';
export { classifyGpuFailure, type GpuFailureInfo } from './failover/failure-class.js';
export { type TemperatureForecast, TemperatureTrend } from './failover/temperature-trend.js';
// Data locality, transfers, compression and temporary data (S3, S4)
export {
  type CacheAccess,
  type CacheCandidate,
  type CacheDecision,
  type CacheDecisionOptions,
  type CachedObject,
  decideCache,
} from './locality/cache-decision.js';
export { type CompressionOption, isAlreadyCompressed } from './locality/compression.js';
export { type JobSite, type NextStep, type OutputPlacement, type OutputSites, placeOutputs } from './locality/output-placement.js';
export {
  type CleanupReport,
  createTemporaryArea,
  type TemporaryArea,
  type TemporaryAreaOptions,
} from './locality/temporary-area.js';
export type {
  TransferCompletedEvent,
  TransferEvents,
  TransferProgressEvent,
  TransferStartedEvent,
} from './locality/transfer-events.js';
export {
  executeTransferPlan,
  type TransferExecutionOptions,
  type TransferResult,
  type TransferredInput,
} from './locality/transfer-execution.js';
export {
  defaultTransferAheadThresholdBytes,
  type PlannedInput,
  planTransfers,
  type TransferMode,
  type TransferPlan,
  type TransferPlanOptions,
  type TransferTarget,
} from './locality/transfer-plan.js';
// Built-in plugins and policies, for hosts that compose their own pipeline
export { builtinPlugins } from './plugins/builtin-plugins.js';
export { aimaPolicy } from './policies/aima/aima-policy.js';
export { costOptimalPolicy } from './policies/cost-optimal/cost-optimal-policy.js';
export {
  adaptHybridThresholds,
  type HybridThresholds,
  initialHybridThresholds,
  type UsageSample,
} from './policies/hybrid-threshold/adaptive-thresholds.js';
export { hybridThresholdPolicy } from './policies/hybrid-threshold/hybrid-threshold-policy.js';
export type { CloudOption, LocalOption, Policy, PolicyInput, PolicyVerdict } from './policies/policy.js';
// Randomness
export { createSeededRandom, type RandomSource } from './random/random-source.js';
// Scheduler
export {
  type Allocation,
  AllocationLedger,
  type ReleasedAllocation,
  type ReleaseReason,
} from './scheduler/allocation/allocation-ledger.js';
export type { CostTotals } from './scheduler/cost-tracker.js';
export type {
  FailoverCompletedEvent,
  FailoverStartedEvent,
  GpuRegisteredEvent,
  GpuStatusChangedEvent,
  JobCancelledEvent,
  JobCheckpointedEvent,
  JobCompletedEvent,
  JobFailedEvent,
  JobPreemptedEvent,
  JobProgressEvent,
  JobQueuedEvent,
  JobStartedEvent,
  PlacementDecidedEvent,
  SchedulerEventName,
  SchedulerEvents,
} from './scheduler/events/scheduler-events.js';
export type {
  FailoverAction,
  FailoverOrigin,
  FailoverRecord,
  FailoverTrigger,
} from './scheduler/failover/failover-types.js';
export type { JobState, JobView } from './scheduler/job-record.js';
export type { SchedulerStorage } from './scheduler/job-storage.js';
export { agingFactor, deadlineFactor, effectivePriority } from './scheduler/queue/effective-priority.js';
export { JobPriorityQueue, type QueueEntry, type QueueTicket } from './scheduler/queue/job-priority-queue.js';
export { type AvailableGpuFilter, type GpuRecord, GpuRegistry, stableGpuId } from './scheduler/registry/gpu-registry.js';
export { createScheduler, type JobFilter, type JobHandle, type Scheduler } from './scheduler/scheduler.js';
export type { LocalProviderBinding, SchedulerOptions } from './scheduler/scheduler-options.js';
export {
  estimateJobSize,
  type JobSizeClass,
  type JobSizeEstimate,
  type ResourceClassName,
  type ResourceClassProfile,
  recommendResourceClass,
  resourceClasses,
} from './scheduler/sizing/job-size.js';
export type { CloudInstanceSnapshot, GpuClassWait, GpuSnapshot, SchedulerSnapshot } from './scheduler/snapshot.js';
// Model selection (M1, M3): registry, performance profiles, adaptive selector, model-fit filter
export {
  type AdaptiveModelSelector,
  type AdaptiveModelSelectorOptions,
  createAdaptiveModelSelector,
  type SelectorConfig,
} from './selector/adaptive-selector.js';
export {
  estimateModelPerformance,
  gflopsPerItem,
  gflopsPerWatt,
  inferenceUtilisation,
  maxEstimatedBatch,
  peakFp32Gflops,
  unknownGpuGflops,
} from './selector/estimate-performance.js';
export { createModelFitPlugin, type ModelFitPluginOptions } from './selector/model-fit-plugin.js';
export {
  createModelRegistry,
  type ModelDefinition,
  type ModelDefinitionInput,
  type ModelRegistry,
  type ModelTask,
  type ModelVariant,
  modelDefinitionSchema,
  modelTaskSchema,
  modelVariantSchema,
  type Precision,
  precisionSchema,
  variantAccuracy,
  variantKey,
} from './selector/model-registry.js';
export {
  type ModelPerformance,
  type PerformanceProfile,
  PerformanceProfileStore,
  performanceProfileSchema,
  throughputOf,
} from './selector/performance-profile.js';
export { gpuPrecisions, memoryAt, precisionOrder, usablePrecisions } from './selector/precision.js';
export { loadProfileStore, saveProfileStore } from './selector/profile-file.js';
export {
  type ModelSelection,
  type NoSelection,
  type PerformanceSource,
  type SelectionFallback,
  type SelectionOutcome,
  type SelectionRequirements,
  vramNeedFor,
} from './selector/selection.js';
export { freeVramMbOf, type SelectorGpu } from './selector/selector-gpu.js';
// Simulation
export { simulate } from './simulation/simulate.js';
export type { SimulationInput, SimulationJob, SimulationReport, WaitStatistics } from './simulation/simulation-types.js';
export type { CloudGpuProvider } from './spec/cloud-gpu-provider.js';
// Spec: the seams adapters implement
export {
  type CloudInstance,
  type CloudInstanceStatus,
  cloudInstanceSchema,
  cloudInstanceStatusSchema,
  type LaunchRequest,
  type LaunchRequestInput,
  launchRequestSchema,
  type OfferQuery,
  offerQuerySchema,
} from './spec/cloud-instance.js';
export {
  type FailureSeverity,
  failureSeveritySchema,
  type GpuActivity,
  type GpuDevice,
  type GpuHealthEvent,
  type GpuProcess,
  type GpuSample,
  gpuActivitySchema,
  gpuDeviceSchema,
  gpuHealthEventSchema,
  gpuProcessSchema,
  gpuSampleSchema,
} from './spec/gpu-device.js';
export {
  type Checkpoint,
  type Job,
  type JobContext,
  type JobResult,
  type JobRunner,
  type Logger,
  type Placement,
  type StagedInput,
  silentLogger,
} from './spec/job-runner.js';
export type { LocalGpuProvider } from './spec/local-gpu-provider.js';
export type { ObjectBody, ObjectInfo, ObjectPage, ObjectStore, PutOptions } from './spec/object-store.js';
export { modelMatches, offerMatchesQuery } from './spec/offer-query.js';
export { createFilesystemObjectStore, type FilesystemObjectStoreOptions } from './storage/filesystem-object-store.js';
export { assertObjectKey, objectKeyProblem } from './storage/object-key.js';
// Time
export { type Clock, systemClock, type Timer } from './time/clock.js';
export { raceAbort } from './time/race-abort.js';
export { VirtualClock } from './time/virtual-clock.js';
