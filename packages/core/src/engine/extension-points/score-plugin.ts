import type { CloudCandidate, LocalCandidate } from '../candidates.js';
import type { PreparedJob } from '../prepared-job.js';
import type { PluginContext } from './plugin-context.js';

/** What score plugins see besides the candidate: figures over all feasible candidates. */
export interface ScoreContext extends PluginContext {
  /** Lowest estimated cost among all feasible candidates, local and cloud. */
  readonly cheapestCostUsd: number;
}

/**
 * Score extension point: rates a feasible candidate as an integer 0..100, higher is better.
 *
 * Contract: a plugin never weighs its own importance; the engine multiplies by the weight the
 * configuration gives the plugin's name (the seed's decision matrix), or `defaultWeight`.
 */
export interface ScorePlugin {
  readonly name: string;
  /** Used when `SchedulerConfig.weights` has no entry for this plugin. */
  readonly defaultWeight?: number;
  scoreLocal?(job: PreparedJob, candidate: LocalCandidate, context: ScoreContext): number;
  scoreCloud?(job: PreparedJob, candidate: CloudCandidate, context: ScoreContext): number;
}
