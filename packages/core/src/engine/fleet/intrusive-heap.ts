import { type HeapPositions, NOT_IN_HEAP } from './heap-positions.js';

/**
 * How an {@link IntrusiveHeap} orders its nodes, and where it keeps their positions: by each
 * node's handle in `positions`, so removing or re-keying a node needs no lookup table. A node can
 * sit in several heaps at once when each heap's order uses its own positions.
 */
export interface HeapOrder<Node> {
  /** The sort key, smallest first. Read when the node is pushed or updated, and kept in the heap. */
  keyOf(node: Node): number;
  /**
   * Among nodes with equal keys, the smaller tie comes out first; no two nodes in one heap may
   * share key and tie (a strict total order). Read with the key and kept beside it, so sifting
   * compares numbers only and never reaches into a node to break a tie.
   */
  tieOf(node: Node): number;
  /** The node's handle (see {@link HandlePool}): where `positions` keeps its position. */
  handleOf(node: Node): number;
  readonly positions: HeapPositions;
}

/**
 * Children per node: an 8-ary heap is a third as deep as a binary one, so a sift moves (and
 * writes the position of) a third as many nodes, and eight siblings' keys fill one cache line.
 */
const ARITY = 8;

/**
 * An 8-ary min-heap over nodes with handles: push, pop, remove and re-key in O(log n) with no map
 * lookups and no allocation besides the arrays' growth; peek in O(1). Keys, ties and handles sit
 * in their own arrays and positions in the order's typed array, so a sift compares numbers in
 * contiguous memory and never reads or writes a node.
 */
export class IntrusiveHeap<Node> {
  private readonly nodes: Node[] = [];
  private readonly keys: number[] = [];
  private readonly ties: number[] = [];
  private readonly handles: number[] = [];

  constructor(private readonly order: HeapOrder<Node>) {}

  get size(): number {
    return this.nodes.length;
  }

  /** The first node in the order, if any. */
  peek(): Node | undefined {
    return this.nodes[0];
  }

  /**
   * The node at heap index `index` (0 is the first; the children of `i` are `8i + 1` to `8i + 8`,
   * each never before its parent): for searches that skip whole subtrees.
   */
  at(index: number): Node | undefined {
    return this.nodes[index];
  }

  /** The key of the node at heap index `index` (see {@link at}) without touching the node: searches prune on it. */
  keyAt(index: number): number | undefined {
    return this.keys[index];
  }

  /** The first node's key (as `keyOf` gave it when the node was placed), if any: no need to touch the node. */
  peekKey(): number | undefined {
    return this.keys[0];
  }

  /** The first node's tie (as `tieOf` gave it when the node was placed), if any. */
  peekTie(): number | undefined {
    return this.ties[0];
  }

  /** Heap index of the first child of `index` (see {@link at}); the others follow it, up to the arity or the size. */
  static firstChild(index: number): number {
    return ARITY * index + 1;
  }

  /** Children per node. */
  static readonly arity = ARITY;

  /** Whether `node` is in this heap. */
  has(node: Node): boolean {
    const position = this.order.positions.get(this.order.handleOf(node));
    return position >= 0 && this.nodes[position] === node;
  }

  push(node: Node): void {
    this.nodes.push(node);
    this.keys.push(0);
    this.ties.push(0);
    this.handles.push(0);
    const { order } = this;
    this.siftUp(node, order.keyOf(node), order.tieOf(node), order.handleOf(node), this.nodes.length - 1);
  }

  pop(): Node | undefined {
    const first = this.nodes[0];
    if (first !== undefined) this.removeAt(0);
    return first;
  }

  /** Removes `node`; false when it is not in this heap. */
  remove(node: Node): boolean {
    if (!this.has(node)) return false;
    this.removeAt(this.order.positions.get(this.order.handleOf(node)));
    return true;
  }

