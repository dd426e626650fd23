/**
 * The best `k` of many items, kept in a bounded min-heap: O(n log k) and no copy of the whole
 * set, where sorting every candidate of a search cost O(n log n) and an array of n entries.
 */

/** `better(a, b)`: whether `a` ranks before `b`. */
export class TopK<T> {
  readonly #heap: T[] = [];
  readonly #k: number;
  readonly #better: (a: T, b: T) => boolean;

  constructor(k: number, better: (a: T, b: T) => boolean) {
    this.#k = k;
    this.#better = better;
  }

  get size(): number {
    return this.#heap.length;
  }

  /** The worst item kept (the k-th best once `size` is k). */
  get worst(): T | undefined {
    return this.#heap[0];
  }

  offer(item: T): void {
    const heap = this.#heap;
    if (heap.length < this.#k) {
      heap.push(item);
      this.#up(heap.length - 1);
    } else if (this.#k > 0 && this.#better(item, heap[0]!)) {
      heap[0] = item;
      this.#down(0);
    }
  }

  /** The items kept, best first. */
  sorted(): T[] {
    return [...this.#heap].sort((a, b) => (this.#better(a, b) ? -1 : this.#better(b, a) ? 1 : 0));
  }

  // The root is the worst item: a parent is never better than its children.
  #up(i: number): void {
    const heap = this.#heap;
    const item = heap[i]!;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.#better(heap[parent]!, item)) break;
      heap[i] = heap[parent]!;
      i = parent;
    }
    heap[i] = item;
  }

  #down(i: number): void {
    const heap = this.#heap;
    const item = heap[i]!;
    const n = heap.length;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && this.#better(heap[child]!, heap[child + 1]!)) child++;
      if (!this.#better(item, heap[child]!)) break;
      heap[i] = heap[child]!;
      i = child;
    }
    heap[i] = item;
  }
}
