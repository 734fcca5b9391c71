import {
  type GpuRegistration,
  type GpuRegistrationInput,
  gpuRegistrationSchema,
  type RegisteredGpu,
} from '../../config/gpu-registration.js';
import { parseInput } from '../../config/parse-input.js';
import { compareVersions } from '../../config/primitives.js';
import type { SchedulerConfig } from '../../config/scheduler-config.js';
import { LocalFleet } from '../../engine/fleet/local-fleet.js';
import type { GpuHealth, LocalGpuState } from '../../engine/fleet/local-gpu-state.js';
import { ValidationError } from '../../errors/validation-error.js';
import type { RandomSource } from '../../random/random-source.js';
import type { GpuSample } from '../../spec/gpu-device.js';

/** A registered GPU as the registry keeps it (seed 000 `gpu_record`). */
export interface GpuRecord {
  readonly gpu: RegisteredGpu;
  readonly registeredAt: number;
  lastSeen: number;
  health: GpuHealth;
  /** Last measured sample (status busy/active/idle, temperature, memory, processes). */
  sample?: GpuSample;
  /** The provider the GPU came from, if any. */
  readonly providerId?: string;
}

/** Filters of `listAvailable` (seed 000 `list_available_gpus`). */
export interface AvailableGpuFilter {
  readonly minVramGb?: number;
  readonly cudaVersion?: string;
  /** Roles the requester holds: a GPU qualifies when each role it requires is among them. */
  readonly accessLevel?: readonly string[];
}

/**
 * Registered local GPUs (P1, P3): validated registration with `gpu_xxxxxxxx` ids, status and
 * health updates, last-seen, filtered listing. Keeps the decision engine's `LocalFleet` in step.
 */
/** A registered GPU and when its allocation is expected to end (absent while free). */
interface Slot {
  readonly record: GpuRecord;
  busyUntil: number | undefined;
}

export class GpuRegistry {
  readonly fleet: LocalFleet;
  /** One entry per GPU, so marking it busy or free costs one lookup here (and one in the fleet). */
  private readonly slots = new Map<string, Slot>();

  constructor(
    config: SchedulerConfig,
    private readonly random: RandomSource,
  ) {
    this.fleet = new LocalFleet(config.cost);
  }

  /**
   * Registers a GPU. Without an id, one is drawn (`gpu_` + 8 hex digits, seed 000) or derived from
   * `stableKey` (a device UUID) so a restarted host keeps its ids.
   * @throws ValidationError for an invalid registration, an unknown cost, or a taken id.
   */
  register(input: GpuRegistrationInput, now: number, options: { stableKey?: string; providerId?: string } = {}): GpuRecord {
    const registration: GpuRegistration = parseInput(gpuRegistrationSchema, input, 'GPU registration');
    const id = registration.id ?? (options.stableKey === undefined ? this.freshId() : stableGpuId(options.stableKey));
    if (this.slots.has(id)) throw new ValidationError('GPU registration', [{ path: 'id', message: `${id} is already registered` }]);
    const gpu: RegisteredGpu = { ...registration, id };
    const record: GpuRecord = {
      gpu,
      registeredAt: now,
      lastSeen: now,
      health: 'healthy',
      ...(options.providerId && { providerId: options.providerId }),
    };
    this.fleet.upsert({ gpu });
    this.slots.set(id, { record, busyUntil: undefined });
    return record;
  }

  get(gpuId: string): GpuRecord | undefined {
    return this.slots.get(gpuId)?.record;
  }

  *all(): IterableIterator<GpuRecord> {
    for (const slot of this.slots.values()) yield slot.record;
  }

  get size(): number {
    return this.slots.size;
  }

  /** Records a metrics sample: last-seen, and `error` health when the device could not be read. */
  recordSample(gpuId: string, sample: GpuSample): GpuHealth | undefined {
    const record = this.get(gpuId);
    if (record === undefined) return undefined;
    record.sample = sample;
    record.lastSeen = sample.at;
    if (sample.status === 'error' && record.health !== 'error') this.setHealth(gpuId, 'error');
    return record.health;
  }

  /** Sets a GPU's health; returns the previous health, or undefined for an unknown GPU. */
  setHealth(gpuId: string, health: GpuHealth): GpuHealth | undefined {
    const slot = this.slots.get(gpuId);
    if (slot === undefined) return undefined;
    const previous = slot.record.health;
    slot.record.health = health;
    this.syncFleet(slot);
    return previous;
  }

  /** Marks a GPU allocated until `busyUntil` (estimated), or free with `undefined` (the fleet's fast path: no class lookup). */
  setBusyUntil(gpuId: string, busyUntil: number | undefined): void {
    const slot = this.slots.get(gpuId);
    if (slot === undefined) return;
    slot.busyUntil = busyUntil;
    this.fleet.setBusyUntil(gpuId, busyUntil);
  }

  /** Healthy or degraded GPUs meeting the filter (seed 000 `list_available_gpus`). */
  listAvailable(filter: AvailableGpuFilter = {}): RegisteredGpu[] {
    const result: RegisteredGpu[] = [];
    for (const { record } of this.slots.values()) {
      const gpu = record.gpu;
      if (record.health !== 'healthy' && record.health !== 'degraded') continue;
      if (filter.minVramGb !== undefined && gpu.vramGb < filter.minVramGb) continue;
      if (filter.cudaVersion !== undefined && compareVersions(gpu.cudaVersion, filter.cudaVersion) < 0) continue;
      if (filter.accessLevel !== undefined && !gpu.accessRestrictions.roles.every((role) => filter.accessLevel?.includes(role))) continue;
      result.push(gpu);
    }
    return result;
  }

  private syncFleet({ record, busyUntil }: Slot): void {
    const state: LocalGpuState = { gpu: record.gpu, health: record.health, ...(busyUntil !== undefined && { busyUntil }) };
    this.fleet.upsert(state);
  }

  private freshId(): string {
    for (;;) {
      const id = `gpu_${Math.floor(this.random.next() * 0x1_0000_0000)
        .toString(16)
        .padStart(8, '0')}`;
      if (!this.slots.has(id)) return id;
    }
  }
}

/** `gpu_` + the FNV-1a hash of a stable key (a device UUID), as 8 hex digits. */
export function stableGpuId(key: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < key.length; index++) {
    hash ^= key.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `gpu_${hash.toString(16).padStart(8, '0')}`;
}
