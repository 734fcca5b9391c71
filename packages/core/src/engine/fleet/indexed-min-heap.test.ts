import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IndexedMinHeap } from './indexed-min-heap.js';

const operation = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), key: fc.integer({ min: -5, max: 5 }) }),
  fc.record({ kind: fc.constant('remove' as const), id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f') }),
);

describe('IndexedMinHeap', () => {
  it('always peeks the smallest key, ties by id, like a sorted map would', () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 200 }), (operations) => {
        const heap = new IndexedMinHeap<string>();
        const model = new Map<string, number>();
        for (const op of operations) {
          if (op.kind === 'set') {
            heap.set(op.id, op.key, op.id);
            model.set(op.id, op.key);
          } else {
            expect(heap.remove(op.id)).toBe(model.delete(op.id));
          }
          const expected = [...model.entries()].sort((x, y) => x[1] - y[1] || (x[0] < y[0] ? -1 : 1))[0];
          expect(heap.size).toBe(model.size);
          expect(heap.peek()).toBe(expected?.[0]);
          expect(heap.peekKey()).toBe(expected?.[1]);
        }
      }),
      { numRuns: 300 },
    );
  });
});
