import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AllocationError } from '../../errors/allocation-error.js';
import { AllocationLedger } from './allocation-ledger.js';

const request = (jobId: string, gpuIds: string[]) => ({
  jobId,
  gpuIds,
  allocatedAt: 0,
  estimatedDurationSeconds: 60,
  priority: 'normal' as const,
  allocatedMemoryGb: 24,
});

describe('AllocationLedger', () => {
  it('refuses a GPU that is already allocated and allocates nothing then', () => {
    const ledger = new AllocationLedger();
    ledger.allocate(request('a', ['gpu_1']));
    expect(() => ledger.allocate(request('b', ['gpu_2', 'gpu_1']))).toThrow(AllocationError);
    expect(ledger.holderOf('gpu_2')).toBeUndefined();
    expect(() => ledger.allocate(request('c', []))).toThrow(AllocationError);
    expect(() => ledger.allocate(request('c', ['gpu_3', 'gpu_3']))).toThrow(AllocationError);
  });

  it('releases exactly once and records how long it was held', () => {
    const ledger = new AllocationLedger();
    const allocation = ledger.allocate(request('a', ['gpu_1', 'gpu_2']));
    expect(ledger.release(allocation.id, 'completed', 90_000)).toEqual({
      ...allocation,
      releasedAt: 90_000,
      reason: 'completed',
      actualDurationSeconds: 90,
    });
    expect(ledger.release(allocation.id, 'failed', 95_000)).toBeUndefined();
    expect(ledger.releasedTotal).toBe(1);
    expect(ledger.holderOf('gpu_1')).toBeUndefined();
    ledger.allocate(request('b', ['gpu_1']));
  });

  it('never double-allocates under random interleavings of allocate and release', () => {
    const operation = fc.oneof(
      fc.record({
        kind: fc.constant('allocate' as const),
        gpus: fc.uniqueArray(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 3 }),
      }),
      fc.record({ kind: fc.constant('release' as const), index: fc.nat(20) }),
    );
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 100 }), (operations) => {
        const ledger = new AllocationLedger();
        const ids: string[] = [];
        let released = 0;
        for (const op of operations) {
          if (op.kind === 'allocate') {
            const gpuIds = op.gpus.map((gpu) => `gpu_${gpu}`);
            const free = gpuIds.every((gpuId) => ledger.holderOf(gpuId) === undefined);
            if (free) ids.push(ledger.allocate(request(`job${ids.length}`, gpuIds)).id);
            else expect(() => ledger.allocate(request('x', gpuIds))).toThrow(AllocationError);
          } else if (ids.length > 0) {
            const id = ids[op.index % ids.length] as string;
            const wasLive = ledger.get(id) !== undefined;
            expect(ledger.release(id, 'completed', 1) !== undefined).toBe(wasLive);
            if (wasLive) released++;
          }
          const holders = new Map<string, string>();
          for (const allocation of ledger.active()) {
            for (const gpuId of allocation.gpuIds) {
              expect(holders.has(gpuId)).toBe(false);
              holders.set(gpuId, allocation.id);
            }
          }
        }
        expect(ledger.releasedTotal).toBe(released);
        expect(ledger.activeCount + released).toBe(ids.length);
      }),
      { numRuns: 300 },
    );
  });
});
