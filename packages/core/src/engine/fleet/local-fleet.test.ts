import { describe, expect, it } from 'vitest';
import { parseGpuRegistration } from '../../config/parse-entities.js';
import { ValidationError } from '../../errors/validation-error.js';
import { createLocalFleet, LocalFleet } from './local-fleet.js';
import type { LocalGpuState } from './local-gpu-state.js';

const registration = { model: 'RTX 4090', vramGb: 24, cudaVersion: '12.4', hostAddress: 'h1', location: 'berlin' };
const state = (id: string, fields: Partial<LocalGpuState> = {}, extra: object = {}): LocalGpuState => ({
  gpu: { ...parseGpuRegistration({ ...registration, ...extra }), id },
  ...fields,
});

describe('LocalFleet', () => {
  it('groups identical GPUs into one class regardless of id and host', () => {
    const fleet = createLocalFleet([
      state('gpu_00000001'),
      state('gpu_00000002', {}, { hostAddress: 'h2' }),
      state('gpu_00000003', {}, { vramGb: 48 }),
    ]);
    expect(fleet.size).toBe(3);
    expect(
      fleet
        .classes()
        .map((gpuClass) => gpuClass.size)
        .sort(),
    ).toEqual([1, 2]);
  });

  it('separates classes by health, location, restrictions and cost', () => {
    const fleet = createLocalFleet([
      state('gpu_00000001'),
      state('gpu_00000002', { health: 'maintenance' }),
      state('gpu_00000003', {}, { location: 'munich' }),
      state('gpu_00000004', {}, { accessRestrictions: { tenants: ['acme'] } }),
      state('gpu_00000005', {}, { purchasePriceUsd: 999 }),
    ]);
    expect(fleet.classes()).toHaveLength(5);
  });

  it('among free GPUs of a class names the smallest id, whatever order they were added in, also after ranks are renumbered', () => {
    // Each id sorts just before the previous one and after 'gpu_a': ranks run out of room and are renumbered.
    const ids = Array.from({ length: 70 }, (_, step) => `gpu_a${'0'.repeat(70 - step)}`);
    const fleet = createLocalFleet([state('gpu_0'), state('gpu_a'), state('gpu_b'), ...ids.map((id) => state(id))]);
    const gpuClass = fleet.classes()[0];
    expect(fleet.classes()).toHaveLength(1);
    const order: (string | undefined)[] = [];
    for (let index = 0; index < 73; index++) {
      const gpuId = gpuClass?.soonest()?.gpu.id as string;
      order.push(gpuId);
      fleet.setBusyUntil(gpuId, 1_000);
    }
    expect(order).toEqual(['gpu_0', 'gpu_a', ...[...ids].reverse(), 'gpu_b']);
  });

  it('names a class by its smallest member id, which allocations leave alone and members leaving change', () => {
    const fleet = createLocalFleet([state('gpu_c'), state('gpu_a'), state('gpu_b')]);
    const gpuClass = fleet.classes()[0];
    expect(gpuClass?.exampleId()).toBe('gpu_a');
    fleet.setBusyUntil('gpu_a', 5_000);
    expect(gpuClass?.soonest()?.gpu.id).toBe('gpu_b');
    expect(gpuClass?.exampleId()).toBe('gpu_a');
    fleet.remove('gpu_a');
    expect(gpuClass?.exampleId()).toBe('gpu_b');
    fleet.upsert(state('gpu_0'));
    expect(gpuClass?.exampleId()).toBe('gpu_0');
  });

  it('keeps the soonest-free GPU of a class first and follows updates', () => {
    const fleet = createLocalFleet([state('gpu_00000001', { busyUntil: 5_000 }), state('gpu_00000002', { busyUntil: 2_000 })]);
    const soonest = () => fleet.classes()[0]?.soonest()?.gpu.id;
    expect(soonest()).toBe('gpu_00000002');
    fleet.upsert(state('gpu_00000003'));
    expect(soonest()).toBe('gpu_00000003');
    fleet.upsert(state('gpu_00000003', { busyUntil: 9_000 }));
    expect(soonest()).toBe('gpu_00000002');
    fleet.remove('gpu_00000002');
    expect(soonest()).toBe('gpu_00000001');
  });

  it('moves a GPU between classes when its health changes and drops empty classes', () => {
    const fleet = createLocalFleet([state('gpu_00000001'), state('gpu_00000002')]);
    fleet.upsert(state('gpu_00000001', { health: 'offline' }));
    expect(fleet.classes().map((gpuClass) => [gpuClass.health, gpuClass.size])).toEqual([
      ['healthy', 1],
      ['offline', 1],
    ]);
    fleet.upsert(state('gpu_00000001'));
    expect(fleet.classes()).toHaveLength(1);
    expect(fleet.classes()[0]?.size).toBe(2);
  });

  it('counts utilisation over usable GPUs only', () => {
    const fleet = new LocalFleet();
    expect(fleet.utilization()).toBe(0);
    fleet.upsert(state('gpu_00000001', { busyUntil: 10 }));
    fleet.upsert(state('gpu_00000002'));
    fleet.upsert(state('gpu_00000003', { health: 'offline', busyUntil: 10 }));
    fleet.upsert(state('gpu_00000004', { health: 'degraded' }));
    expect(fleet.utilization()).toBeCloseTo(1 / 3, 10);
    fleet.upsert(state('gpu_00000001'));
    expect(fleet.utilization()).toBe(0);
    expect(fleet.remove('gpu_00000009')).toBe(false);
  });

  it('marks GPUs busy and free in place, keeping their class and other fields, and counts only membership changes as structure', () => {
    const fleet = createLocalFleet([
      state('gpu_00000001', { utilization: 0.5 }),
      state('gpu_00000002'),
      state('gpu_00000003', {}, { vramGb: 48 }),
    ]);
    const version = fleet.structureVersion;
    const gpuClass = fleet.classOf('gpu_00000001');
    expect(fleet.setBusyUntil('gpu_00000001', 5_000)).toBe(true);
    expect(fleet.get('gpu_00000001')).toEqual({ gpu: fleet.get('gpu_00000001')?.gpu, utilization: 0.5, busyUntil: 5_000 });
    expect(fleet.classOf('gpu_00000001')).toBe(gpuClass);
    expect(gpuClass?.soonest()?.gpu.id).toBe('gpu_00000002');
    expect(fleet.utilization()).toBeCloseTo(1 / 3, 10);
    fleet.upsert(state('gpu_00000002', { busyUntil: 3_000 }));
    expect(gpuClass?.soonest()?.gpu.id).toBe('gpu_00000002');
    expect(fleet.setBusyUntil('gpu_00000001', undefined)).toBe(true);
    expect(fleet.get('gpu_00000001')).toEqual({ gpu: fleet.get('gpu_00000001')?.gpu, utilization: 0.5 });
    expect(gpuClass?.soonest()?.gpu.id).toBe('gpu_00000001');
    expect(fleet.setBusyUntil('gpu_00000009', 1)).toBe(false);
    expect(fleet.structureVersion).toBe(version);
    fleet.upsert(state('gpu_00000002', { health: 'maintenance' }));
    expect(fleet.structureVersion).toBeGreaterThan(version);
    const afterHealth = fleet.structureVersion;
    fleet.upsert(state('gpu_00000004'));
    expect(fleet.structureVersion).toBeGreaterThan(afterHealth);
  });

  it('refuses a GPU whose cost cannot be resolved, naming the fields to set', () => {
    const fleet = new LocalFleet();
    expect(() => fleet.upsert(state('gpu_00000001', {}, { model: 'Mystery GPU 9000' }))).toThrow(ValidationError);
    expect(fleet.size).toBe(0);
  });
});
