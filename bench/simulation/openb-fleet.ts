import type { GpuRegistrationInput } from '@aima/core';
import { type CsvRow, numberField, parseCsv } from './csv.js';
import { openbGpuModels } from './openb-gpu-models.js';

/** One GPU node of `openb_node_list_gpu_node.csv`. */
export interface OpenbNode {
  readonly sn: string;
  readonly gpus: number;
  readonly model: string;
}

/** Parses the node list. @throws Error on a missing column, a bad GPU count or an unknown model. */
export function parseOpenbNodes(csv: string): OpenbNode[] {
  return parseCsv(csv, ['sn', 'gpu', 'model']).map((row: CsvRow, index) => {
    const gpus = numberField(row, 'gpu');
    const model = row.model ?? '';
    if (gpus === undefined || !Number.isInteger(gpus) || gpus < 0) throw new Error(`bad gpu count on node row ${index + 2}`);
    if (openbGpuModels[model] === undefined) throw new Error(`unknown GPU model "${model}" on node row ${index + 2}`);
    return { sn: row.sn ?? `node-${index}`, gpus, model };
  });
}

/** `gpu_` and eight hex digits, from a running index. */
export function gpuIdFor(index: number): string {
  return `gpu_${index.toString(16).padStart(8, '0')}`;
}

/** Options of {@link openbFleet}. */
export interface OpenbFleetOptions {
  /** Purchase price 0 (evaluation.md §3 "marginal" accounting). @default false */
  readonly capexSunk?: boolean;
  /**
   * Keep this share of each model's GPUs (at least one per model), the first in node order, to
   * load the fleet harder than the trace does. @default 1
   */
  readonly share?: number;
}

/**
 * One registration per GPU of every node, on the site `on-prem`. Power and purchase price are
 * given explicitly (see openb-gpu-models.ts), so core's reference table is not consulted.
 */
export function openbFleet(nodes: readonly OpenbNode[], options: OpenbFleetOptions = {}): GpuRegistrationInput[] {
  const fleet: GpuRegistrationInput[] = [];
  const quota = keptPerModel(nodes, options.share ?? 1);
  for (const node of nodes) {
    const model = openbGpuModels[node.model];
    if (model === undefined) continue;
    for (let slot = 0; slot < node.gpus; slot++) {
      const left = quota.get(node.model) ?? 0;
      if (left <= 0) break;
      quota.set(node.model, left - 1);
      fleet.push({
        id: gpuIdFor(fleet.length),
        model: model.name,
        vramGb: model.vramGb,
        cudaVersion: '12.1',
        hostAddress: node.sn,
        location: 'on-prem',
        powerWatts: model.powerWatts,
        purchasePriceUsd: options.capexSunk ? 0 : model.purchasePriceUsd,
      });
    }
  }
  return fleet;
}

function keptPerModel(nodes: readonly OpenbNode[], share: number): Map<string, number> {
  const gpus = new Map<string, number>();
  for (const node of nodes) gpus.set(node.model, (gpus.get(node.model) ?? 0) + node.gpus);
  return new Map([...gpus].map(([model, count]) => [model, share >= 1 ? count : Math.max(1, Math.round(share * count))]));
}
