/**
 * A binary min-heap of items with string ids whose keys can change: insert, remove and re-key in
 * O(log n), peek in O(1). Ties on the key are broken by id so the order is deterministic.
 */
export class IndexedMinHeap<Item> {
  private readonly ids: string[] = [];
  private readonly keys: number[] = [];
  private readonly items: Item[] = [];
  private readonly positions = new Map<string, number>();

  get size(): number {
    return this.ids.length;
  }

  has(id: string): boolean {
    return this.positions.has(id);
  }

  /** Inserts or re-keys an item. */
  set(id: string, key: number, item: Item): void {
    const position = this.positions.get(id);
    if (position === undefined) {
      this.ids.push(id);
      this.keys.push(key);
      this.items.push(item);
      this.positions.set(id, this.ids.length - 1);
      this.siftUp(this.ids.length - 1);
      return;
    }
    this.keys[position] = key;
    this.items[position] = item;
    this.siftUp(position);
    this.siftDown(this.positions.get(id) ?? position);
  }

  remove(id: string): boolean {
    const position = this.positions.get(id);
    if (position === undefined) return false;
    const last = this.ids.length - 1;
    if (position !== last) this.swap(position, last);
    this.ids.pop();
    this.keys.pop();
    this.items.pop();
    this.positions.delete(id);
    if (position < this.ids.length) {
      this.siftUp(position);
      this.siftDown(position);
    }
    return true;
  }

  /** The item with the smallest key (then smallest id), if any. */
  peek(): Item | undefined {
    return this.items[0];
  }

  peekKey(): number | undefined {
    return this.keys[0];
  }

  /** Every item, in heap order (not sorted). */
  values(): readonly Item[] {
    return this.items;
  }

  private less(a: number, b: number): boolean {
    const keyA = this.keys[a] as number;
    const keyB = this.keys[b] as number;
    return keyA < keyB || (keyA === keyB && (this.ids[a] as string) < (this.ids[b] as string));
  }

  private siftUp(start: number): void {
    let index = start;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!this.less(index, parent)) return;
      this.swap(index, parent);
      index = parent;
    }
  }

  private siftDown(start: number): void {
    let index = start;
    const length = this.ids.length;
    for (;;) {
      const left = 2 * index + 1;
      const right = left + 1;
      let smallest = index;
      if (left < length && this.less(left, smallest)) smallest = left;
      if (right < length && this.less(right, smallest)) smallest = right;
      if (smallest === index) return;
      this.swap(index, smallest);
      index = smallest;
    }
  }

  private swap(a: number, b: number): void {
    const idA = this.ids[a] as string;
    const idB = this.ids[b] as string;
    this.ids[a] = idB;
    this.ids[b] = idA;
    [this.keys[a], this.keys[b]] = [this.keys[b] as number, this.keys[a] as number];
    [this.items[a], this.items[b]] = [this.items[b] as Item, this.items[a] as Item];
    this.positions.set(idB, a);
    this.positions.set(idA, b);
  }
}
