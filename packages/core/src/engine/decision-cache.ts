import type { JobSpec } from '../config/job-spec.js';
import type { CachedPolicyReads } from './cache-eligibility.js';
import type { Decision } from './decision.js';
import { assembleDecision, scoreContextOf } from './decision-assembly.js';
import type { DecisionContext } from './decision-context.js';
import { DecisionMemo } from './decision-memo.js';
import { DecisionShell } from './decision-shell.js';
import type { EngineParts } from './engine-setup.js';
import { type Evaluation, evaluate } from './evaluation.js';
import type { LocalFleet } from './fleet/local-fleet.js';
import type { LocalGpuState } from './fleet/local-gpu-state.js';
import type { OfferBook } from './fleet/offer-book.js';
import { checkContext, decideFresh, localChoice } from './fresh-decision.js';
import { type FreeOrder, freeOrder, LocalSelection } from './local-selection.js';
import { localTotal } from './pipeline.js';
import { prepareJob } from './prepared-job.js';
import { type RequirementValues, readRequirements, sameValues } from './requirement-key.js';

/** How a decision cache has fared: each decision counts once. */
export interface DecisionCacheStats {
  /** A remembered decision, as it was or with the target's member or `now` brought up to date. */
  hits: number;
  /** Assembled afresh (policy and explanation) from a remembered evaluation. */
  assembled: number;
  /** Evaluated afresh: the first job of its signature since the fleet's classes, the offers or the bandwidth changed. */
  evaluated: number;
  /** Decided without the cache (`explain: 'detailed'`). */
  bypassed: number;
  /** Times everything remembered was dropped. */
  flushes: number;
}

/** Shells kept per signature, one per pair of best and cheapest class (ties rotate among a few); cleared when full. */
const SHELLS_PER_SIGNATURE = 16;
/** Signatures, and entries, kept before all are dropped (a bound on memory, e.g. for per-job deadlines). */
const MAX_SIGNATURES = 4_096;

/** A distinct set of requirement values: its number names it for good, also after it is dropped. */
interface Signature {
  readonly id: number;
  /** The requirement fields of the signature's first job (`readRequirements`): later ones match them by `sameValues`. */
  readonly values: readonly unknown[];
}

/** What the cache remembers for one signature while the context holds. */
interface SignatureEntry {
  readonly evaluation: Evaluation;
  /** The passing classes by free total score and by cost, for selections among free classes. */
  readonly order: FreeOrder;
  readonly selection: LocalSelection;
  readonly shells: Map<number, DecisionShell>;
}

/**
 * Reuses work between decisions of jobs with the same requirement signature; every decision is
 * exactly the one a fresh engine would make (a differential property test checks it).
 *
 * A signature is a distinct set of the requirement values the plugins and policy read
 * (`readRequirements`), numbered when first seen. Working it out reads and hashes some twenty
 * fields of the spec; a `DecisionMemo` made at submission keeps the number with the job, so its
 * decisions skip that.
 *
 * Two levels, for the built-in plugins and the `aima` and `cost-optimal` policies only:
 * - an evaluation per signature (filters, costs, the cloud walk), which does not depend on which
 *   member of a class is free: dropped when the fleet's structure version, the offers or the
 *   bandwidth change, and at every new `now` while any GPU has an availability schedule;
 * - per signature, decision shells, one per pair of best and cheapest class. Each call selects
 *   afresh: while some passing class is free, by scanning the classes in the order of their
 *   remembered free scores (and costs) up to the first free one; else by observing every passing
 *   class's wait. A shell whose selection matches gives the decision (members and `now`
 *   brought up to date, see `DecisionShell`), else one is assembled from the evaluation.
 * Allocating and releasing GPUs needs no invalidation: it is seen by the fresh selection.
 */
export class DecisionCache {
  readonly stats: DecisionCacheStats = { hits: 0, assembled: 0, evaluated: 0, bypassed: 0, flushes: 0 };
  /**
   * Signatures by requirement hash; a bucket holds those that share a hash. They depend on the
   * job alone, so they outlive the entries; dropped when there are too many.
   */
  private readonly buckets = new Map<number, Signature[]>();
  private signatureCount = 0;
  private nextSignatureId = 0;
  /** Entries by signature number: dropped whenever the context changes. */
  private readonly entries = new Map<number, SignatureEntry>();
  /** The current job's requirement fields, read once per decision into this reused array. */
  private readonly values: RequirementValues = [];
  private fleet: LocalFleet | undefined;
  private structureVersion = -1;
  private offers: OfferBook | undefined;
  private bandwidth = Number.NaN;
  private timeSensitive = false;
  private evaluatedAt = Number.NaN;

  constructor(
    private readonly parts: EngineParts,
    private readonly reads: CachedPolicyReads,
  ) {}

  /** A memo of the spec's signature, worked out now (see {@link DecisionMemo}). */
  memoFor(spec: JobSpec): DecisionMemo {
    return new DecisionMemo(this, spec, this.signatureOf(spec));
  }

