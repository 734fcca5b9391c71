import type { RegisteredGpu } from '../../config/gpu-registration.js';
import type { LocalCostProfile } from '../../cost/local-cost-profile.js';
import { HeapPositions } from './heap-positions.js';
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
  /** The member that is free soonest (free ones first, then by `busyUntil`, then by id). */
  soonest(): LocalGpuState | undefined;
  /** The soonest member's `busyUntil` without reading the member: undefined when it is free now (or the class is empty). O(1). */
  soonestBusyUntil(): number | undefined;
  /**
   * The smallest member id: how explanations name the class (a rejected class's example). It
   * changes only when members join or leave, not when they are allocated or released.
   */
  exampleId(): string | undefined;
  /** The soonest member's id rank (orders like its id, see `soonest`), for ties between classes; NaN for an empty class. */
  soonestRank(): number;
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

/** One GPU of the fleet as its class keeps it: its current state and its handle in the class heaps. */
export interface FleetMember {
  state: LocalGpuState;
  gpuClass: GpuClass;
  /** Where the fleet's class heaps keep this member's position (see `memberOrder`). */
  readonly handle: number;
  /** A number that orders like the GPU's id (the fleet's `IdRanks`): ties compare it instead of the id. */
  rank: number;
}

/**
 * Free members first, then the soonest `busyUntil`, then the smaller id (by its rank). One per
 * fleet: its class heaps share the positions (a member is in one class).
 */
export function memberOrder(): HeapOrder<FleetMember> {
  return {
    keyOf: (member) => member.state.busyUntil ?? Number.NEGATIVE_INFINITY,
    tieOf: (member) => member.rank,
    handleOf: (member) => member.handle,
    positions: new HeapPositions(),
  };
}

export class GpuClass implements GpuClassView {
  private readonly heap: IntrusiveHeap<FleetMember>;
  /** The first member's heap key, kept beside the class's other fields: decisions read it for every class. */
  private soonestKey: number | undefined;
  /** The first member's rank, beside its key: ties between classes read it without the member. */
  private soonestTie = Number.NaN;
  /** The member with the smallest id (rank); undefined when the class is empty or must be looked for again. */
  private smallest: FleetMember | undefined;

  /** @param order the fleet's member order (`memberOrder`), shared by all its classes */
  constructor(
    readonly key: string,
    readonly gpu: RegisteredGpu,
    readonly health: GpuHealth,
    readonly costProfile: LocalCostProfile,
    order: HeapOrder<FleetMember>,
  ) {
    this.heap = new IntrusiveHeap(order);
  }

  get size(): number {
    return this.heap.size;
  }

  add(member: FleetMember): void {
    this.heap.push(member);
    this.noteSoonest();
    if (this.smallest !== undefined && member.rank < this.smallest.rank) this.smallest = member;
  }

  /** Re-sorts a member after its state changed (same class). */
  update(member: FleetMember): void {
    this.heap.update(member);
    this.noteSoonest();
  }

  remove(member: FleetMember): boolean {
    const removed = this.heap.remove(member);
    this.noteSoonest();
    if (member === this.smallest) this.smallest = undefined;
    return removed;
  }

  private noteSoonest(): void {
    this.soonestKey = this.heap.peekKey();
    this.soonestTie = this.heap.peekTie() ?? Number.NaN;
  }

  soonest(): LocalGpuState | undefined {
    return this.heap.peek()?.state;
  }

  soonestBusyUntil(): number | undefined {
    const key = this.soonestKey;
    return key === undefined || key === Number.NEGATIVE_INFINITY ? undefined : key;
  }

  /** Restores the order after the members' ranks were renumbered. */
  reorder(): void {
    this.heap.reorder();
    this.noteSoonest();
  }

  soonestRank(): number {
    return this.soonestTie;
  }

  exampleId(): string | undefined {
    if (this.smallest === undefined) {
      for (const member of this.heap.values()) if (this.smallest === undefined || member.rank < this.smallest.rank) this.smallest = member;
    }
    return this.smallest?.state.gpu.id;
  }

  members(): readonly LocalGpuState[] {
    return this.heap.values().map((member) => member.state);
  }
}
