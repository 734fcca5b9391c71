/** Stock levels RunPod reports; `null` means none there. */
export type FakeStockStatus = 'High' | 'Medium' | 'Low';

/** A GPU type the fake rents out; prices are per GPU per hour, `null` when the cloud lacks it. */
export interface FakeGpuType {
  readonly id: string;
  readonly displayName: string;
  readonly manufacturer: string;
  readonly memoryInGb: number;
  readonly securePrice: number | null;
  readonly communityPrice: number | null;
  readonly secureSpotPrice: number | null;
  readonly communitySpotPrice: number | null;
  readonly maxGpuCount: number;
  readonly secureStock: FakeStockStatus | null;
  readonly communityStock: FakeStockStatus | null;
  /** Secure-cloud data centers that have it. */
  readonly dataCenters: readonly string[];
}

/**
 * A small hand-written catalogue in the shape of the recorded `gpuTypes` answer (prices of
 * 2026-08 from the recorded EU-RO-1 snapshot where known, else round figures): plenty of 4090s,
 * few RTX 2000 Ada, an A100 80GB on secure cloud only, an AMD card, and an H100 with no stock.
 */
export const defaultFakeGpuTypes: readonly FakeGpuType[] = [
  gpu('NVIDIA GeForce RTX 4090', 'RTX 4090', 24, [0.74, 0.34], [0.44, 0.2], ['High', 'High']),
  gpu('NVIDIA RTX 2000 Ada Generation', 'RTX 2000 Ada', 16, [0.24, 0.16], [null, null], ['Low', 'Low']),
  gpu('NVIDIA A100 80GB PCIe', 'A100 PCIe', 80, [1.64, null], [1.05, null], ['Medium', null]),
  gpu('NVIDIA H100 NVL', 'H100 NVL', 94, [2.59, 1.39], [null, null], [null, null]),
  { ...gpu('AMD Instinct MI300X OAM', 'MI300X', 192, [2.39, 0.5], [null, null], ['Low', 'Low']), manufacturer: 'AMD' },
];

function gpu(
  id: string,
  displayName: string,
  memoryInGb: number,
  [securePrice, communityPrice]: readonly [number | null, number | null],
  [secureSpotPrice, communitySpotPrice]: readonly [number | null, number | null],
  [secureStock, communityStock]: readonly [FakeStockStatus | null, FakeStockStatus | null],
): FakeGpuType {
  return {
    id,
    displayName,
    manufacturer: 'Nvidia',
    memoryInGb,
    securePrice,
    communityPrice,
    secureSpotPrice,
    communitySpotPrice,
    maxGpuCount: 8,
    secureStock,
    communityStock,
    dataCenters: ['EU-RO-1', 'US-TX-3'],
  };
}

/** What `lowestPrice(input)` says about a GPU type for one cloud, GPU count and place. */
export function lowestPriceOf(type: FakeGpuType, input: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const secure = input.secureCloud !== false;
  const gpuCount = typeof input.gpuCount === 'number' ? input.gpuCount : 1;
  const inDataCenter = typeof input.dataCenterId !== 'string' || !secure || type.dataCenters.includes(input.dataCenterId);
  const stock = inDataCenter && gpuCount <= type.maxGpuCount ? (secure ? type.secureStock : type.communityStock) : null;
  const price = secure ? type.securePrice : type.communityPrice;
  const spot = secure ? type.secureSpotPrice : type.communitySpotPrice;
  return {
    uninterruptablePrice: stock === null ? null : price,
    minimumBidPrice: stock === null ? null : spot,
    stockStatus: stock,
    availableGpuCounts: stock === null ? [] : Array.from({ length: type.maxGpuCount }, (_, index) => index + 1),
    minVcpu: 8,
    minMemory: 32,
    compliance: [],
    countryCode: null,
    gpuName: type.displayName,
    gpuTypeId: type.id,
  };
}

/** The `gpuTypes` entry of a type, with `lowestPrice` as a function of its input. */
export function gpuTypeView(type: FakeGpuType): Record<string, unknown> {
  return {
    id: type.id,
    displayName: type.displayName,
    manufacturer: type.manufacturer,
    memoryInGb: type.memoryInGb,
    cudaCores: 0,
    secureCloud: type.securePrice !== null,
    communityCloud: type.communityPrice !== null,
    securePrice: type.securePrice,
    communityPrice: type.communityPrice,
    secureSpotPrice: type.secureSpotPrice,
    communitySpotPrice: type.communitySpotPrice,
    maxGpuCount: type.maxGpuCount,
    maxGpuCountSecureCloud: type.maxGpuCount,
    maxGpuCountCommunityCloud: type.maxGpuCount,
    minPodGpuCount: 1,
    lowestPrice: (args: Readonly<Record<string, unknown>>) =>
      lowestPriceOf(type, (args.input as Record<string, unknown> | undefined) ?? {}),
  };
}
