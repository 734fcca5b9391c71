import { parseSchedulerConfig, type SchedulerConfig } from '../../config/scheduler-config.js';
import { type LocalCostProfile, resolveLocalCostProfile } from '../../cost/local-cost-profile.js';
import { GpuClass, type GpuClassView, gpuClassKey } from './gpu-class.js';
import type { GpuHealth, LocalGpuState } from './local-gpu-state.js';

interface Entry {
  readonly state: LocalGpuState;
  readonly gpuClass: GpuClass;
}

/**
 * The host's local GPUs, indexed for the decision engine: grouped into classes of identical GPUs,
 * each ordered by when its members are free. Updates cost O(log n); a decision reads O(classes).
 * The scheduler keeps one fleet and updates it as GPUs are allocated, released and change health.
 */
export class LocalFleet {
  private readonly entries = new Map<string, Entry>();
  private readonly classesByKey = new Map<string, GpuClass>();
  private classList: GpuClass[] | undefined;
  private readonly costProfiles = new WeakMap<object, LocalCostProfile>();
  private readonly classKeys = new WeakMap<object, Map<GpuHealth, string>>();
  private allocated = 0;
  private usable = 0;

  constructor(private readonly cost: SchedulerConfig['cost'] = parseSchedulerConfig().cost) {}

  get size(): number {
    return this.entries.size;
  }

  get(gpuId: string): LocalGpuState | undefined {
    return this.entries.get(gpuId)?.state;
  }

  /** The class a GPU belongs to (its cost profile, health, peers). */
  classOf(gpuId: string): GpuClassView | undefined {
    return this.entries.get(gpuId)?.gpuClass;
  }

  /**
   * Adds a GPU or replaces its state.
   * @throws ValidationError when the GPU's power or purchase price cannot be resolved.
   */
  upsert(state: LocalGpuState): void {
    const health = state.health ?? 'healthy';
    const costProfile = this.costProfileOf(state);
    const key = this.classKeyOf(state, health, costProfile);
    this.remove(state.gpu.id);
    let gpuClass = this.classesByKey.get(key);
    if (gpuClass === undefined) {
      gpuClass = new GpuClass(key, state.gpu, health, costProfile);
      this.classesByKey.set(key, gpuClass);
      this.classList = undefined;
    }
    gpuClass.put(state);
    this.entries.set(state.gpu.id, { state, gpuClass });
    this.count(state, health, +1);
  }

  remove(gpuId: string): boolean {
    const entry = this.entries.get(gpuId);
    if (entry === undefined) return false;
    entry.gpuClass.remove(gpuId);
    if (entry.gpuClass.size === 0) {
      this.classesByKey.delete(entry.gpuClass.key);
      this.classList = undefined;
    }
    this.entries.delete(gpuId);
    this.count(entry.state, entry.gpuClass.health, -1);
    return true;
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
