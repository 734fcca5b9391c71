/**
 * The GraphQL documents this client sends. They use variables only (no inline literals), and
 * select only fields the reference confirms: one unknown field makes RunPod refuse the whole
 * query (B5). The spot price fields are left out when spot offers are off, so a RunPod that drops
 * them with spot (B5 "Status of spot in 2026") cannot break on-demand listing.
 */
export function gpuTypesDocument(includeSpotPrices: boolean): string {
  const spot = includeSpotPrices ? ' secureSpotPrice communitySpotPrice' : '';
  return `query AimaGpuTypes($lowestPriceInput: GpuLowestPriceInput) {
  gpuTypes {
    id displayName manufacturer memoryInGb secureCloud communityCloud securePrice communityPrice${spot} maxGpuCount
    lowestPrice(input: $lowestPriceInput) { uninterruptablePrice stockStatus availableGpuCounts }
  }
}`;
}

export const rentInterruptableDocument = `mutation AimaRentInterruptable($input: PodRentInterruptableInput!) {
  podRentInterruptable(input: $input) { id name desiredStatus imageName machineId costPerHr }
}`;
