import type { CloudInstance } from '@aima/core';

/** What one pod has cost so far, as last seen. */
export interface PodSpend {
  readonly podId: string;
  readonly label: string;
  readonly key?: string;
  readonly pricePerHourUsd: number;
  readonly costSoFarUsd: number;
}

/**
 * Spend per pod over the provider's life. A pod's own record only allows an estimate while it
 * runs (price × time since start), so the ledger keeps the highest estimate seen: a stopped or
 * terminated pod keeps what it cost until then.
 */
export class SpendLedger {
  private readonly byPod = new Map<string, PodSpend>();

  /** Records an observation and returns the instance with its cost raised to the ledger's figure. */
  observe(instance: CloudInstance): CloudInstance {
    const known = this.byPod.get(instance.id);
    const costSoFarUsd = Math.max(known?.costSoFarUsd ?? 0, instance.costSoFarUsd);
    this.byPod.set(instance.id, {
      podId: instance.id,
      label: instance.label,
      ...(instance.key !== undefined && { key: instance.key }),
      pricePerHourUsd: instance.pricePerHourUsd > 0 ? instance.pricePerHourUsd : (known?.pricePerHourUsd ?? 0),
      costSoFarUsd,
    });
    return { ...instance, costSoFarUsd };
  }

  entries(): PodSpend[] {
    return [...this.byPod.values()];
  }

  totalUsd(): number {
    return this.entries().reduce((sum, entry) => sum + entry.costSoFarUsd, 0);
  }
}
