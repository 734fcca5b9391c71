import type { RegisteredGpu } from '../../config/gpu-registration.js';
import type { LocalCostProfile } from '../../cost/local-cost-profile.js';
import { type HeapOrder, IntrusiveHeap } from './intrusive-heap.js';
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
  /** The member that is free soonest (free ones first, then by `busyUntil`, then the one registered first). */
  soonest(): LocalGpuState | undefined;
  /** The soonest member's `busyUntil` without reading the member: undefined when it is free now (or the class is empty). O(1). */
  soonestBusyUntil(): number | undefined;
  /** When the soonest member joined the fleet (smaller: earlier; see `soonest`), for ties between classes; NaN for an empty class. */
  soonestOrdinal(): number;
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

/** One GPU of the fleet as its class keeps it: its current state and its place in the class's heap. */
export interface FleetMember {
  state: LocalGpuState;
  gpuClass: GpuClass;
  position: number;
  /** When the GPU joined the fleet (0, 1, 2, …; kept across class changes): ties go to the GPU registered first, as seed 000 scans its GPUs. */
  readonly ordinal: number;
}

/** Free members first, then the soonest `busyUntil`, then the GPU registered first. */
const bySoonestFree: HeapOrder<FleetMember> = {
  keyOf: (member) => member.state.busyUntil ?? Number.NEGATIVE_INFINITY,
  tieOf: (member) => member.ordinal,
  positionOf: (member) => member.position,
  setPosition: (member, position) => {
    member.position = position;
  },
};

export class GpuClass implements GpuClassView {
  private readonly heap = new IntrusiveHeap(bySoonestFree);
  /** The first member's heap key, kept beside the class's other fields: decisions read it for every class. */
  private soonestKey: number | undefined;

  constructor(
    readonly key: string,
    readonly gpu: RegisteredGpu,
    readonly health: GpuHealth,
    readonly costProfile: LocalCostProfile,
  ) {}

  get size(): number {
    return this.heap.size;
  }

  add(member: FleetMember): void {
    this.heap.push(member);
    this.soonestKey = this.heap.peekKey();
  }

  /** Re-sorts a member after its state changed (same class). */
  update(member: FleetMember): void {
    this.heap.update(member);
    this.soonestKey = this.heap.peekKey();
  }

  remove(member: FleetMember): boolean {
    const removed = this.heap.remove(member);
    this.soonestKey = this.heap.peekKey();
    return removed;
  }

  soonest(): LocalGpuState | undefined {
    return this.heap.peek()?.state;
  }

  soonestBusyUntil(): number | undefined {
    const key = this.soonestKey;
    return key === undefined || key === Number.NEGATIVE_INFINITY ? undefined : key;
  }

  soonestOrdinal(): number {
    return this.heap.peek()?.ordinal ?? Number.NaN;
  }

  members(): readonly LocalGpuState[] {
    return this.heap.values().map((member) => member.state);
  }
}
