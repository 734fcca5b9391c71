/** Gap between neighbouring ranks after a renumbering: room for 50-odd insertions between any two. */
const SPACING = 2 ** 20;

/**
 * A number per GPU id that orders like the id (smaller id, smaller rank), so heaps and ties
 * compare numbers instead of strings. A new id gets the midpoint of its neighbours' ranks; when
 * two neighbours are too close for a midpoint, every rank is renumbered (`renumbered` tells the
 * caller to re-read them). Adding or removing an id costs a binary search and an array splice.
 */
export class IdRanks {
  private readonly ids: string[] = [];
  private readonly ranks: number[] = [];
  /** Bumped by each renumbering. */
  version = 0;

  get size(): number {
    return this.ids.length;
  }

  /** The id's rank, adding it if it is new (which may renumber every rank: compare `version`). */
  rankOf(id: string): number {
    const position = this.search(id);
    if (this.ids[position] === id) return this.ranks[position] as number;
    const before = this.ranks[position - 1];
    const after = this.ranks[position];
    let rank: number;
    if (before === undefined) rank = after === undefined ? 0 : after - SPACING;
    else if (after === undefined) rank = before + SPACING;
    else rank = before + (after - before) / 2;
    this.ids.splice(position, 0, id);
    this.ranks.splice(position, 0, rank);
    if (before !== undefined && after !== undefined && !(rank > before && rank < after)) {
      this.renumber();
      return this.ranks[position] as number;
    }
    return rank;
  }

  /** The id's rank, if it is known. */
  find(id: string): number | undefined {
    const position = this.search(id);
    return this.ids[position] === id ? this.ranks[position] : undefined;
  }

  /** Forgets an id (its rank is not reused by anything that depends on it). */
  delete(id: string): boolean {
    const position = this.search(id);
    if (this.ids[position] !== id) return false;
    this.ids.splice(position, 1);
    this.ranks.splice(position, 1);
    return true;
  }

  /** Index of the first id not below `id`. */
  private search(id: string): number {
    let low = 0;
    let high = this.ids.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.ids[middle] as string) < id) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  private renumber(): void {
    for (let index = 0; index < this.ranks.length; index++) this.ranks[index] = index * SPACING;
    this.version++;
  }
}
