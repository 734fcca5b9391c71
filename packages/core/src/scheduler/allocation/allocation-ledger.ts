import type { Priority } from '../../config/job-spec.js';
import { AllocationError } from '../../errors/allocation-error.js';

/** One GPU allocation (seed 000 `allocate_gpu`): a job holds GPUs until it is released. */
export interface Allocation {
  readonly id: string;
  readonly jobId: string;
  readonly gpuIds: readonly string[];
  readonly allocatedAt: number;
  readonly estimatedDurationSeconds: number;
  readonly priority: Priority;
  /** VRAM the job asked for per GPU, GB. */
  readonly allocatedMemoryGb: number;
}

/** Whether a GPU is listed twice: a pairwise check for the usual one or few GPUs, a set beyond. */
function hasDuplicate(gpuIds: readonly string[]): boolean {
  if (gpuIds.length > 8) return new Set(gpuIds).size !== gpuIds.length;
  for (let index = 1; index < gpuIds.length; index++) {
    for (let other = 0; other < index; other++) if (gpuIds[index] === gpuIds[other]) return true;
  }
  return false;
}

/** Where a GPU's holder is kept: one per GPU ever allocated, so allocating and releasing write a field, not a map. */
interface GpuHold {
  holder: Allocation | undefined;
}

const ID_PREFIX = 'alloc_';

/** The sequence number in an allocation id (`alloc_<n>`), or undefined for anything else. */
function sequenceOf(allocationId: string): number | undefined {
  if (!allocationId.startsWith(ID_PREFIX)) return undefined;
  const sequence = Number(allocationId.slice(ID_PREFIX.length));
  return Number.isSafeInteger(sequence) ? sequence : undefined;
}

/** Why an allocation ended. */
export type ReleaseReason = 'completed' | 'failed' | 'cancelled' | 'timeout' | 'preempted' | 'closed' | 'failover';

/** A released allocation, kept for reports. */
export interface ReleasedAllocation extends Allocation {
  readonly releasedAt: number;
  readonly reason: ReleaseReason;
  readonly actualDurationSeconds: number;
}

/**
 * The release record: every field written out, because V8 takes a slow path of several µs for
 * `{ ...allocation, releasedAt, … }` (a spread followed by new properties), and every completion
 * makes one.
 */
function releasedFrom(allocation: Allocation, reason: ReleaseReason, now: number): ReleasedAllocation {
  return {
    id: allocation.id,
    jobId: allocation.jobId,
    gpuIds: allocation.gpuIds,
    allocatedAt: allocation.allocatedAt,
    estimatedDurationSeconds: allocation.estimatedDurationSeconds,
    priority: allocation.priority,
    allocatedMemoryGb: allocation.allocatedMemoryGb,
    releasedAt: now,
    reason,
    actualDurationSeconds: Math.max(0, (now - allocation.allocatedAt) / 1000),
  };
}

/**
 * The allocation ledger (Q3). Invariants, enforced rather than hoped for: a GPU belongs to at most
 * one live allocation; every allocation is released exactly once (a second release is refused and
 * reported as `false`).
 */
export class AllocationLedger {
  /** Live allocations by the sequence number in their id (a small integer: no string hashing). */
  private readonly live = new Map<number, Allocation>();
  private readonly byGpu = new Map<string, GpuHold>();
  private sequence = 0;
  private releasedCount = 0;

  /** @throws AllocationError when a GPU is already allocated or listed twice; nothing is allocated then. */
  allocate(request: Omit<Allocation, 'id'>): Allocation {
    const { jobId, gpuIds } = request;
    if (gpuIds.length === 0) throw new AllocationError(`Job ${jobId}: an allocation needs at least one GPU.`);
    if (hasDuplicate(gpuIds)) throw new AllocationError(`Job ${jobId}: a GPU is listed twice.`);
    for (const gpuId of gpuIds) {
      const holder = this.byGpu.get(gpuId)?.holder;
      if (holder !== undefined) {
        throw new AllocationError(`GPU ${gpuId} is already allocated (${holder.id}); job ${jobId} cannot have it too.`);
      }
    }
    const sequence = ++this.sequence;
    const allocation: Allocation = {
      id: ID_PREFIX + sequence,
      jobId,
      gpuIds,
      allocatedAt: request.allocatedAt,
      estimatedDurationSeconds: request.estimatedDurationSeconds,
      priority: request.priority,
      allocatedMemoryGb: request.allocatedMemoryGb,
    };
    this.live.set(sequence, allocation);
    for (const gpuId of gpuIds) {
      const hold = this.byGpu.get(gpuId);
      if (hold === undefined) this.byGpu.set(gpuId, { holder: allocation });
      else hold.holder = allocation;
    }
    return allocation;
  }

  /** Releases a live allocation; `undefined` when it was released already or never existed. */
  release(allocationId: string, reason: ReleaseReason, now: number): ReleasedAllocation | undefined {
    const sequence = sequenceOf(allocationId);
    const allocation = sequence === undefined ? undefined : this.live.get(sequence);
    if (sequence === undefined || allocation === undefined || allocation.id !== allocationId) return undefined;
    this.live.delete(sequence);
    for (const gpuId of allocation.gpuIds) {
      const hold = this.byGpu.get(gpuId);
      if (hold !== undefined) hold.holder = undefined;
    }
    this.releasedCount++;
    return releasedFrom(allocation, reason, now);
  }

  /** The live allocation holding a GPU, if any. */
  holderOf(gpuId: string): Allocation | undefined {
    return this.byGpu.get(gpuId)?.holder;
  }

  get(allocationId: string): Allocation | undefined {
    const sequence = sequenceOf(allocationId);
    const allocation = sequence === undefined ? undefined : this.live.get(sequence);
    return allocation?.id === allocationId ? allocation : undefined;
  }

  active(): IterableIterator<Allocation> {
    return this.live.values();
  }

  get activeCount(): number {
    return this.live.size;
  }

  get releasedTotal(): number {
    return this.releasedCount;
  }
}
