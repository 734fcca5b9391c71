import type { ProviderContext } from './provider-context.js';

/** Money billed by Vast in a period. */
export interface AccountSpend {
  readonly totalUsd: number;
  /** USD per instance id. */
  readonly byInstanceId: Readonly<Record<string, number>>;
}

/** Sums Vast's instance charges between two instants (epoch ms), per instance and in all (reference A11). */
export async function accountSpend(context: ProviderContext, fromMs: number, toMs: number, signal?: AbortSignal): Promise<AccountSpend> {
  context.ensureOpen(signal);
  const charges = await context.client.listCharges({ fromSeconds: fromMs / 1000, toSeconds: toMs / 1000 }, signal);
  const byInstanceId: Record<string, number> = {};
  let totalUsd = 0;
  for (const charge of charges) {
    totalUsd += charge.amount;
    const match = /^instance-(\d+)$/.exec(charge.source);
    if (match?.[1] !== undefined) byInstanceId[match[1]] = (byInstanceId[match[1]] ?? 0) + charge.amount;
  }
  return { totalUsd, byInstanceId };
}
