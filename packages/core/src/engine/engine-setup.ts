import type { SchedulerConfig } from '../config/scheduler-config.js';
import { ConfigError } from '../errors/config-error.js';
import type { ValidationIssue } from '../errors/validation-error.js';
import type { Policy } from '../policies/policy.js';
import { type EnginePlugin, isFilterPlugin, isPostFilterPlugin, isScorePlugin } from './extension-points/engine-plugin.js';
import type { FilterPlugin } from './extension-points/filter-plugin.js';
import type { PostFilterPlugin } from './extension-points/post-filter-plugin.js';
import type { WeightedScorer } from './pipeline.js';
import type { PluginRegistry } from './registry.js';

/** The plugins of one engine, sorted by extension point, with their weights resolved. */
export interface EngineStages {
  /** Every filter, for post-filters that re-run them. */
  readonly filters: readonly FilterPlugin[];
  /** The filters that implement each method, in pipeline order: loops skip the rest. */
  readonly sideFilters: readonly FilterPlugin[];
  readonly localFilters: readonly FilterPlugin[];
  readonly cloudFilters: readonly FilterPlugin[];
  readonly scorers: readonly WeightedScorer[];
  readonly postFilters: readonly PostFilterPlugin[];
}

/** What an engine decides with, resolved once when it is created. */
export interface EngineParts {
  readonly config: SchedulerConfig;
  readonly policy: Policy;
  readonly stages: EngineStages;
}

/** Resolves plugin names and objects into stages. @throws ConfigError on unknown names, duplicates or missing weights. */
export function resolveStages(
  entries: readonly (string | EnginePlugin)[],
  registry: PluginRegistry,
  config: SchedulerConfig,
): EngineStages {
  const issues: ValidationIssue[] = [];
  const plugins: EnginePlugin[] = [];
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    const plugin = typeof entry === 'string' ? registry.plugin(entry) : entry;
    if (plugin === undefined) {
      issues.push({ path: `plugins.${index}`, message: `unknown plugin "${String(entry)}"; known: ${registry.pluginNames().join(', ')}` });
    } else if (seen.has(plugin.name)) {
      issues.push({ path: `plugins.${index}`, message: `plugin "${plugin.name}" is listed twice` });
    } else {
      seen.add(plugin.name);
      plugins.push(plugin);
    }
  });
  const scorers: WeightedScorer[] = [];
  for (const plugin of plugins.filter(isScorePlugin)) {
    const weight = config.weights[plugin.name] ?? plugin.defaultWeight;
    if (weight === undefined) {
      issues.push({ path: `weights.${plugin.name}`, message: `score plugin "${plugin.name}" has no weight: add one to config.weights` });
    } else {
      scorers.push({ plugin, weight });
    }
  }
  if (issues.length > 0) throw new ConfigError('Invalid decision engine plugins', issues);
  const filters = plugins.filter(isFilterPlugin);
  return {
    filters,
    sideFilters: filters.filter((filter) => filter.filterSide !== undefined),
    localFilters: filters.filter((filter) => filter.filterLocal !== undefined),
    cloudFilters: filters.filter((filter) => filter.filterCloud !== undefined),
    scorers,
    postFilters: plugins.filter(isPostFilterPlugin),
  };
}

/** Resolves a policy name or object. @throws ConfigError on an unknown name. */
export function resolvePolicy(policy: string | Policy, registry: PluginRegistry): Policy {
  if (typeof policy !== 'string') return policy;
  const found = registry.policy(policy);
  if (found === undefined) {
    throw new ConfigError(`Unknown policy "${policy}". Use one of: ${registry.policyNames().join(', ')}, or register your own.`);
  }
  return found;
}
