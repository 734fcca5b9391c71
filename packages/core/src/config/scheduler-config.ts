import { z } from 'zod';
import { parseConfig } from './parse-input.js';

const fraction = z.number().min(0).max(1);
const positive = z.number().positive();
const nonNegative = z.number().nonnegative();

/** Default VRAM need per media type in GB (seed 000 §1.1). */
const vramByMediaTypeSchema = z.strictObject({
  /** @default 24 */ video: positive.default(24),
  /** @default 16 */ image: positive.default(16),
  /** @default 8 */ audio: positive.default(8),
});

/** Cost model inputs (K1). */
const costSchema = z.strictObject({
  /** Electricity price; EIA 2023 median commercial rate. @default 0.117 */
  electricityUsdPerKwh: nonNegative.default(0.117),
  /** Power usage effectiveness multiplier on GPU power (1 = GPU power only). @default 1 */
  pue: z.number().min(1).default(1),
  /** Transfer cost per GB moved to a cloud GPU. @default 0 */
  transferUsdPerGb: nonNegative.default(0),
});

/** Seed 000 §1.3 `select_gpu_environment` thresholds (D4). */
const aimaPolicySchema = z.strictObject({
  /** High-urgency jobs go to the cloud when the local queue is longer than this. @default 60 */
  urgentQueueMinutes: positive.default(60),
  /** Media larger than this is "large". @default 10 */
  largeMediaGb: nonNegative.default(10),
  /** Large media stays local when cloud cost < factor × local cost and the upload is slow. @default 1.2 */
  largeMediaCloudCostFactor: positive.default(1.2),
  /** An upload longer than this is "slow". @default 30 */
  slowUploadMinutes: positive.default(30),
  /** Local wins when local cost <= tolerance × cloud cost. @default 1.1 */
  localCostTolerance: positive.default(1.1),
});

/** Seed 002 §4.2 `HybridResourceManager` thresholds and their adaptive bounds (D5). */
const hybridThresholdPolicySchema = z.strictObject({
  /** Critical jobs go to the cloud above this local utilisation. @default 0.5 */
  criticalJobLocalMax: fraction.default(0.5),
  /** Jobs go to the cloud when the estimated local wait exceeds this. @default 1800 */
  maxWaitTimeSeconds: positive.default(1800),
  /** Cloud wins when cloud cost < factor × local cost. @default 0.8 */
  costEfficiencyFactor: positive.default(0.8),
  /** Tracked and adapted as in the seed (which never reads it in a decision). @default 0.8 */
  localUtilizationThreshold: fraction.default(0.8),
  /** Usage history kept for adaptation. @default 86400 */
  historyWindowSeconds: positive.default(86_400),
  /** Thresholds are recomputed this often. @default 3600 */
  updateIntervalSeconds: positive.default(3_600),
  /** The seed's adaptation rules; see `adaptHybridThresholds`. @default see fields */
  adaptation: z
    .strictObject({
      /** Average utilisation below this raises the utilisation threshold. @default 0.5 */
      lowUtilization: fraction.default(0.5),
      /** Average utilisation above this lowers it. @default 0.8 */
      highUtilization: fraction.default(0.8),
      /** @default 0.05 */ utilizationStep: fraction.default(0.05),
      /** @default 0.6 */ utilizationThresholdMin: fraction.default(0.6),
      /** @default 0.9 */ utilizationThresholdMax: fraction.default(0.9),
      /** New wait threshold = peak wait × this. @default 0.8 */
      peakWaitFactor: positive.default(0.8),
      /** @default 600 */ waitThresholdMinSeconds: positive.default(600),
      /** @default 3600 */ waitThresholdMaxSeconds: positive.default(3_600),
      /** Average cloud/local cost ratio below this lowers the cost factor. @default 0.7 */
      cheapCloudRatio: positive.default(0.7),
      /** Above this raises it. @default 1.2 */
      expensiveCloudRatio: positive.default(1.2),
      /** @default 0.05 */ costFactorStep: positive.default(0.05),
      /** @default 0.6 */ costFactorMin: positive.default(0.6),
      /** @default 0.95 */ costFactorMax: positive.default(0.95),
    })
    .prefault({}),
});

