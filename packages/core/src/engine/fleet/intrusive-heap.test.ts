import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HeapPositions } from './heap-positions.js';
import { type HeapOrder, IntrusiveHeap } from './intrusive-heap.js';

interface Item {
  readonly id: string;
  /** Breaks ties among equal keys: here the id's place in `ids`. */
  readonly tie: number;
  key: number;
  readonly handle: number;
}

/** A fresh order (its own positions) per heap under test. */
const orderOf = (): HeapOrder<Item> => ({
  keyOf: (item) => item.key,
  tieOf: (item) => item.tie,
  handleOf: (item) => item.handle,
  positions: new HeapPositions(),
});

const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l'];
const operation = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), id: fc.constantFrom(...ids), key: fc.integer({ min: -5, max: 5 }) }),
  fc.record({ kind: fc.constant('remove' as const), id: fc.constantFrom(...ids) }),
  fc.record({ kind: fc.constant('pop' as const) }),
);

/** The items in the order the heap must give them: smallest key, then smallest tie. */
function sorted(items: Iterable<Item>): Item[] {
  return [...items].sort((x, y) => x.key - y.key || x.tie - y.tie);
}

describe('IntrusiveHeap', () => {
  it('always peeks the smallest key, ties by id, like a sorted list would, through pushes, re-keys, removals and pops', () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 300 }), (operations) => {
        const heap = new IntrusiveHeap(orderOf());
        const items = new Map(ids.map((id, tie) => [id, { id, tie, key: 0, handle: tie }]));
        const model = new Set<Item>();
        for (const op of operations) {
          if (op.kind === 'pop') {
            const expected = sorted(model)[0];
            expect(heap.pop()).toBe(expected);
            if (expected) model.delete(expected);
            continue;
          }
          const item = items.get(op.id) as Item;
          if (op.kind === 'remove') {
            expect(heap.remove(item)).toBe(model.delete(item));
          } else if (model.has(item)) {
            item.key = op.key;
            expect(heap.update(item)).toBe(true);
          } else {
            item.key = op.key;
            heap.push(item);
            model.add(item);
          }
          expect(heap.size).toBe(model.size);
          expect(heap.peek()).toBe(sorted(model)[0]);
          expect(heap.peekKey()).toBe(sorted(model)[0]?.key);
          for (const candidate of items.values()) expect(heap.has(candidate)).toBe(model.has(candidate));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('breaks ties by the tie number alone, whatever the nodes are called', () => {
    const heap = new IntrusiveHeap(orderOf());
    for (const [tie, id] of ['c', 'b', 'a'].entries()) heap.push({ id, tie, key: 7, handle: tie });
    expect([heap.pop()?.id, heap.pop()?.id, heap.pop()?.id]).toEqual(['c', 'b', 'a']);
  });

  it('never puts a child before its parent, so a search may skip a subtree', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 200 }), (keys) => {
        const heap = new IntrusiveHeap(orderOf());
        keys.forEach((key, index) => {
          heap.push({ id: String(index).padStart(4, '0'), tie: index, key, handle: index });
        });
        for (let index = 0; index < heap.size; index++) {
          const parent = heap.at(index) as Item;
          const first = IntrusiveHeap.firstChild(index);
          for (let child = first; child < Math.min(first + IntrusiveHeap.arity, heap.size); child++) {
            expect((heap.at(child) as Item).key).toBeGreaterThanOrEqual(parent.key);
          }
        }
      }),
    );
  });
});
