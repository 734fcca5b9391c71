import type { SchedulerConfig } from '../../config/scheduler-config.js';
import type { DecisionContext } from '../decision-context.js';

/** What every plugin call receives besides the job and the candidate. */
export interface PluginContext {
  readonly now: number;
  readonly config: SchedulerConfig;
  readonly decision: DecisionContext;
}
