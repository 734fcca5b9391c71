import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdRanks } from './id-ranks.js';

/** Every known id's rank, in id order. */
function ranksInIdOrder(ranks: IdRanks, ids: Iterable<string>): number[] {
  return [...new Set(ids)].sort().map((id) => ranks.find(id) as number);
}

describe('IdRanks', () => {
  it('orders ranks like ids whatever order the ids arrive and leave in', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ id: fc.string({ maxLength: 6 }), remove: fc.boolean() }), { maxLength: 200 }), (operations) => {
        const ranks = new IdRanks();
        const known = new Set<string>();
        for (const { id, remove } of operations) {
          if (remove) {
            expect(ranks.delete(id)).toBe(known.delete(id));
          } else {
            ranks.rankOf(id);
            known.add(id);
          }
        }
        const inOrder = ranksInIdOrder(ranks, known);
        for (let index = 1; index < inOrder.length; index++) expect(inOrder[index]).toBeGreaterThan(inOrder[index - 1] as number);
        expect(ranks.size).toBe(known.size);
      }),
    );
  });

  it('gives a known id the rank it has', () => {
    const ranks = new IdRanks();
    const rank = ranks.rankOf('gpu_b');
    ranks.rankOf('gpu_a');
    ranks.rankOf('gpu_c');
    expect(ranks.rankOf('gpu_b')).toBe(rank);
    expect(ranks.find('gpu_z')).toBeUndefined();
  });

  it('renumbers every rank when neighbours leave no room between them, and says so by its version', () => {
    const ranks = new IdRanks();
    ranks.rankOf('0');
    ranks.rankOf('a');
    ranks.rankOf('b');
    // Each new id falls between 'a' and the previous one: halving the gap until it is gone.
    for (let step = 0; step < 80; step++) ranks.rankOf(`a${'0'.repeat(80 - step)}`);
    expect(ranks.version).toBeGreaterThan(0);
    const all = ['0', 'a', 'b', ...Array.from({ length: 80 }, (_, step) => `a${'0'.repeat(80 - step)}`)];
    const inOrder = ranksInIdOrder(ranks, all);
    for (let index = 1; index < inOrder.length; index++) expect(inOrder[index]).toBeGreaterThan(inOrder[index - 1] as number);
  });
});
