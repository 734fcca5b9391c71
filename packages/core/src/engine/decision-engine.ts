import type { JobSpec } from '../config/job-spec.js';
import { parseSchedulerConfig, type SchedulerConfig, type SchedulerConfigInput } from '../config/scheduler-config.js';
import { ValidationError, type ValidationIssue } from '../errors/validation-error.js';
import { initialHybridThresholds } from '../policies/hybrid-threshold/adaptive-thresholds.js';
import type { Policy, PolicyInput } from '../policies/policy.js';
import type { Decision } from './decision.js';
import type { DecisionContext } from './decision-context.js';
import { buildDecision } from './decision-explanation.js';
import { type EngineStages, resolvePolicy, resolveStages } from './engine-setup.js';
import type { EnginePlugin } from './extension-points/engine-plugin.js';
import type { PluginContext } from './extension-points/plugin-context.js';
import { cheapestLocal, chooseLocal, evaluateCloud, evaluateLocal } from './pipeline.js';
import { prepareJob } from './prepared-job.js';
import { createPluginRegistry, type PluginRegistry } from './registry.js';
import { RejectionLog } from './rejection-log.js';
import { resolveVerdict } from './verdict-resolution.js';

/** Options of {@link createDecisionEngine}. */
export interface DecisionEngineOptions {
  /** @default {} (every seed default) */
  config?: SchedulerConfigInput;
  /** A registered policy name or a policy object. @default 'aima' */
  policy?: string | Policy;
  /** Plugins in pipeline order, by registered name or as objects. @default every plugin in the registry */
  plugins?: readonly (string | EnginePlugin)[];
  /** Where names are looked up. @default createPluginRegistry() (the built-ins) */
  registry?: PluginRegistry;
}

/** Says, for one job, local GPU, cloud offer, queue or reject, and why (D1–D7). */
export interface DecisionEngine {
  readonly policy: string;
  readonly config: SchedulerConfig;
  /** Pure and synchronous: the same job and context give the same decision. */
  decide(job: JobSpec, context: DecisionContext): Decision;
}

/**
 * Creates a decision engine.
 * @throws ConfigError for a bad configuration, an unknown plugin or policy, or a score plugin without a weight.
 */
export function createDecisionEngine(options: DecisionEngineOptions = {}): DecisionEngine {
  const config = parseSchedulerConfig(options.config);
  const registry = options.registry ?? createPluginRegistry();
  const policy = resolvePolicy(options.policy ?? 'aima', registry);
  const stages = resolveStages(options.plugins ?? registry.pluginNames(), registry, config);
  return {
    policy: policy.name,
    config,
    decide: (job, context) => decide(job, context, config, policy, stages),
  };
}

function decide(spec: JobSpec, context: DecisionContext, config: SchedulerConfig, policy: Policy, stages: EngineStages): Decision {
  checkContext(context);
  const job = prepareJob(spec, config);
  const pluginContext: PluginContext = { now: context.now, config, decision: context };
  const log = new RejectionLog(context.explain === 'detailed');
  const cloud = evaluateCloud(job, stages, pluginContext, log);
  const local = evaluateLocal(job, stages, pluginContext, log);
  let cheapestCostUsd = cloud.best?.costUsd ?? Number.POSITIVE_INFINITY;
  let minWaitSeconds: number | undefined;
  for (const candidate of local.candidates) {
    cheapestCostUsd = Math.min(cheapestCostUsd, candidate.costUsd);
    minWaitSeconds = Math.min(minWaitSeconds ?? Number.POSITIVE_INFINITY, candidate.waitSeconds);
  }
  const scoreContext = { ...pluginContext, cheapestCostUsd };
  const bestLocal = chooseLocal(job, local.candidates, stages.scorers, scoreContext);
  const cheapest = cheapestLocal(local.candidates);
  const input: PolicyInput = {
    job,
    now: context.now,
    config,
    local: {
      ...(bestLocal && { best: bestLocal }),
      ...(cheapest && { cheapest }),
      ...(minWaitSeconds !== undefined && { minWaitSeconds }),
      feasibleGpus: local.feasibleGpus,
      ...(local.sideRejection && { sideRejection: local.sideRejection }),
    },
    cloud: {
      ...(cloud.best && { best: cloud.best }),
      ...(cloud.sideRejection && { sideRejection: cloud.sideRejection }),
    },
    localUtilization: context.localUtilization ?? context.fleet.utilization(),
    hybridThresholds: context.hybridThresholds ?? initialHybridThresholds(config.policies.hybridThreshold),
  };
  const resolved = resolveVerdict(policy.name, policy.decide(input), input);
  return buildDecision({ policy: policy.name, input, resolved, stages, scoreContext, log, context, cloudExamined: cloud.examined });
}

function checkContext(context: DecisionContext): void {
  const issues: ValidationIssue[] = [];
  if (!Number.isFinite(context.now)) issues.push({ path: 'now', message: 'must be a finite epoch-ms number' });
  if (!(context.uploadBandwidthMbps >= 0) || !Number.isFinite(context.uploadBandwidthMbps)) {
    issues.push({ path: 'uploadBandwidthMbps', message: 'must be a finite number >= 0' });
  }
  if (context.localUtilization !== undefined && !(context.localUtilization >= 0 && context.localUtilization <= 1)) {
    issues.push({ path: 'localUtilization', message: 'must be between 0 and 1' });
  }
  if (issues.length > 0) throw new ValidationError('decision context', issues);
}
