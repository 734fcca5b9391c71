/**
 * The GPU models of the openb node list (Alibaba cluster-trace-gpu-v2023) with the figures the
 * trace does not give. VRAM follows evaluation.md §4.2 (`VRAM(model)`); power and price follow
 * §3.1 where it has a figure. Everything marked ASSUMED is ours and printed with the results.
 */
export interface OpenbGpuModel {
  /** Model name as registered with AIMA. */
  readonly name: string;
  readonly vramGb: number;
  readonly powerWatts: number;
  readonly purchasePriceUsd: number;
  /** Figures not taken from evaluation.md or the price data. */
  readonly assumed?: string;
}

const undisclosed = (code: string): OpenbGpuModel => ({
  name: `${code} (undisclosed)`,
  vramGb: 24,
  powerWatts: 250,
  purchasePriceUsd: 5_000,
  assumed: `${code} is undisclosed: 24 GB (§4.2), 250 W and $5,000 are guesses`,
});

/** By the trace's `model` column. */
export const openbGpuModels: Readonly<Record<string, OpenbGpuModel>> = {
  // P100 PCIe: 250 W per NVIDIA's datasheet; no price in the data, $5,699 (approximate list price).
  P100: { name: 'Tesla P100', vramGb: 16, powerWatts: 250, purchasePriceUsd: 5_699, assumed: 'P100 price $5,699 is not in the data' },
  // T4: 70 W (§3.1); no price in the data, $2,300 (approximate street price).
  T4: { name: 'Tesla T4', vramGb: 16, powerWatts: 70, purchasePriceUsd: 2_300, assumed: 'T4 price $2,300 is not in the data' },
  // V100: SXM2 300 W and $11,458 (§3.1, gpu_cost_reference.csv).
  V100M16: { name: 'Tesla V100 16GB', vramGb: 16, powerWatts: 300, purchasePriceUsd: 11_458 },
  V100M32: { name: 'Tesla V100 32GB', vramGb: 32, powerWatts: 300, purchasePriceUsd: 11_458 },
  // A10: 150 W, $2,800 (§3.1).
  A10: { name: 'A10', vramGb: 24, powerWatts: 150, purchasePriceUsd: 2_800 },
  G1: undisclosed('G1'),
  G2: undisclosed('G2'),
  G3: undisclosed('G3'),
};

/** §4.2 `VRAM(model)`; an empty or unknown spec uses 16 GB. */
export function openbVramGb(model: string): number {
  return openbGpuModels[model]?.vramGb ?? 16;
}

/**
 * VRAM of a pod's `gpu_spec` (`|`-separated allowed models): the smallest of them, since the pod
 * must fit on each; empty means any model and uses 16 GB (§4.2).
 */
export function openbSpecVramGb(gpuSpec: string): number {
  const models = gpuSpec
    .split('|')
    .map((model) => model.trim())
    .filter((model) => model !== '');
  return models.length === 0 ? 16 : Math.min(...models.map(openbVramGb));
}
