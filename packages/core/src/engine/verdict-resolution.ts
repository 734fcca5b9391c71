import { InvariantError } from '../errors/invariant-error.js';
import type { PolicyInput, PolicyVerdict } from '../policies/policy.js';
import type { CloudCandidate, LocalCandidate } from './candidates.js';

/** Where the job goes after the engine's safety net, and why. */
export interface ResolvedVerdict {
  readonly target?: LocalCandidate | CloudCandidate;
  readonly rule: string;
  readonly reasons: readonly string[];
}

/**
 * Applies the policy's verdict: when the side it names has no candidate, falls back to the other
 * side if that is allowed. A confidential job never gets a cloud target, whatever the policy or
 * plugins say: that check is not pluggable.
 * @throws InvariantError when a policy sends a confidential job to the cloud.
 */
export function resolveVerdict(policyName: string, verdict: PolicyVerdict, input: PolicyInput): ResolvedVerdict {
  const confidential = input.job.spec.confidentiality === 'confidential';
  const local = verdict.localCandidate === 'cheapest' ? (input.local.cheapest ?? input.local.best) : input.local.best;
  const cloud = confidential ? undefined : input.cloud.best;
  if (verdict.target === 'cloud' && confidential) {
    throw new InvariantError(
      `Policy "${policyName}" chose the cloud for a confidential job (rule ${verdict.rule}); confidential jobs run only on local GPUs.`,
    );
  }
  if (verdict.target === 'cloud') {
    if (cloud) return { target: cloud, rule: verdict.rule, reasons: [verdict.reason] };
    if (local) return fallback(`${policyName}/fallback-local`, verdict, 'but no cloud offer qualifies, so a local GPU is used', local);
  }
  if (verdict.target === 'local') {
    if (local) return { target: local, rule: verdict.rule, reasons: [verdict.reason] };
    if (cloud) return fallback(`${policyName}/fallback-cloud`, verdict, 'but no local GPU qualifies, so the cloud is used', cloud);
  }
  const reasons = verdict.target === 'none' ? [verdict.reason] : [verdict.reason, 'but no candidate qualifies on either side'];
  return { rule: verdict.target === 'none' ? verdict.rule : `${policyName}/no-candidate`, reasons };
}

function fallback(rule: string, verdict: PolicyVerdict, why: string, target: LocalCandidate | CloudCandidate): ResolvedVerdict {
  return { target, rule, reasons: [`${verdict.reason} (${verdict.rule}), ${why}`] };
}