/** Seed 002 §4.1 `JobScheduler` priority settings (Q1). */
const queueSchema = z.strictObject({
  /** @default { critical: 100, high: 50, normal: 10, low: 5, batch: 1 } */
  priorityWeights: z
    .strictObject({
      critical: positive.default(100),
      high: positive.default(50),
      normal: positive.default(10),
      low: positive.default(5),
      batch: positive.default(1),
    })
    .prefault({}),
  /** Aging starts after this wait. @default 600 */
  fairnessThresholdSeconds: positive.default(600),
  /** Aging factor cap. @default 10 */
  maxWaitFactor: z.number().min(1).default(10),
  /** Deadline factor `max(1, numerator / minutes_left)`. @default 100 */
  deadlineFactorNumeratorMinutes: positive.default(100),
  /** Scheduling loop period. @default 30 */
  schedulingIntervalSeconds: positive.default(30),
});

/** Seed 000 §2.3 GPU agent monitoring (N2). */
const monitoringSchema = z.strictObject({
  /** @default 60 */ intervalSeconds: positive.default(60),
  /** Utilisation or memory above this percent is `busy`. @default 80 */
  busyPercent: z.number().min(0).max(100).default(80),
  /** Above this percent is `active`, else `idle`. @default 20 */
  activePercent: z.number().min(0).max(100).default(20),
});

/** Seed 002 §6.1 `_classify_error` message patterns, in its order of precedence. */
const seedPatterns = {
  transient: [
    'timeout',
    'connection reset',
    'network',
    'temporary',
    'resource temporarily unavailable',
    'too many requests',
    'service unavailable',
    'retry',
    'overload',
  ],
  persistent: [
    'permission denied',
    'not found',
    'invalid input',
    'out of memory',
    'disk full',
    'quota exceeded',
    'invalid credentials',
    'authentication failed',
  ],
  system: [
    'system failure',
    'critical error',
    'hardware failure',
    'host down',
    'power failure',
    'kernel panic',
    'segmentation fault',
    'fatal error',
  ],
};

/** Seed 002 §6.1 `_classify_error` error codes. */
const seedCodes = {
  transient: ['ETIMEDOUT', 'ECONNRESET', 'ECONNREFUSED', '429', '503'],
  persistent: ['EACCES', 'EPERM', 'ENOENT', '403', '404'],
  system: ['ENOMEM', 'ENOSPC', '507'],
};

/** Seed 000 §4 failover and seed 002 §6 retries (F1–F4). */
const failoverSchema = z.strictObject({
  /** @default 30 */ heartbeatIntervalSeconds: positive.default(30),
  /** A failure lasting longer than this is persistent. @default 300 */
  persistentAfterSeconds: positive.default(300),
  /** Temporary failure of a non-high job: retry the same GPU after this delay. @default 60 */
  temporaryRetryDelaySeconds: nonNegative.default(60),
  /** @default 3 */ maxRetries: z.number().int().nonnegative().default(3),
  /** Backoff `min(cap, 2^attempt)` seconds. @default 60 */
  backoffCapSeconds: positive.default(60),
  /** Unknown errors are retried this often before counting as persistent. @default 1 */
  unknownErrorRetries: z.number().int().nonnegative().default(1),
  /** Heartbeats a provider-discovered GPU may miss before it is marked offline (F1). @default 2 */
  missedHeartbeatsOffline: z.number().int().positive().default(2),
  /** A job is moved at most this often after GPU failures or cloud interruptions, then it fails. @default 5 */
  maxFailovers: z.number().int().nonnegative().default(5),
  /** A high or critical job failing over may displace a lower-priority local job (seed 000 §4.2). @default true */
  redistribute: z.boolean().default(true),
  /** Failure prediction from the temperature trend (F5). @default see fields */
  temperature: z
    .strictObject({
      /** Temperature a GPU must not reach, °C. @default 85 */
      limitC: positive.default(85),
      /** A GPU projected to reach the limit within this many seconds is degraded. @default 600 */
      horizonSeconds: positive.default(600),
      /** Samples the trend is fitted over. @default 5 */
      samples: z.number().int().min(2).default(5),
    })
    .prefault({}),
  /** Seed 002 §6.1 message patterns (lower case, matched as substrings) and codes per error class (F4). @default seed 002 lists */
  errorPatterns: z
    .strictObject({
      /** @default seed 002 transient_patterns */
      transient: z.array(z.string().min(1)).default(seedPatterns.transient),
      /** @default seed 002 persistent_patterns */
      persistent: z.array(z.string().min(1)).default(seedPatterns.persistent),
      /** @default seed 002 system_patterns */
      system: z.array(z.string().min(1)).default(seedPatterns.system),
    })
    .prefault({}),
  /** Seed 002 §6.1 error codes per class, checked after the patterns (F4). @default seed 002 lists */
  errorCodes: z
    .strictObject({
      /** @default ETIMEDOUT, ECONNRESET, ECONNREFUSED, 429, 503 */
      transient: z.array(z.string().min(1)).default(seedCodes.transient),
      /** @default EACCES, EPERM, ENOENT, 403, 404 */
      persistent: z.array(z.string().min(1)).default(seedCodes.persistent),
      /** @default ENOMEM, ENOSPC, 507 */
      system: z.array(z.string().min(1)).default(seedCodes.system),
    })
    .prefault({}),
});

