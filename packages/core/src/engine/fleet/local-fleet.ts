import { parseSchedulerConfig, type SchedulerConfig } from '../../config/scheduler-config.js';
import { type LocalCostProfile, resolveLocalCostProfile } from '../../cost/local-cost-profile.js';
import type { Writable } from '../writable.js';
import { type FleetMember, GpuClass, type GpuClassView, gpuClassKey, memberOrder } from './gpu-class.js';
import { HandlePool } from './heap-positions.js';
import { IdRanks } from './id-ranks.js';
import type { GpuHealth, LocalGpuState } from './local-gpu-state.js';

/**
 * The host's local GPUs, indexed for the decision engine: grouped into classes of identical GPUs,
 * each ordered by when its members are free. Updates cost O(log n); a decision reads O(classes).
 * The scheduler keeps one fleet and updates it as GPUs are allocated, released and change health.
 */
export class LocalFleet {
  private readonly members = new Map<string, FleetMember>();
  private readonly classesByKey = new Map<string, GpuClass>();
  private classList: GpuClass[] | undefined;
  private readonly costProfiles = new WeakMap<object, LocalCostProfile>();
  private readonly classKeys = new WeakMap<object, Map<GpuHealth, string>>();
  private allocated = 0;
  private usable = 0;
  private structure = 0;
  private readonly ranks = new IdRanks();
  private readonly order = memberOrder();
  private readonly handles = new HandlePool();

  constructor(private readonly cost: SchedulerConfig['cost'] = parseSchedulerConfig().cost) {}

  get size(): number {
    return this.members.size;
  }

  /**
   * Changes whenever a GPU is added or removed or moves to another class (health, registration),
   * and so whenever classes appear or vanish; not when GPUs are only allocated or released. What
   * depends only on the classes (filter results, class sizes) stays right while it is unchanged.
   */
  get structureVersion(): number {
    return this.structure;
  }

  get(gpuId: string): LocalGpuState | undefined {
    return this.members.get(gpuId)?.state;
  }

  /** The class a GPU belongs to (its cost profile, health, peers). */
  classOf(gpuId: string): GpuClassView | undefined {
    return this.members.get(gpuId)?.gpuClass;
  }

  /**
   * Adds a GPU or replaces its state.
   * @throws ValidationError when the GPU's power or purchase price cannot be resolved.
   */
  upsert(state: LocalGpuState): void {
    const health = state.health ?? 'healthy';
    const costProfile = this.costProfileOf(state);
    const key = this.classKeyOf(state, health, costProfile);
    const member = this.members.get(state.gpu.id);
    if (member !== undefined && member.gpuClass.key === key) {
      this.replaceState(member, state);
      return;
    }
    if (member !== undefined) this.detach(member);
    let gpuClass = this.classesByKey.get(key);
    if (gpuClass === undefined) {
      gpuClass = new GpuClass(key, state.gpu, health, costProfile, this.order);
      this.classesByKey.set(key, gpuClass);
      this.classList = undefined;
    }
    const version = this.ranks.version;
    const added: FleetMember = { state, gpuClass, handle: this.handles.acquire(), rank: this.ranks.rankOf(state.gpu.id) };
    if (this.ranks.version !== version) this.rerank();
    gpuClass.add(added);
    this.members.set(state.gpu.id, added);
    this.count(state, health, +1);
    this.structure++;
  }

  /**
   * Marks a known GPU allocated until `busyUntil`, or free with `undefined`, keeping the rest of
   * its state: the hot path of every placement and release (no class key, one new state object).
   * Same as `upsert` with the changed state. Returns false for an unknown GPU.
   */
  setBusyUntil(gpuId: string, busyUntil: number | undefined): boolean {
    const member = this.members.get(gpuId);
    if (member === undefined) return false;
    this.replaceState(member, withBusyUntil(member.state, busyUntil));
    return true;
  }

  remove(gpuId: string): boolean {
    const member = this.members.get(gpuId);
    if (member === undefined) return false;
    this.detach(member);
    this.ranks.delete(gpuId);
    return true;
  }

  /** Takes a member out of its class and the fleet; its id keeps its rank. */
  private detach(member: FleetMember): void {
    const gpuClass = member.gpuClass;
    gpuClass.remove(member);
    if (gpuClass.size === 0) {
      this.classesByKey.delete(gpuClass.key);
      this.classList = undefined;
    }
    this.members.delete(member.state.gpu.id);
    this.handles.release(member.handle);
    this.count(member.state, gpuClass.health, -1);
    this.structure++;
  }

  /** Every rank was renumbered: members read theirs again and classes restore their order. */
  private rerank(): void {
    for (const [gpuId, member] of this.members) member.rank = this.ranks.find(gpuId) as number;
    for (const gpuClass of this.classesByKey.values()) gpuClass.reorder();
  }

  /** The classes of identical GPUs, in a stable order (first registration first). */
  classes(): readonly GpuClassView[] {
    this.classList ??= [...this.classesByKey.values()];
    return this.classList;
  }

  /** Share of usable (healthy or degraded) GPUs that are allocated, 0..1; 0 for an empty fleet. */
  utilization(): number {
    return this.usable === 0 ? 0 : this.allocated / this.usable;
  }

  /** A new state for a GPU that stays in its class. */
  private replaceState(member: FleetMember, state: LocalGpuState): void {
    const health = member.gpuClass.health;
    this.count(member.state, health, -1);
    member.state = state;
    member.gpuClass.update(member);
    this.count(state, health, +1);
  }

  private count(state: LocalGpuState, health: GpuHealth, sign: 1 | -1): void {
    if (!isUsable(health)) return;
    this.usable += sign;
    if (state.busyUntil !== undefined) this.allocated += sign;
  }

  /** The class key, cached per registration and health: busy/free updates are hot. */
  private classKeyOf(state: LocalGpuState, health: GpuHealth, costProfile: LocalCostProfile): string {
    let byHealth = this.classKeys.get(state.gpu);
    if (byHealth === undefined) {
      byHealth = new Map();
      this.classKeys.set(state.gpu, byHealth);
    }
    let key = byHealth.get(health);
    if (key === undefined) {
      key = gpuClassKey(state.gpu, health, costProfile);
      byHealth.set(health, key);
    }
    return key;
  }

  private costProfileOf(state: LocalGpuState): LocalCostProfile {
    let profile = this.costProfiles.get(state.gpu);
    if (profile === undefined) {
      profile = resolveLocalCostProfile(state.gpu, this.cost);
      this.costProfiles.set(state.gpu, profile);
    }
    return profile;
  }
}

/** The state with `busyUntil` set, or removed for `undefined`; every other field kept. */
function withBusyUntil(state: LocalGpuState, busyUntil: number | undefined): LocalGpuState {
  const next: Writable<LocalGpuState> = { gpu: state.gpu };
  if (state.health !== undefined) next.health = state.health;
  if (busyUntil !== undefined) next.busyUntil = busyUntil;
  if (state.utilization !== undefined) next.utilization = state.utilization;
  return next;
}

/** Health states that accept new jobs. */
export function isUsable(health: GpuHealth): boolean {
  return health === 'healthy' || health === 'degraded';
}

/** Builds a fleet from a list of GPU states. */
export function createLocalFleet(states: Iterable<LocalGpuState>, cost?: SchedulerConfig['cost']): LocalFleet {
  const fleet = new LocalFleet(cost);
  for (const state of states) fleet.upsert(state);
  return fleet;
}
