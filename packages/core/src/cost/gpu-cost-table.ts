/**
 * Built-in reference figures per GPU model, the defaults of the local cost model (K1) and of
 * simulated cloud prices.
 *
 * Source: `shared/data/prices/consolidated/gpu_cost_reference.csv` (compiled 2025 from mlco2 and
 * Green Algorithms TDP tables, Epoch AI launch prices (CC BY 4.0), the SkyPilot Vast.ai catalog v8
 * medians and a RunPod `gpuTypes` snapshot of 2025-06-21). Prices are 2025 snapshots; a host
 * overrides power and purchase price per GPU in its registration.
 */
export interface GpuReferenceEntry {
  /** Canonical model name. */
  readonly model: string;
  readonly vramGb: number;
  /** Board power (TDP) in watts. */
  readonly tdpWatts: number;
  /** Launch price in USD, when the source has one. */
  readonly purchasePriceUsd?: number;
  /** Vast.ai median price per GPU-hour (SkyPilot catalog v8, else v7). */
  readonly vastMedianUsdPerHour?: number;
  /** RunPod secure-cloud on-demand price per GPU-hour. */
  readonly runpodSecureUsdPerHour?: number;
  /** RunPod community-cloud on-demand price per GPU-hour. */
  readonly runpodCommunityUsdPerHour?: number;
  /** Matches a normalised model name (lower case, vendor words removed). */
  readonly pattern: RegExp;
}

/** Ordered from the most specific pattern to the least. */
export const gpuReferenceTable: readonly GpuReferenceEntry[] = [
  {
    model: 'RTX 6000 Ada',
    vramGb: 48,
    tdpWatts: 300,
    vastMedianUsdPerHour: 0.37,
    runpodSecureUsdPerHour: 0.77,
    runpodCommunityUsdPerHour: 0.74,
    pattern: /6000 ada/,
  },
  {
    model: 'RTX A6000',
    vramGb: 48,
    tdpWatts: 300,
    purchasePriceUsd: 4649,
    vastMedianUsdPerHour: 0.425,
    runpodSecureUsdPerHour: 0.49,
    runpodCommunityUsdPerHour: 0.33,
    pattern: /\ba6000\b/,
  },
  {
    model: 'RTX 5090',
    vramGb: 32,
    tdpWatts: 575,
    vastMedianUsdPerHour: 0.48,
    runpodSecureUsdPerHour: 0.94,
    runpodCommunityUsdPerHour: 0.69,
    pattern: /\b5090\b/,
  },
  {
    model: 'RTX 4090',
    vramGb: 24,
    tdpWatts: 450,
    purchasePriceUsd: 1599,
    vastMedianUsdPerHour: 0.4,
    runpodSecureUsdPerHour: 0.69,
    runpodCommunityUsdPerHour: 0.34,
    pattern: /\b4090\b/,
  },
  {
    model: 'RTX 3090',
    vramGb: 24,
    tdpWatts: 350,
    purchasePriceUsd: 1499,
    vastMedianUsdPerHour: 0.165,
    runpodSecureUsdPerHour: 0.46,
    runpodCommunityUsdPerHour: 0.22,
    pattern: /\b3090\b/,
  },
  {
    model: 'L40S',
    vramGb: 48,
    tdpWatts: 350,
    vastMedianUsdPerHour: 0.6,
    runpodSecureUsdPerHour: 0.86,
    runpodCommunityUsdPerHour: 0.79,
    pattern: /\bl40s\b/,
  },
  {
    model: 'A40',
    vramGb: 48,
    tdpWatts: 300,
    vastMedianUsdPerHour: 0.67,
    runpodSecureUsdPerHour: 0.4,
    runpodCommunityUsdPerHour: 0.35,
    pattern: /\ba40\b/,
  },
  { model: 'A10', vramGb: 24, tdpWatts: 150, purchasePriceUsd: 2800, vastMedianUsdPerHour: 0.255, pattern: /\ba10g?\b/ },
  { model: 'L4', vramGb: 24, tdpWatts: 72, runpodSecureUsdPerHour: 0.43, runpodCommunityUsdPerHour: 0.44, pattern: /\bl4\b/ },
  { model: 'T4', vramGb: 16, tdpWatts: 70, pattern: /\bt4\b/ },
  {
    model: 'V100',
    vramGb: 16,
    tdpWatts: 300,
    purchasePriceUsd: 11458,
    vastMedianUsdPerHour: 0.106,
    runpodSecureUsdPerHour: 0.49,
    runpodCommunityUsdPerHour: 0.33,
    pattern: /\bv100\b/,
  },
  {
    model: 'A100 80GB',
    vramGb: 80,
    tdpWatts: 300,
    vastMedianUsdPerHour: 0.87,
    runpodSecureUsdPerHour: 1.64,
    runpodCommunityUsdPerHour: 1.19,
    pattern: /\ba100\b.*\b80 ?gb\b/,
  },
  { model: 'A100 40GB', vramGb: 40, tdpWatts: 250, purchasePriceUsd: 15000, vastMedianUsdPerHour: 0.76, pattern: /\ba100\b/ },
  {
    model: 'H100 80GB',
    vramGb: 80,
    tdpWatts: 700,
    purchasePriceUsd: 33600,
    vastMedianUsdPerHour: 1.87,
    runpodSecureUsdPerHour: 2.99,
    runpodCommunityUsdPerHour: 2.69,
    pattern: /\bh100\b/,
  },
  {
    model: 'H200 141GB',
    vramGb: 141,
    tdpWatts: 700,
    vastMedianUsdPerHour: 2.65,
    runpodSecureUsdPerHour: 3.99,
    runpodCommunityUsdPerHour: 3.59,
    pattern: /\bh200\b/,
  },
];

/** Lower case, vendor words dropped, punctuation folded to spaces: "NVIDIA A100-SXM4-80GB" -> "a100 sxm4 80gb". */
export function normaliseGpuModel(model: string): string {
  return model
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/\b(nvidia|geforce|tesla|quadro)\b/g, ' ')
    .replace(/ +/g, ' ')
    .trim();
}

/**
 * Finds the reference entry for a model name. For the A100, whose name often omits the memory
 * size, a `vramGb` above 40 selects the 80 GB entry.
 */
export function findGpuReference(model: string, vramGb?: number): GpuReferenceEntry | undefined {
  const name = normaliseGpuModel(model);
  const entry = gpuReferenceTable.find((candidate) => candidate.pattern.test(name));
  if (entry?.model === 'A100 40GB' && vramGb !== undefined && vramGb > 40) {
    return gpuReferenceTable.find((candidate) => candidate.model === 'A100 80GB');
  }
  return entry;
}
