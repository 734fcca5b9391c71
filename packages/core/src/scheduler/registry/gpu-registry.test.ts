import { describe, expect, it } from 'vitest';
import { parseSchedulerConfig } from '../../config/scheduler-config.js';
import { ValidationError } from '../../errors/validation-error.js';
import { createSeededRandom } from '../../random/random-source.js';
import { GpuRegistry, stableGpuId } from './gpu-registry.js';

const base = { model: 'RTX 4090', vramGb: 24, cudaVersion: '12.4', hostAddress: '10.0.0.1', location: 'berlin' };

describe('GpuRegistry', () => {
  it('registers with gpu_xxxxxxxx ids, fresh or stable, and refuses duplicates', () => {
    const registry = new GpuRegistry(parseSchedulerConfig(), createSeededRandom(1));
    const first = registry.register(base, 1_000);
    expect(first.gpu.id).toMatch(/^gpu_[0-9a-f]{8}$/);
    expect(first).toMatchObject({ registeredAt: 1_000, lastSeen: 1_000, health: 'healthy' });
    const stable = registry.register(base, 1_000, { stableKey: 'GPU-1234' });
    expect(stable.gpu.id).toBe(stableGpuId('GPU-1234'));
    expect(() => registry.register(base, 1_000, { stableKey: 'GPU-1234' })).toThrow(ValidationError);
    expect(() => registry.register({ ...base, vramGb: -1 }, 1_000)).toThrow(ValidationError);
    expect(registry.fleet.size).toBe(2);
  });

  it('tracks samples, health and last-seen, and keeps the fleet in step', () => {
    const registry = new GpuRegistry(parseSchedulerConfig(), createSeededRandom(1));
    const { gpu } = registry.register(base, 0);
    registry.recordSample(gpu.id, { gpuId: gpu.id, at: 5_000, memoryTotalMb: 24_576, memoryUsedMb: 100, processes: [], status: 'idle' });
    expect(registry.get(gpu.id)?.lastSeen).toBe(5_000);
    registry.recordSample(gpu.id, {
      gpuId: gpu.id,
      at: 6_000,
      memoryTotalMb: 24_576,
      memoryUsedMb: 0,
      processes: [],
      status: 'error',
      error: 'lost',
    });
    expect(registry.get(gpu.id)?.health).toBe('error');
    expect(registry.fleet.classes()[0]?.health).toBe('error');
    expect(registry.setHealth(gpu.id, 'healthy')).toBe('error');
    registry.setBusyUntil(gpu.id, 60_000);
    expect(registry.fleet.get(gpu.id)?.busyUntil).toBe(60_000);
    expect(registry.fleet.utilization()).toBe(1);
    registry.setBusyUntil(gpu.id, undefined);
    expect(registry.fleet.utilization()).toBe(0);
  });

  it('lists available GPUs by VRAM, CUDA version and access level (seed list_available_gpus)', () => {
    const registry = new GpuRegistry(parseSchedulerConfig(), createSeededRandom(1));
    registry.register({ ...base, id: 'gpu_00000001' }, 0);
    registry.register({ ...base, id: 'gpu_00000002', vramGb: 80, model: 'A100 80GB', purchasePriceUsd: 15_000, cudaVersion: '11.8' }, 0);
    registry.register({ ...base, id: 'gpu_00000003', accessRestrictions: { roles: ['radiology'] } }, 0);
    registry.register({ ...base, id: 'gpu_00000004' }, 0);
    registry.setHealth('gpu_00000004', 'maintenance');
    const ids = (filter: Parameters<GpuRegistry['listAvailable']>[0]) => registry.listAvailable(filter).map((gpu) => gpu.id);
    expect(ids({})).toEqual(['gpu_00000001', 'gpu_00000002', 'gpu_00000003']);
    expect(ids({ minVramGb: 40 })).toEqual(['gpu_00000002']);
    expect(ids({ cudaVersion: '12.0' })).toEqual(['gpu_00000001', 'gpu_00000003']);
    expect(ids({ accessLevel: [] })).toEqual(['gpu_00000001', 'gpu_00000002']);
    expect(ids({ accessLevel: ['radiology'] })).toEqual(['gpu_00000001', 'gpu_00000002', 'gpu_00000003']);
  });
});
