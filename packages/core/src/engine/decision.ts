import type { Side } from './candidates.js';

/** What the engine says to do with a job. `queue` means: a local GPU, once it is free. */
export type DecisionOutcome = 'local' | 'cloud' | 'queue' | 'reject';

/** The local GPU or cloud offer chosen. */
export type DecisionTarget =
  | {
      readonly kind: 'local';
      readonly gpuId: string;
      readonly model: string;
      readonly location: string;
      readonly hostAddress: string;
      readonly waitSeconds: number;
    }
  | {
      readonly kind: 'cloud';
      readonly provider: string;
      readonly offerId: string;
      readonly gpuModel: string;
      readonly region: string;
      readonly pricePerHourUsd: number;
      readonly uploadSeconds: number;
    };

/** Rejections of one side counted by plugin and reason, with one example. */
export interface RejectionSummary {
  readonly plugin: string;
  readonly reason: string;
  /** Number of local GPUs or cloud offers rejected for this reason. */
  readonly count: number;
  /** A rejected GPU id or offer id, and what was wrong with it. */
  readonly example: { readonly candidate: string; readonly detail?: string };
}

/** One rejected GPU or offer; listed only when `explain: 'detailed'` is asked for. */
export interface RejectedCandidate {
  readonly side: Side;
  readonly candidate: string;
  readonly plugin: string;
  readonly reason: string;
  readonly detail?: string;
}

/** A score plugin's contribution to a candidate's total. */
export interface ScoreEntry {
  readonly plugin: string;
  /** 0..100 as the plugin gave it. */
  readonly raw: number;
  readonly weight: number;
  readonly weighted: number;
}

export interface ScoreCard {
  readonly candidate: string;
  readonly total: number;
  readonly entries: readonly ScoreEntry[];
}

/** Something the host can do when a job is rejected (seed 000 `suggest_alternatives`). */
export interface Alternative {
  readonly kind: 'wait-for-gpu' | 'smaller-model' | 'split-job' | 'relax-requirement' | 'request-access' | 'other';
  readonly message: string;
  readonly gpuId?: string;
  /** Epoch ms from which the alternative applies, when known. */
  readonly availableAt?: number;
}

/** The engine's answer for one job, with everything needed to explain and reproduce it (D6). */
export interface Decision {
  readonly outcome: DecisionOutcome;
  readonly policy: string;
  /** Id of the rule that decided, e.g. `aima/cost-local`. */
  readonly rule: string;
  /** Human-readable sentences, the deciding one first. */
  readonly reasons: readonly string[];
  readonly target?: DecisionTarget;
  readonly estimatedCostUsd?: number;
  readonly estimatedStartAt?: number;
  readonly estimatedDurationSeconds: number;
  /** Scores of the local GPU chosen (else the best-scored one) and of the cheapest offer, when there were any. */
  readonly scores: { readonly local?: ScoreCard; readonly cloud?: ScoreCard };
  /** Estimated costs the policy compared: the cheapest feasible local GPU (free ones first) and the cheapest offer. */
  readonly costs: { readonly localUsd?: number; readonly cloudUsd?: number };
  readonly rejections: { readonly local: readonly RejectionSummary[]; readonly cloud: readonly RejectionSummary[] };
  /** Present only when `explain: 'detailed'` was asked for. */
  readonly rejectedCandidates?: readonly RejectedCandidate[];
  readonly considered: {
    readonly localGpus: number;
    readonly localClasses: number;
    readonly feasibleLocalGpus: number;
    readonly cloudOffers: number;
    /** Offers filtered; the rest cost more than the chosen one and could not win. */
    readonly cloudOffersExamined: number;
  };
  readonly alternatives: readonly Alternative[];
}
