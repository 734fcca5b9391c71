import type { FilterPlugin } from './filter-plugin.js';
import type { PostFilterPlugin } from './post-filter-plugin.js';
import type { ScorePlugin } from './score-plugin.js';

/**
 * A plugin implements one or more extension points under one name (as in the Kubernetes
 * scheduling framework, a plugin may be both a filter and a scorer).
 */
export type EnginePlugin = { readonly name: string } & Partial<Omit<FilterPlugin, 'name'>> &
  Partial<Omit<ScorePlugin, 'name'>> &
  Partial<Omit<PostFilterPlugin, 'name'>>;

export function isFilterPlugin(plugin: EnginePlugin): plugin is EnginePlugin & FilterPlugin {
  return plugin.filterSide !== undefined || plugin.filterLocal !== undefined || plugin.filterCloud !== undefined;
}

export function isScorePlugin(plugin: EnginePlugin): plugin is EnginePlugin & ScorePlugin {
  return plugin.scoreLocal !== undefined || plugin.scoreCloud !== undefined;
}

export function isPostFilterPlugin(plugin: EnginePlugin): plugin is EnginePlugin & PostFilterPlugin {
  return plugin.suggest !== undefined;
}
