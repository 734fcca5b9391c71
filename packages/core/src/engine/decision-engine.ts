import type { JobSpec } from '../config/job-spec.js';
import { parseSchedulerConfig, type SchedulerConfig, type SchedulerConfigInput } from '../config/scheduler-config.js';
import type { Policy } from '../policies/policy.js';
import { cacheableReads } from './cache-eligibility.js';
import type { Decision } from './decision.js';
import { DecisionCache, type DecisionCacheStats } from './decision-cache.js';
import type { DecisionContext } from './decision-context.js';
import { DecisionMemo } from './decision-memo.js';
import { type EngineParts, resolvePolicy, resolveStages } from './engine-setup.js';
import type { EnginePlugin } from './extension-points/engine-plugin.js';
import { decideFresh } from './fresh-decision.js';
import { createPluginRegistry, type PluginRegistry } from './registry.js';

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
  /**
   * Reuse work between decisions of jobs with the same requirements (see `DecisionCache`): the
   * decisions are exactly those of an engine without it. Applies only when every plugin is a
   * built-in and the policy is `aima` or `cost-optimal`; otherwise every decision is made afresh.
   * @default false
   * @experimental
   */
  cache?: boolean;
}

/** Says, for one job, local GPU, cloud offer, queue or reject, and why (D1–D7). */
export interface DecisionEngine {
  readonly policy: string;
  readonly config: SchedulerConfig;
  /**
   * Pure and synchronous: the same job and context give the same decision. Decisions are
   * read-only; with `cache`, jobs with the same requirements may share one decision object.
   * `memo`, made by {@link DecisionEngine.memoFor} for this very spec, lets the cache skip reading
   * the job's requirements again; it never changes a decision.
   */
  decide(job: JobSpec, context: DecisionContext, memo?: DecisionMemo): Decision;
  /**
   * Works out once what the decision cache needs of a job's spec, to pass with it to every
   * `decide` (see {@link DecisionMemo}). Make it when the job arrives. Without the cache it is empty.
   */
  memoFor(job: JobSpec): DecisionMemo;
  /** How the decision cache has fared, when `cache` is on and applies. @experimental */
  readonly cacheStats?: Readonly<DecisionCacheStats>;
}

/**
 * Creates a decision engine.
 * @throws ConfigError for a bad configuration, an unknown plugin or policy, or a score plugin without a weight.
 */
export function createDecisionEngine(options: DecisionEngineOptions = {}): DecisionEngine {
  const config = parseSchedulerConfig(options.config);
  const registry = options.registry ?? createPluginRegistry();
  const policy = resolvePolicy(options.policy ?? 'aima', registry);
  const parts: EngineParts = { config, policy, stages: resolveStages(options.plugins ?? registry.pluginNames(), registry, config) };
  const reads = options.cache ? cacheableReads(parts) : undefined;
  if (reads !== undefined) {
    const cache = new DecisionCache(parts, reads);
    return {
      policy: policy.name,
      config,
      decide: (job, context, memo) => cache.decide(job, context, memo),
      memoFor: (job) => cache.memoFor(job),
      cacheStats: cache.stats,
    };
  }
  const empty = new DecisionMemo();
  return { policy: policy.name, config, decide: (job, context) => decideFresh(job, context, parts), memoFor: () => empty };
}
