import type { RegisteredGpu } from '../../config/gpu-registration.js';
import type { LocalCostProfile } from '../../cost/local-cost-profile.js';
import { IndexedMinHeap } from './indexed-min-heap.js';
import type { GpuHealth, LocalGpuState } from './local-gpu-state.js';

/**
 * A set of local GPUs that no filter can tell apart: same model, VRAM, CUDA, compute capability,
 * location, schedule, access restrictions, tags, supported models, cost and health (Nomad's
 * "computed class"). Filters run once per class, so a decision costs O(classes), not O(GPUs).
 */
export interface GpuClassView {
  readonly key: string;
  /** One member's registration; every member shares the fields that define the class. */
  readonly gpu: RegisteredGpu;
  readonly health: GpuHealth;
  readonly costProfile: LocalCostProfile;
  readonly size: number;
  /** The member that is free soonest (free ones first, then by `busyUntil`, then by id). */
  soonest(): LocalGpuState | undefined;
  /** Every member, unordered. Linear: for explanations on request, never on the hot path. */
  members(): readonly LocalGpuState[];
}

/** The fields of a registration that define its class. `id`, `hostAddress` and benchmarks do not. */
export function gpuClassKey(gpu: RegisteredGpu, health: GpuHealth, cost: LocalCostProfile): string {
  return JSON.stringify([
    gpu.model,
    gpu.vramGb,
    gpu.cudaVersion,
    gpu.computeCapability ?? null,
    gpu.location,
    gpu.availabilitySchedule,
    [...gpu.accessRestrictions.tenants].sort(),
    [...gpu.accessRestrictions.roles].sort(),
    [...gpu.tags].sort(),
    gpu.supportedModels ? [...gpu.supportedModels].sort() : null,
    cost.usdPerHour,
    health,
  ]);
}

export class GpuClass implements GpuClassView {
  private readonly heap = new IndexedMinHeap<LocalGpuState>();

  constructor(
    readonly key: string,
    readonly gpu: RegisteredGpu,
    readonly health: GpuHealth,
    readonly costProfile: LocalCostProfile,
  ) {}

  get size(): number {
    return this.heap.size;
  }

  put(state: LocalGpuState): void {
    this.heap.set(state.gpu.id, state.busyUntil ?? Number.NEGATIVE_INFINITY, state);
  }

  remove(gpuId: string): boolean {
    return this.heap.remove(gpuId);
  }

  soonest(): LocalGpuState | undefined {
    return this.heap.peek();
  }

  members(): readonly LocalGpuState[] {
    return this.heap.values();
  }
}
