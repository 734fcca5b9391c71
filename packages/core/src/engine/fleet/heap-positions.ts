/** Position of a node that is in no heap (of that order). */
export const NOT_IN_HEAP = -1;

/**
 * Where heaps keep their nodes' positions: by node handle, in one typed array that heaps of the
 * same family share (a node is in at most one of them). Sifting writes here, not into the nodes,
 * so moving a node neither touches it (cold, for a long-queued job) nor needs a write barrier.
 */
export class HeapPositions {
  private slots = new Int32Array(64).fill(NOT_IN_HEAP);

  get(handle: number): number {
    return handle < this.slots.length ? (this.slots[handle] as number) : NOT_IN_HEAP;
  }

  set(handle: number, position: number): void {
    if (handle >= this.slots.length) this.grow(handle);
    this.slots[handle] = position;
  }

  private grow(handle: number): void {
    let length = this.slots.length * 2;
    while (length <= handle) length *= 2;
    const slots = new Int32Array(length).fill(NOT_IN_HEAP);
    slots.set(this.slots);
    this.slots = slots;
  }
}

/**
 * Small integer handles for nodes, reused after release: the index into {@link HeapPositions}.
 * Release a handle only when its node is in none of the heaps that use it.
 */
export class HandlePool {
  private readonly free: number[] = [];
  private next = 0;

  acquire(): number {
    return this.free.pop() ?? this.next++;
  }

  release(handle: number): void {
    this.free.push(handle);
  }
}
