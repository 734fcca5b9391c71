import type { Priority } from '../config/job-spec.js';
import { type GpuHealth, waitSecondsOf } from '../engine/fleet/local-gpu-state.js';
import type { GpuActivity } from '../spec/gpu-device.js';
import type { CostTotals } from './cost-tracker.js';
import type { JobState } from './job-record.js';
import type { SchedulerCore } from './scheduler-core.js';

/** One row of the dashboard's GPU table (seed 000 §7.3). */
export interface GpuSnapshot {
  readonly id: string;
  readonly model: string;
  readonly location: string;
  readonly hostAddress: string;
  readonly health: GpuHealth;
  /** Last measured activity (busy/active/idle/error), when sampled. */
  readonly activity?: GpuActivity;
  readonly utilizationGpu?: number;
  readonly temperatureC?: number;
  readonly memoryUsedMb?: number;
  readonly currentJobId?: string;
  readonly lastSeen: number;
}

/** A rented instance in use. */
export interface CloudInstanceSnapshot {
  readonly instanceId: string;
  readonly providerId: string;
  readonly offerId: string;
  readonly jobId: string;
  readonly pricePerHourUsd: number;
}

/** Estimated local wait per class of identical GPUs (Q4). */
export interface GpuClassWait {
  readonly model: string;
  readonly vramGb: number;
  readonly location: string;
  readonly gpus: number;
  readonly health: GpuHealth;
  readonly estimatedWaitSeconds: number;
}

/** Everything a dashboard needs, at one instant. */
export interface SchedulerSnapshot {
  readonly at: number;
  readonly gpus: readonly GpuSnapshot[];
  readonly cloudInstances: readonly CloudInstanceSnapshot[];
  readonly queue: {
    readonly length: number;
    readonly byPriority: Readonly<Record<Priority, number>>;
    /** Shortest wait for any usable local GPU; 0 when one is free. */
    readonly estimatedWaitSeconds: number;
    readonly byGpuClass: readonly GpuClassWait[];
  };
  readonly jobs: Readonly<Record<JobState, number>>;
  readonly utilization: { readonly local: number; readonly cloudInstances: number };
  readonly costs: CostTotals;
}

export function buildSnapshot(core: SchedulerCore): SchedulerSnapshot {
  const now = core.clock.now();
  const gpus: GpuSnapshot[] = [];
  for (const record of core.registry.all()) {
    const sample = record.sample;
    const holder = core.ledger.holderOf(record.gpu.id);
    gpus.push({
      id: record.gpu.id,
      model: record.gpu.model,
      location: record.gpu.location,
      hostAddress: record.gpu.hostAddress,
      health: record.health,
      ...(sample && { activity: sample.status }),
      ...(sample?.utilizationGpu !== undefined && { utilizationGpu: sample.utilizationGpu }),
      ...(sample?.temperatureC !== undefined && { temperatureC: sample.temperatureC }),
      ...(sample && { memoryUsedMb: sample.memoryUsedMb }),
      ...(holder && { currentJobId: holder.jobId }),
      lastSeen: record.lastSeen,
    });
  }
  const cloudInstances: CloudInstanceSnapshot[] = [];
  for (const record of core.jobs.values()) {
    if (record.instance === undefined) continue;
    const { id, providerId, offerId, pricePerHourUsd } = record.instance;
    cloudInstances.push({ instanceId: id, providerId, offerId, jobId: record.id, pricePerHourUsd });
  }
  for (const { instance } of core.pendingTerminations.values()) {
    cloudInstances.push({
      instanceId: instance.id,
      providerId: instance.providerId,
      offerId: instance.offerId,
      jobId: 'terminating',
      pricePerHourUsd: instance.pricePerHourUsd,
    });
  }
  const byGpuClass = core.registry.fleet.classes().map((gpuClass) => {
    const soonest = gpuClass.soonest();
    const wait = soonest === undefined ? 0 : waitSecondsOf(soonest, now);
    return {
      model: gpuClass.gpu.model,
      vramGb: gpuClass.gpu.vramGb,
      location: gpuClass.gpu.location,
      gpus: gpuClass.size,
      health: gpuClass.health,
      estimatedWaitSeconds: wait,
    };
  });
  const usable = byGpuClass.filter((entry) => entry.health === 'healthy' || entry.health === 'degraded');
  return {
    at: now,
    gpus,
    cloudInstances,
    queue: {
      length: core.queue.size,
      byPriority: core.queue.countByPriority(),
      estimatedWaitSeconds: usable.length === 0 ? Number.POSITIVE_INFINITY : Math.min(...usable.map((entry) => entry.estimatedWaitSeconds)),
      byGpuClass,
    },
    jobs: { ...core.counts },
    utilization: { local: core.registry.fleet.utilization(), cloudInstances: cloudInstances.length },
    costs: core.costs.totals(),
  };
}