  /** Restores the order after `node`'s sort key changed; false when it is not in this heap. */
  update(node: Node): boolean {
    if (!this.has(node)) return false;
    const { order } = this;
    const handle = order.handleOf(node);
    const position = order.positions.get(handle);
    const key = order.keyOf(node);
    const tie = order.tieOf(node);
    this.siftUp(node, key, tie, handle, position);
    if (order.positions.get(handle) === position) this.siftDown(node, key, tie, handle, position);
    return true;
  }

  /** Re-reads every node's key and tie (after they changed together) and restores the order: O(n). */
  reorder(): void {
    const { nodes, keys, ties, order } = this;
    for (let index = 0; index < nodes.length; index++) {
      const node = nodes[index] as Node;
      keys[index] = order.keyOf(node);
      ties[index] = order.tieOf(node);
    }
    for (let index = ((nodes.length - 2) / ARITY) | 0; index >= 0 && nodes.length > 1; index--) {
      this.siftDown(nodes[index] as Node, keys[index] as number, ties[index] as number, this.handles[index] as number, index);
    }
  }

  /** Every node, in heap order (not sorted). */
  values(): readonly Node[] {
    return this.nodes;
  }

  private removeAt(position: number): void {
    const { nodes, keys, ties, handles, order } = this;
    order.positions.set(handles[position] as number, NOT_IN_HEAP);
    const last = nodes.pop() as Node;
    const lastKey = keys.pop() as number;
    const lastTie = ties.pop() as number;
    const lastHandle = handles.pop() as number;
    if (position === nodes.length) return;
    this.siftUp(last, lastKey, lastTie, lastHandle, position);
    if (order.positions.get(lastHandle) === position) this.siftDown(last, lastKey, lastTie, lastHandle, position);
  }

  /** Moves `node` up from the hole at `start` until its parent comes before it, then stores it there. */
  private siftUp(node: Node, key: number, tie: number, handle: number, start: number): void {
    const { keys, ties } = this;
    let index = start;
    while (index > 0) {
      const parentIndex = ((index - 1) / ARITY) | 0;
      const parentKey = keys[parentIndex] as number;
      const parentTie = ties[parentIndex] as number;
      if (!(key < parentKey || (key === parentKey && tie < parentTie))) break;
      this.moveTo(parentIndex, index);
      index = parentIndex;
    }
    this.store(index, node, key, tie, handle);
  }

  /** Moves `node` down from the hole at `start` until no child comes before it, then stores it there. */
  private siftDown(node: Node, key: number, tie: number, handle: number, start: number): void {
    const { keys, ties } = this;
    const length = this.nodes.length;
    let index = start;
    for (;;) {
      const first = ARITY * index + 1;
      if (first >= length) break;
      let child = first;
      let childKey = keys[first] as number;
      let childTie = ties[first] as number;
      const end = first + ARITY < length ? first + ARITY : length;
      for (let sibling = first + 1; sibling < end; sibling++) {
        const siblingKey = keys[sibling] as number;
        const siblingTie = ties[sibling] as number;
        if (siblingKey < childKey || (siblingKey === childKey && siblingTie < childTie)) {
          child = sibling;
          childKey = siblingKey;
          childTie = siblingTie;
        }
      }
      if (!(childKey < key || (childKey === key && childTie < tie))) break;
      this.moveTo(child, index);
      index = child;
    }
    this.store(index, node, key, tie, handle);
  }

  /** Moves the node at heap index `from` to `to` (a hole), with its key, tie and position. */
  private moveTo(from: number, to: number): void {
    this.store(to, this.nodes[from] as Node, this.keys[from] as number, this.ties[from] as number, this.handles[from] as number);
  }

  private store(index: number, node: Node, key: number, tie: number, handle: number): void {
    this.nodes[index] = node;
    this.keys[index] = key;
    this.ties[index] = tie;
    this.handles[index] = handle;
    this.order.positions.set(handle, index);
  }
}
