/**
 * How an {@link IntrusiveHeap} orders its nodes, and where it keeps each node's position: on the
 * node itself, so removing or re-keying a node needs no lookup table. A node can sit in several
 * heaps at once when each heap's order uses its own position field.
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
  /** The position `setPosition` stored last for this heap. */
  positionOf(node: Node): number;
  setPosition(node: Node, position: number): void;
}

/** Position of a node that is in no heap (of that order). */
export const NOT_IN_HEAP = -1;

/**
 * Children per node: an 8-ary heap is a third as deep as a binary one, so a sift moves (and
 * writes the position of) a third as many nodes, and eight siblings' keys fill one cache line.
 */
const ARITY = 8;

/**
 * An 8-ary min-heap over nodes that store their own positions: push, pop, remove and re-key in
 * O(log n) with no map lookups and no allocation besides the arrays' growth; peek in O(1). Keys
 * and ties sit in their own arrays, so sifting compares numbers in contiguous memory and touches
 * a node only to move it.
 */
export class IntrusiveHeap<Node> {
  private readonly nodes: Node[] = [];
  private readonly keys: number[] = [];
  private readonly ties: number[] = [];

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
    const position = this.order.positionOf(node);
    return position >= 0 && this.nodes[position] === node;
  }

  push(node: Node): void {
    this.nodes.push(node);
    this.keys.push(0);
    this.ties.push(0);
    this.siftUp(node, this.order.keyOf(node), this.order.tieOf(node), this.nodes.length - 1);
  }

  pop(): Node | undefined {
    const first = this.nodes[0];
    if (first !== undefined) this.removeAt(0);
    return first;
  }

  /** Removes `node`; false when it is not in this heap. */
  remove(node: Node): boolean {
    if (!this.has(node)) return false;
    this.removeAt(this.order.positionOf(node));
    return true;
  }

  /** Restores the order after `node`'s sort key changed; false when it is not in this heap. */
  update(node: Node): boolean {
    if (!this.has(node)) return false;
    const position = this.order.positionOf(node);
    const key = this.order.keyOf(node);
    const tie = this.order.tieOf(node);
    this.siftUp(node, key, tie, position);
    if (this.order.positionOf(node) === position) this.siftDown(node, key, tie, position);
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
      this.siftDown(nodes[index] as Node, keys[index] as number, ties[index] as number, index);
    }
  }

  /** Every node, in heap order (not sorted). */
  values(): readonly Node[] {
    return this.nodes;
  }

  private removeAt(position: number): void {
    const { nodes, keys, ties } = this;
    this.order.setPosition(nodes[position] as Node, NOT_IN_HEAP);
    const last = nodes.pop() as Node;
    const lastKey = keys.pop() as number;
    const lastTie = ties.pop() as number;
    if (position === nodes.length) return;
    this.siftUp(last, lastKey, lastTie, position);
    if (this.order.positionOf(last) === position) this.siftDown(last, lastKey, lastTie, position);
  }

  /** Moves `node` up from the hole at `start` until its parent comes before it, then stores it there. */
  private siftUp(node: Node, key: number, tie: number, start: number): void {
    const { nodes, keys, ties, order } = this;
    let index = start;
    while (index > 0) {
      const parentIndex = ((index - 1) / ARITY) | 0;
      const parentKey = keys[parentIndex] as number;
      const parentTie = ties[parentIndex] as number;
      if (!(key < parentKey || (key === parentKey && tie < parentTie))) break;
      const parent = nodes[parentIndex] as Node;
      nodes[index] = parent;
      keys[index] = parentKey;
      ties[index] = parentTie;
      order.setPosition(parent, index);
      index = parentIndex;
    }
    nodes[index] = node;
    keys[index] = key;
    ties[index] = tie;
    order.setPosition(node, index);
  }

  /** Moves `node` down from the hole at `start` until no child comes before it, then stores it there. */
  private siftDown(node: Node, key: number, tie: number, start: number): void {
    const { nodes, keys, ties, order } = this;
    const length = nodes.length;
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
      const next = nodes[child] as Node;
      nodes[index] = next;
      keys[index] = childKey;
      ties[index] = childTie;
      order.setPosition(next, index);
      index = child;
    }
    nodes[index] = node;
    keys[index] = key;
    ties[index] = tie;
    order.setPosition(node, index);
  }
}
