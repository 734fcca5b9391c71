import type { QueueNode } from './queue-node.js';

/**
 * The best job seen so far in one pick: highest effective priority, ties to the higher class
 * weight, then the earlier queue time, then the earlier arrival (a total order, so the winner does not
 * depend on the order jobs are considered in). Reused across picks: nothing is allocated.
 */
export class PickContest {
  best: QueueNode | undefined;
  bestScore = Number.NEGATIVE_INFINITY;

  /** @param weights base weight per class index */
  constructor(private readonly weights: readonly number[]) {}

  reset(): void {
    this.best = undefined;
    this.bestScore = Number.NEGATIVE_INFINITY;
  }

  consider(node: QueueNode, score: number): void {
    const best = this.best;
    if (best === undefined || score > this.bestScore || (score === this.bestScore && this.before(node, best))) {
      this.best = node;
      this.bestScore = score;
    }
  }

  private before(a: QueueNode, b: QueueNode): boolean {
    const weightA = this.weights[a.classIndex] as number;
    const weightB = this.weights[b.classIndex] as number;
    if (weightA !== weightB) return weightA > weightB;
    if (a.entry.queuedAt !== b.entry.queuedAt) return a.entry.queuedAt < b.entry.queuedAt;
    return a.sequence < b.sequence;
  }
}
