import type { CloudType } from '../api/client-inputs.js';
import type { RunpodGpuType } from '../api/graphql-schemas.js';

/**
 * The GPU types last listed per cloud. `launch` checks an offer's GPU type here, so an unknown
 * type is refused before any create request; a hard-coded list would go stale (REST v1's enum of
 * GPU types refused newer cards, B4), so the list is RunPod's own, as of the last `listOffers`.
 */
export class GpuCatalogue {
  private readonly byCloud = new Map<CloudType, Map<string, RunpodGpuType>>();

  remember(cloud: CloudType, types: readonly RunpodGpuType[]): void {
    this.byCloud.set(cloud, new Map(types.map((type) => [type.id, type])));
  }

  has(cloud: CloudType): boolean {
    return this.byCloud.has(cloud);
  }

  find(cloud: CloudType, gpuTypeId: string): RunpodGpuType | undefined {
    return this.byCloud.get(cloud)?.get(gpuTypeId);
  }
}
