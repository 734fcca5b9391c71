import type { Side } from './candidates.js';
import type { RejectedCandidate, RejectionSummary } from './decision.js';

interface Tally {
  count: number;
  readonly candidate: string;
  readonly detail: string | undefined;
}

/**
 * Counts rejections by side, plugin and reason in O(1) each. Per-candidate detail is kept only
 * when asked for, so the summary never makes a decision linear in the fleet.
 */
export class RejectionLog {
  private readonly tallies: Record<Side, Map<string, Map<string, Tally>>> = { local: new Map(), cloud: new Map() };
  readonly detailed: RejectedCandidate[] | undefined;

  constructor(detailed: boolean) {
    this.detailed = detailed ? [] : undefined;
  }

  record(side: Side, plugin: string, reason: string, count: number, candidate: string, detail?: string): void {
    let byReason = this.tallies[side].get(plugin);
    if (byReason === undefined) {
      byReason = new Map();
      this.tallies[side].set(plugin, byReason);
    }
    const tally = byReason.get(reason);
    if (tally === undefined) byReason.set(reason, { count, candidate, detail });
    else tally.count += count;
  }

  /** Adds per-candidate detail; call only when `detailed` is set. */
  recordCandidate(entry: RejectedCandidate): void {
    this.detailed?.push(entry);
  }

  summary(side: Side): RejectionSummary[] {
    const result: RejectionSummary[] = [];
    for (const [plugin, byReason] of this.tallies[side]) {
      for (const [reason, tally] of byReason) {
        const example = tally.detail === undefined ? { candidate: tally.candidate } : { candidate: tally.candidate, detail: tally.detail };
        result.push({ plugin, reason, count: tally.count, example });
      }
    }
    return result.sort((a, b) => b.count - a.count || (a.plugin < b.plugin ? -1 : a.plugin > b.plugin ? 1 : 0));
  }
}
