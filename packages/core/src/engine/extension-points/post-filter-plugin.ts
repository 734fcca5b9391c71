import type { Alternative, RejectionSummary } from '../decision.js';
import type { PreparedJob } from '../prepared-job.js';
import type { FilterPlugin } from './filter-plugin.js';
import type { PluginContext } from './plugin-context.js';

/** What a post-filter sees: why nothing (or not the wanted side) was feasible. */
export interface PostFilterInput {
  readonly rejections: { readonly local: readonly RejectionSummary[]; readonly cloud: readonly RejectionSummary[] };
  /** The engine's filters, so a post-filter can ask "would this pass without filter X?". */
  readonly filters: readonly FilterPlugin[];
}

/**
 * Post-filter extension point: runs only when a job is rejected and suggests what the host can do
 * instead (seed 000 `suggest_alternatives`: wait for a GPU, use a smaller model, split the job).
 * It may be linear in the fleet: it is off the hot path.
 */
export interface PostFilterPlugin {
  readonly name: string;
  suggest(job: PreparedJob, input: PostFilterInput, context: PluginContext): readonly Alternative[];
}
