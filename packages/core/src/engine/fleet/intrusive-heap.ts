/**
 * How an {@link IntrusiveHeap} orders its nodes, and where it keeps each node's position: on the
 * node itself, so removing or re-keying a node needs no lookup table. A node can sit in several
 * heaps at once when each heap's order uses its own position field.
 */
export interface HeapOrder<Node> {
  /** The sort key, smallest first. Read when the node is pushed or updated, and kept in the heap. */
  keyOf(node: Node): number;
  /** Among nodes with equal keys, a strict total order: true when `a` must come out before `b`. */
  tieBefore(a: Node, b: Node): boolean;
  /** The position `setPosition` stored last for this heap. */
  positionOf(node: Node): number;
  setPosition(node: Node, position: number): void;
}

/** Position of a node that is in no heap (of that order). */
export const NOT_IN_HEAP = -1;

/** Children per node: a 4-ary heap is half as deep as a binary one, and siblings' keys share a cache line. */
const ARITY = 4;

/**
 * A 4-ary min-heap over nodes that store their own positions: push, pop, remove and re-key in
 * O(log n) with no map lookups and no allocation besides the arrays' growth; peek in O(1). Keys
 * sit in their own array, so sifting compares numbers in contiguous memory and touches a node
 * only to move it or to break a tie.
 */
export class IntrusiveHeap<Node> {
  private readonly nodes: Node[] = [];
  private readonly keys: number[] = [];

  constructor(private readonly order: HeapOrder<Node>) {}

  get size(): number {
    return this.nodes.length;
  }

  /** The first node in the order, if any. */
  peek(): Node | undefined {
    return this.nodes[0];
  }

  /**
   * The node at heap index `index` (0 is the first; the children of `i` are `4i + 1` to `4i + 4`,
   * each never before its parent): for searches that skip whole subtrees.
   */
  at(index: number): Node | undefined {
    return this.nodes[index];
  }

  /** The first node's key (as `keyOf` gave it when the node was placed), if any: no need to touch the node. */
  peekKey(): number | undefined {
    return this.keys[0];
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
    this.siftUp(node, this.order.keyOf(node), this.nodes.length - 1);
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
    this.siftUp(node, key, position);
    if (this.order.positionOf(node) === position) this.siftDown(node, key, position);
    return true;
  }

  /** Every node, in heap order (not sorted). */
  values(): readonly Node[] {
    return this.nodes;
  }

  private removeAt(position: number): void {
    const { nodes, keys } = this;
    this.order.setPosition(nodes[position] as Node, NOT_IN_HEAP);
    const last = nodes.pop() as Node;
    const lastKey = keys.pop() as number;
    if (position === nodes.length) return;
    this.siftUp(last, lastKey, position);
    if (this.order.positionOf(last) === position) this.siftDown(last, lastKey, position);
  }

  private before(key: number, node: Node, otherKey: number, other: Node): boolean {
    return key < otherKey || (key === otherKey && this.order.tieBefore(node, other));
  }

  /** Moves `node` up from the hole at `start` until its parent comes before it, then stores it there. */
  private siftUp(node: Node, key: number, start: number): void {
    const { nodes, keys, order } = this;
    let index = start;
    while (index > 0) {
      const parentIndex = ((index - 1) / ARITY) | 0;
      const parentKey = keys[parentIndex] as number;
      const parent = nodes[parentIndex] as Node;
      if (!this.before(key, node, parentKey, parent)) break;
      nodes[index] = parent;
      keys[index] = parentKey;
      order.setPosition(parent, index);
      index = parentIndex;
    }
    nodes[index] = node;
    keys[index] = key;
    order.setPosition(node, index);
  }

  /** Moves `node` down from the hole at `start` until no child comes before it, then stores it there. */
  private siftDown(node: Node, key: number, start: number): void {
    const { nodes, keys, order } = this;
    const length = nodes.length;
    let index = start;
    for (;;) {
      const first = ARITY * index + 1;
      if (first >= length) break;
      let child = first;
      let childKey = keys[first] as number;
      const end = Math.min(first + ARITY, length);
      for (let sibling = first + 1; sibling < end; sibling++) {
        const siblingKey = keys[sibling] as number;
        if (this.before(siblingKey, nodes[sibling] as Node, childKey, nodes[child] as Node)) {
          child = sibling;
          childKey = siblingKey;
        }
      }
      const next = nodes[child] as Node;
      if (!this.before(childKey, next, key, node)) break;
      nodes[index] = next;
      keys[index] = childKey;
      order.setPosition(next, index);
      index = child;
    }
    nodes[index] = node;
    keys[index] = key;
    order.setPosition(node, index);
  }
}