/** Seed 000 §3.2 `AdaptiveModelSelector` ranking weights (M3). */
const selectorSchema = z.strictObject({
  /** @default 0.7 */ throughputWeight: nonNegative.default(0.7),
  /** @default 0.3 */ accuracyWeight: nonNegative.default(0.3),
});

/** Seed 002 §5.2 data locality (S3). */
const localitySchema = z.strictObject({
  /** Inputs above this are transferred ahead of time. @default 1 */
  prefetchThresholdGb: nonNegative.default(1),
  /** Cache when `frequency × (1 + factor × diversity) > threshold`. @default 0.1 */
  cacheDiversityFactor: nonNegative.default(0.1),
  /** @default 0.5 */ cachePriorityThreshold: nonNegative.default(0.5),
});

/** Checkpoints (S2), transfers and compression (S3, S4), input caching (seed 002 §5.2). */
const storageSchema = z.strictObject({
  /** Inputs larger than this are transferred ahead of time; seed 002 §5.2 `1024 * 1024 * 1024`. @default 1073741824 */
  transferAheadThresholdBytes: z.number().int().nonnegative().default(1_073_741_824),
  /** Complete checkpoints kept per job. @default 3 */
  checkpointRetain: z.number().int().positive().default(3),
  /** Gzip is kept only when it saves at least this fraction of the bytes. @default 0.1 */
  compressMinSavingRatio: z.number().min(0).lt(1).default(0.1),
  /** Access frequency for caching counts accesses per hour over this window (seed: the last 24 hours). @default 86400 */
  cacheWindowSeconds: positive.default(86_400),
  /** Space for cached inputs; the seed gives no size, so nothing is cached until a host sets one. @default 0 */
  cacheCapacityBytes: z.number().int().nonnegative().default(0),
});

/** The scheduler's own limits (Q7) and cloud handling. */
const schedulerSchema = z.strictObject({
  /** Jobs running at once, local and cloud (bounded dispatch). @default 64 */
  maxConcurrentJobs: z.number().int().positive().default(64),
  /** Cloud instances being launched at once. @default 4 */
  maxConcurrentLaunches: z.number().int().positive().default(4),
  /** Backpressure: `submit` throws QueueFullError beyond this many queued jobs. @default 1000000 */
  maxQueuedJobs: z.number().int().positive().default(1_000_000),
  /** Queued jobs examined per dispatch round when the best ones must wait (backfill). @default 64 */
  backfillScanLimit: z.number().int().positive().default(64),
  /** A job is stopped after max(minTimeoutSeconds, factor × its estimated duration). @default 3 */
  timeoutFactor: z.number().min(1).default(3),
  /** @default 600 */ minTimeoutSeconds: positive.default(600),
  /** Cloud offers are re-read this often. @default 300 */
  offerRefreshSeconds: positive.default(300),
  /** A cloud instance not running after this long is terminated and the job fails. @default 600 */
  cloudStartTimeoutSeconds: positive.default(600),
  /** How often a starting instance is polled. @default 10 */
  cloudPollSeconds: positive.default(10),
  /** A higher-priority job may preempt a lower-priority local job (Q6); the victim is requeued. @default false */
  preemption: z.boolean().default(false),
  /** Label on every cloud instance AIMA launches, for reconciliation (C4). @default 'aima' */
  instanceLabel: z.string().min(1).default('aima'),
  /** The site's upload bandwidth to the internet, for upload-time estimates. @default 100 */
  uploadBandwidthMbps: nonNegative.default(100),
});

