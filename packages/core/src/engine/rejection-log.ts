import type { Side } from './candidates.js';
import type { RejectedCandidate, RejectionSummary } from './decision.js';
import type { GpuClassView } from './fleet/gpu-class.js';

/** A rejected candidate as recorded: a name, or a GPU class named by its smallest member id when summarised. */
export type RejectionExample = string | GpuClassView;

interface Tally {
  count: number;
  readonly example: RejectionExample;
  readonly detail: string | undefined;
}

/**
 * Counts rejections by side, plugin and reason in O(1) each. Per-candidate detail is kept only
 * when asked for, so the summary never makes a decision linear in the fleet. A local class is
 * named by its smallest member id, which allocating and releasing GPUs does not change: a log of
 * filter results stays right, word for word, while the fleet's structure does.
 */
export class RejectionLog {
  private readonly tallies: Record<Side, Map<string, Map<string, Tally>>> = { local: new Map(), cloud: new Map() };
  readonly detailed: RejectedCandidate[] | undefined;

  constructor(detailed: boolean) {
    this.detailed = detailed ? [] : undefined;
  }

  record(side: Side, plugin: string, reason: string, count: number, example: RejectionExample, detail?: string): void {
    let byReason = this.tallies[side].get(plugin);
    if (byReason === undefined) {
      byReason = new Map();
      this.tallies[side].set(plugin, byReason);
    }
    const tally = byReason.get(reason);
    if (tally === undefined) byReason.set(reason, { count, example, detail });
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
        const candidate = typeof tally.example === 'string' ? tally.example : (tally.example.exampleId() ?? '');
        const example = tally.detail === undefined ? { candidate } : { candidate, detail: tally.detail };
        result.push({ plugin, reason, count: tally.count, example });
      }
    }
    return result.sort((a, b) => b.count - a.count || (a.plugin < b.plugin ? -1 : a.plugin > b.plugin ? 1 : 0));
  }
}
