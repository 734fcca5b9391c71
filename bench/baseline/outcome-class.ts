import type { Decision } from '@aima/core';
import type { SeedDecision } from './seed-select-gpu-environment.js';

/** Where a job goes, as both implementations can say it. */
export type OutcomeClass = 'local' | 'cloud' | 'reject';

/** The engine's outcome; `queue` (a local GPU once it is free) counts as local. */
export function engineOutcomeClass(decision: Decision): OutcomeClass {
  return decision.outcome === 'queue' ? 'local' : decision.outcome;
}

/** The baseline's outcome; the seed's `error` is a reject. */
export function seedOutcomeClass(decision: SeedDecision): OutcomeClass {
  return decision.decision === 'error' ? 'reject' : decision.decision;
}