/** Seed 002 §3.2 `_estimate_job_size`: processing time from media metadata (Q5). */
const sizingSchema = z.strictObject({
  /** @default { '4k': 4, qhd: 2, fhd: 1, hd: 0.5, sd: 0.5 } */
  resolutionFactors: z
    .strictObject({
      '4k': positive.default(4),
      '8k': positive.default(8),
      qhd: positive.default(2),
      fhd: positive.default(1),
      hd: positive.default(0.5),
      sd: positive.default(0.5),
    })
    .prefault({}),
  /** @default { low: 0.5, standard: 1, high: 2 } */
  complexityFactors: z.strictObject({ low: positive.default(0.5), standard: positive.default(1), high: positive.default(2) }).prefault({}),
  /** Processing seconds per image at fhd and standard complexity. @default 0.5 */
  secondsPerImage: positive.default(0.5),
  /** Size score (minutes) below which a job is small, and below which medium. @default [10, 60] */
  smallBelowMinutes: positive.default(10),
  /** @default 60 */ mediumBelowMinutes: positive.default(60),
});

/**
 * Everything the scheduler and the decision engine can be tuned by. Every number the seeds give
 * is a default here, never a constant in code.
 */
export const schedulerConfigSchema = z.strictObject({
  /** @default { video: 24, image: 16, audio: 8 } */
  vramByMediaType: vramByMediaTypeSchema.prefault({}),
  /** Duration assumed for a job that states none (seed 000 `allocate_gpu`). @default 3600 */
  defaultJobDurationSeconds: positive.default(3_600),
  /** @default see fields */
  cost: costSchema.prefault({}),
  /**
   * Weights of score plugins by plugin name: the seed's decision matrix (high 3, medium 2, low 1).
   * Entries given here are merged with these defaults; a host's own score plugin needs an entry
   * here or a `defaultWeight`.
   * @default { 'vram-fit': 3, confidentiality: 3, 'queue-wait': 2, cost: 2, health: 2, urgency: 1, 'upload-time': 1, reliability: 1 }
   */
  weights: z
    .object({
      'vram-fit': nonNegative.default(3),
      confidentiality: nonNegative.default(3),
      'queue-wait': nonNegative.default(2),
      cost: nonNegative.default(2),
      health: nonNegative.default(2),
      urgency: nonNegative.default(1),
      'upload-time': nonNegative.default(1),
      reliability: nonNegative.default(1),
    })
    .catchall(nonNegative)
    .prefault({}),
  /** Cloud offers below this reliability are not used (C3). @default 0.9 */
  minCloudReliability: fraction.default(0.9),
  policies: z
    .strictObject({
      /** @default see fields */ aima: aimaPolicySchema.prefault({}),
      /** @default see fields */ hybridThreshold: hybridThresholdPolicySchema.prefault({}),
    })
    .prefault({}),
  /** @default see fields */ queue: queueSchema.prefault({}),
  /** @default see fields */ monitoring: monitoringSchema.prefault({}),
  /** @default see fields */ failover: failoverSchema.prefault({}),
  /** @default see fields */ selector: selectorSchema.prefault({}),
  /** @default see fields */ locality: localitySchema.prefault({}),
  /** @default see fields */ storage: storageSchema.prefault({}),
  /** @default see fields */ scheduler: schedulerSchema.prefault({}),
  /** @default see fields */ sizing: sizingSchema.prefault({}),
});

/** What hosts write: every field optional. */
export type SchedulerConfigInput = z.input<typeof schedulerConfigSchema>;
/** The resolved configuration with every default applied. */
export type SchedulerConfig = z.output<typeof schedulerConfigSchema>;
export type AimaPolicyConfig = SchedulerConfig['policies']['aima'];
export type HybridThresholdPolicyConfig = SchedulerConfig['policies']['hybridThreshold'];

/**
 * Resolves a scheduler configuration, applying every default.
 * @throws ConfigError listing every wrong field.
 */
export function parseSchedulerConfig(input: SchedulerConfigInput = {}): SchedulerConfig {
  return parseConfig(schedulerConfigSchema, input, 'scheduler configuration');
}
