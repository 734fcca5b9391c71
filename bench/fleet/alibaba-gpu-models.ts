/**
 * The GPU models of the Alibaba cluster-trace-v2026-spot-gpu node list, with the figures the
 * trace does not give. The trace names models (two of them anonymised as "GPU-series-1/2") and
 * counts GPUs per node, nothing else: VRAM, board power, purchase price and compute capability
 * below are ASSUMPTIONS of this benchmark, chosen from public datasheets where a model is named
 * and guessed for the anonymised series. They only shape costs and VRAM fits; they do not change
 * how fast a decision is.
 */
export interface AlibabaGpuModel {
  /** Model name exactly as in the trace's `gpu_model` column. */
  readonly model: string;
  /** Assumed VRAM per GPU. */
  readonly vramGb: number;
  /** Assumed board power. */
  readonly powerWatts: number;
  /** Assumed purchase price per GPU. */
  readonly purchasePriceUsd: number;
  /** Assumed compute capability. */
  readonly computeCapability: string;
  /** GPUs of this model in the trace. */
  readonly gpus: number;
  /** Nodes of this model in the trace. */
  readonly nodes: number;
}

/** The trace's model mix (10,412 GPUs on 4,278 nodes) with the assumed figures. */
export const alibabaGpuModels: readonly AlibabaGpuModel[] = [
  { model: 'A100-SXM4-80GB', vramGb: 80, powerWatts: 400, purchasePriceUsd: 15_000, computeCapability: '8.0', gpus: 3456, nodes: 432 },
  { model: 'A800-SXM4-80GB', vramGb: 80, powerWatts: 400, purchasePriceUsd: 15_000, computeCapability: '8.0', gpus: 176, nodes: 22 },
  { model: 'A10', vramGb: 24, powerWatts: 150, purchasePriceUsd: 2_800, computeCapability: '8.6', gpus: 2494, nodes: 2494 },
  // Anonymised in the trace: 24 GB, 250 W, $5,000 is a guess (a mid-range data-centre card).
  { model: 'GPU-series-1', vramGb: 24, powerWatts: 250, purchasePriceUsd: 5_000, computeCapability: '8.0', gpus: 1558, nodes: 989 },
  { model: 'H800', vramGb: 80, powerWatts: 700, purchasePriceUsd: 30_000, computeCapability: '9.0', gpus: 1752, nodes: 219 },
  // Anonymised in the trace: 48 GB, 300 W, $8,000 is a guess (a 48 GB workstation-class card).
  { model: 'GPU-series-2', vramGb: 48, powerWatts: 300, purchasePriceUsd: 8_000, computeCapability: '8.0', gpus: 976, nodes: 122 },
];

/** Total GPUs in the trace. */
export const alibabaTotalGpus = alibabaGpuModels.reduce((sum, entry) => sum + entry.gpus, 0);

/** The assumed figures of a trace model. @throws Error for a model the trace does not have. */
export function alibabaGpuModel(model: string): AlibabaGpuModel {
  const entry = alibabaGpuModels.find((candidate) => candidate.model === model);
  if (entry === undefined) throw new Error(`unknown GPU model "${model}" in the Alibaba node list; add it to alibabaGpuModels`);
  return entry;
}
