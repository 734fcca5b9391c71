import type { JobSpec } from '../config/job-spec.js';
import { ValidationError, type ValidationIssue } from '../errors/validation-error.js';
import type { Decision } from './decision.js';
import { assembleDecision, type LocalChoice, scoreContextOf } from './decision-assembly.js';
import type { DecisionContext } from './decision-context.js';
import type { EngineParts } from './engine-setup.js';
import { evaluate } from './evaluation.js';
import { LocalSelection, type PassingClasses } from './local-selection.js';
import { localTotal } from './pipeline.js';
import { prepareJob } from './prepared-job.js';
import type { Writable } from './writable.js';

/** The engine's decision, computed from scratch. */
export function decideFresh(spec: JobSpec, context: DecisionContext, parts: EngineParts): Decision {
  checkContext(context);
  const evaluation = evaluate(prepareJob(spec, parts.config), context, parts);
  const passing = evaluation.local;
  const selection = new LocalSelection();
  selection.observe(passing, context.now);
  const scoreContext = scoreContextOf(evaluation, context, parts);
  const scorers = parts.stages.scorers;
  selection.select(passing, (index) => localTotal(evaluation.job, selection.candidate(passing, index), scorers, scoreContext));
  return assembleDecision(evaluation, localChoice(selection, passing), context, parts).decision;
}

/** The selected candidates as the policy sees them (one object when best and cheapest are the same class). */
export function localChoice(selection: LocalSelection, passing: PassingClasses): LocalChoice {
  const best = selection.best < 0 ? undefined : selection.candidate(passing, selection.best);
  const cheapest =
    selection.cheapest < 0 ? undefined : selection.cheapest === selection.best ? best : selection.candidate(passing, selection.cheapest);
  const choice: Writable<LocalChoice> = {};
  if (best) choice.best = best;
  if (cheapest) choice.cheapest = cheapest;
  if (selection.minWaitSeconds !== undefined) choice.minWaitSeconds = selection.minWaitSeconds;
  return choice;
}

/** @throws ValidationError for a context without a finite `now`, with a negative bandwidth or an impossible utilisation. */
export function checkContext(context: DecisionContext): void {
  const { now, uploadBandwidthMbps: bandwidth, localUtilization: utilization } = context;
  const valid =
    Number.isFinite(now) &&
    bandwidth >= 0 &&
    Number.isFinite(bandwidth) &&
    (utilization === undefined || (utilization >= 0 && utilization <= 1));
  if (valid) return;
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
