import type { Decision, DecisionTarget, ScoreCard } from './decision.js';
import type { AssembledDecision } from './decision-assembly.js';
import type { LocalGpuState } from './fleet/local-gpu-state.js';
import type { LocalSelection } from './local-selection.js';

type Pick = 'best' | 'cheapest' | undefined;

/** The parts of a decision a shell brings up to date. */
interface Patch {
  target: DecisionTarget;
  card: ScoreCard | undefined;
  estimatedStartAt: number;
}

/**
 * A decision with a target, and the selection it was assembled from: which passing class was best
 * and cheapest, their waits, whether any class was free, the shortest wait, and the members that
 * named the target and the score card.
 *
 * With the built-in plugins and policies, a decision depends on the fleet only through that
 * selection and those members: while a fresh selection picks the same classes with the same
 * waits, a fresh decision differs from this one only in the member named by the target and the
 * score card (another GPU of the same class: same model, location, cost and scores) and, when
 * the policy does not read `now`, in `estimatedStartAt`. `reuse` brings those up to date.
 * Rejection examples name each class by its smallest member id, which changes only with the
 * fleet's structure, and the cache drops every shell when that changes.
 */
export class DecisionShell {
  private constructor(
    private decision: Decision,
    private now: number,
    private readonly assembled: Omit<AssembledDecision, 'decision'>,
    private readonly bestWait: number,
    private readonly cheapestWait: number,
    private readonly anyFree: boolean,
    private readonly minWaitSeconds: number | undefined,
  ) {}

  /** The shell of an assembled decision; undefined without a target (rejections read more of the fleet). */
  static of(assembled: AssembledDecision, selection: LocalSelection, now: number): DecisionShell | undefined {
    if (assembled.decision.target === undefined) return undefined;
    const { best, cheapest, waits } = selection;
    return new DecisionShell(
      assembled.decision,
      now,
      assembled,
      best < 0 ? 0 : (waits[best] as number),
      cheapest < 0 ? 0 : (waits[cheapest] as number),
      selection.anyFree,
      selection.minWaitSeconds,
    );
  }

  /** A key for the classes a selection picked (a shell is kept per key). */
  static keyOf(selection: LocalSelection): number {
    return (selection.best + 1) * 0x100000 + (selection.cheapest + 1);
  }

  /** Whether a fresh decision at `now` on `selection` (with the same key) is this one up to what `reuse` patches. */
  matches(selection: LocalSelection, now: number, readsNow: boolean): boolean {
    const { best, cheapest, waits } = selection;
    if (selection.anyFree !== this.anyFree || selection.minWaitSeconds !== this.minWaitSeconds) return false;
    if ((best >= 0 && waits[best] !== this.bestWait) || (cheapest >= 0 && waits[cheapest] !== this.cheapestWait)) return false;
    return !readsNow || now === this.now;
  }

  /** The decision for the selection's current members at `now`; remembered for the next call. */
  reuse(selection: LocalSelection, now: number): Decision {
    const previous = this.decision;
    const target = previous.target as DecisionTarget;
    const card = previous.scores.local;
    const patch: Patch = {
      target: this.patchedTarget(target, this.memberOf(this.assembled.target, selection)),
      card: this.patchedCard(card, this.memberOf(this.assembled.card, selection)),
      estimatedStartAt: now === this.now ? (previous.estimatedStartAt as number) : startAt(now, target),
    };
    const unchanged = patch.target === target && patch.card === card && now === this.now;
    this.decision = unchanged ? previous : patched(previous, patch);
    this.now = now;
    return this.decision;
  }

  private patchedTarget(target: DecisionTarget, member: LocalGpuState | undefined): DecisionTarget {
    if (target.kind !== 'local' || member === undefined) return target;
    if (member.gpu.id === target.gpuId && member.gpu.hostAddress === target.hostAddress) return target;
    const { model, location, waitSeconds } = target;
    return { kind: 'local', gpuId: member.gpu.id, model, location, hostAddress: member.gpu.hostAddress, waitSeconds };
  }

  private patchedCard(card: ScoreCard | undefined, member: LocalGpuState | undefined): ScoreCard | undefined {
    if (card === undefined || member === undefined || member.gpu.id === card.candidate) return card;
    return { candidate: member.gpu.id, total: card.total, entries: card.entries };
  }

  private memberOf(pick: Pick, selection: LocalSelection): LocalGpuState | undefined {
    if (pick === undefined) return undefined;
    return selection.member(pick === 'best' ? selection.best : selection.cheapest);
  }
}

/** When a job with a target starts: after the local wait or the upload (as the engine estimates it). */
function startAt(now: number, target: DecisionTarget): number {
  return now + (target.kind === 'local' ? target.waitSeconds : target.uploadSeconds) * 1000;
}

/** The decision with the patch applied, built field by field in the engine's order (a decision with a target has a cost and a start). */
function patched(decision: Decision, patch: Patch): Decision {
  const cloudCard = decision.scores.cloud;
  const scores =
    patch.card === undefined ? decision.scores : cloudCard === undefined ? { local: patch.card } : { local: patch.card, cloud: cloudCard };
  return {
    outcome: decision.outcome,
    policy: decision.policy,
    rule: decision.rule,
    reasons: decision.reasons,
    target: patch.target,
    estimatedCostUsd: decision.estimatedCostUsd as number,
    estimatedStartAt: patch.estimatedStartAt,
    estimatedDurationSeconds: decision.estimatedDurationSeconds,
    scores,
    costs: decision.costs,
    rejections: decision.rejections,
    considered: decision.considered,
    alternatives: decision.alternatives,
  };
}
