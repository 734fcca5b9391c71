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
export class GpuRegistry {
  readonly fleet: LocalFleet;
  private readonly records = new Map<string, GpuRecord>();
  private readonly busy = new Map<string, number>();

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
    if (this.records.has(id)) throw new ValidationError('GPU registration', [{ path: 'id', message: `${id} is already registered` }]);
    const gpu: RegisteredGpu = { ...registration, id };
    const record: GpuRecord = {
      gpu,
      registeredAt: now,
      lastSeen: now,
      health: 'healthy',
      ...(options.providerId && { providerId: options.providerId }),
    };
    this.fleet.upsert({ gpu });
    this.records.set(id, record);
    return record;
  }

  get(gpuId: string): GpuRecord | undefined {
    return this.records.get(gpuId);
  }

  all(): IterableIterator<GpuRecord> {
    return this.records.values();
  }

  get size(): number {
    return this.records.size;
  }

  /** Records a metrics sample: last-seen, and `error` health when the device could not be read. */
  recordSample(gpuId: string, sample: GpuSample): GpuHealth | undefined {
    const record = this.records.get(gpuId);
    if (record === undefined) return undefined;
    record.sample = sample;
    record.lastSeen = sample.at;
    if (sample.status === 'error' && record.health !== 'error') this.setHealth(gpuId, 'error');
    return record.health;
  }

  /** Sets a GPU's health; returns the previous health, or undefined for an unknown GPU. */
  setHealth(gpuId: string, health: GpuHealth): GpuHealth | undefined {
    const record = this.records.get(gpuId);
    if (record === undefined) return undefined;
    const previous = record.health;
    record.health = health;
    this.syncFleet(record);
    return previous;
  }

  /** Marks a GPU allocated until `busyUntil` (estimated), or free with `undefined`. */
  setBusyUntil(gpuId: string, busyUntil: number | undefined): void {
    const record = this.records.get(gpuId);
    if (record === undefined) return;
    if (busyUntil === undefined) this.busy.delete(gpuId);
    else this.busy.set(gpuId, busyUntil);
    this.syncFleet(record);
  }

  /** Healthy or degraded GPUs meeting the filter (seed 000 `list_available_gpus`). */
  listAvailable(filter: AvailableGpuFilter = {}): RegisteredGpu[] {
    const result: RegisteredGpu[] = [];
    for (const record of this.records.values()) {
      const gpu = record.gpu;
      if (record.health !== 'healthy' && record.health !== 'degraded') continue;
      if (filter.minVramGb !== undefined && gpu.vramGb < filter.minVramGb) continue;
      if (filter.cudaVersion !== undefined && compareVersions(gpu.cudaVersion, filter.cudaVersion) < 0) continue;
      if (filter.accessLevel !== undefined && !gpu.accessRestrictions.roles.every((role) => filter.accessLevel?.includes(role))) continue;
      result.push(gpu);
    }
    return result;
  }

  private syncFleet(record: GpuRecord): void {
    const busyUntil = this.busy.get(record.gpu.id);
    const state: LocalGpuState = { gpu: record.gpu, health: record.health, ...(busyUntil !== undefined && { busyUntil }) };
    this.fleet.upsert(state);
  }

  private freshId(): string {
    for (;;) {
      const id = `gpu_${Math.floor(this.random.next() * 0x1_0000_0000)
        .toString(16)
        .padStart(8, '0')}`;
      if (!this.records.has(id)) return id;
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