  decide(spec: JobSpec, context: DecisionContext, memo?: DecisionMemo): Decision {
    if (context.explain === 'detailed') {
      this.stats.bypassed++;
      return decideFresh(spec, context, this.parts);
    }
    checkContext(context);
    this.follow(context);
    const signature = memo !== undefined && memo.owner === this && memo.spec === spec ? memo.signature : this.signatureOf(spec);
    const entry = this.entries.get(signature) ?? this.evaluated(signature, spec, context);
    const { selection, evaluation } = entry;
    const now = context.now;
    if (!selection.selectFree(evaluation.local, entry.order)) {
      selection.observe(evaluation.local, now);
      selection.select(evaluation.local, (index) => this.totalOf(entry, index, context));
    }
    const key = DecisionShell.keyOf(selection);
    const remembered = entry.shells.get(key);
    if (remembered?.matches(selection, now, this.reads.now)) {
      this.stats.hits++;
      return remembered.reuse(selection, now);
    }
    this.stats.assembled++;
    const assembled = assembleDecision(evaluation, localChoice(selection, evaluation.local), context, this.parts);
    const shell = DecisionShell.of(assembled, selection, now);
    if (shell !== undefined) {
      if (entry.shells.size >= SHELLS_PER_SIGNATURE) entry.shells.clear();
      entry.shells.set(key, shell);
    }
    return assembled.decision;
  }

  /** Drops what the context no longer supports: another fleet structure, offers, bandwidth, or `now` for schedules. */
  private follow(context: DecisionContext): void {
    const { fleet, offers, uploadBandwidthMbps, now } = context;
    const same = fleet === this.fleet && fleet.structureVersion === this.structureVersion && offers === this.offers;
    if (same && uploadBandwidthMbps === this.bandwidth && (!this.timeSensitive || now === this.evaluatedAt)) return;
    this.clear();
    this.fleet = fleet;
    this.structureVersion = fleet.structureVersion;
    this.offers = offers;
    this.bandwidth = uploadBandwidthMbps;
    this.timeSensitive = fleet.classes().some((gpuClass) => gpuClass.gpu.availabilitySchedule !== '24/7');
    this.evaluatedAt = now;
  }

  /** The number of the spec's signature: an existing one when another spec had the same requirement values. */
  private signatureOf(spec: JobSpec): number {
    const values = this.values;
    const hash = readRequirements(spec, this.reads, values);
    let bucket = this.buckets.get(hash);
    if (bucket !== undefined) {
      for (const signature of bucket) if (sameValues(signature.values, values)) return signature.id;
    }
    if (this.signatureCount >= MAX_SIGNATURES) {
      this.buckets.clear();
      this.signatureCount = 0;
      bucket = undefined;
    }
    const signature: Signature = { id: this.nextSignatureId++, values: [...values] };
    if (bucket === undefined) this.buckets.set(hash, [signature]);
    else bucket.push(signature);
    this.signatureCount++;
    return signature.id;
  }

  /** A new entry for the signature: the spec (one with the signature's values) evaluated in this context. */
  private evaluated(signature: number, spec: JobSpec, context: DecisionContext): SignatureEntry {
    this.stats.evaluated++;
    if (this.entries.size >= MAX_SIGNATURES) this.clear();
    const evaluation = evaluate(prepareJob(spec, this.parts.config), context, this.parts);
    const entry: SignatureEntry = {
      evaluation,
      order: freeOrder(evaluation.local, this.freeTotals(evaluation, context)),
      selection: new LocalSelection(),
      shells: new Map(),
    };
    this.entries.set(signature, entry);
    return entry;
  }

  private clear(): void {
    if (this.entries.size > 0) this.stats.flushes++;
    this.entries.clear();
  }

  /** Each passing class's total score when its candidate is free (built-in scores read the class, wait and cost only). */
  private freeTotals(evaluation: Evaluation, context: DecisionContext): number[] {
    const scoreContext = scoreContextOf(evaluation, context, this.parts);
    const { classes, costs } = evaluation.local;
    return classes.map((gpuClass, index) => {
      const member = gpuClass.soonest() as LocalGpuState;
      const candidate = { kind: 'local' as const, gpuClass, gpu: member, waitSeconds: 0, costUsd: costs[index] as number };
      return localTotal(evaluation.job, candidate, this.parts.stages.scorers, scoreContext);
    });
  }

  /** A passing class's total score at its current wait: remembered when free. */
  private totalOf(entry: SignatureEntry, index: number, context: DecisionContext): number {
    const { evaluation, selection } = entry;
    if (selection.waits[index] === 0) return entry.order.totals[index] as number;
    const candidate = selection.candidate(evaluation.local, index);
    return localTotal(evaluation.job, candidate, this.parts.stages.scorers, scoreContextOf(evaluation, context, this.parts));
  }
}
