/**
 * Sequence numbers by block allocation. One counter key holds the next unreserved number;
 * a writer reserves a block of `blockSize` numbers with one compareAndSwap and hands them
 * out locally. Numbers are unique across every process sharing the store and increase
 * within one allocator; they are not gap-free (a process that stops leaves the rest of its
 * block unused) and two processes interleave their blocks.
 */
import { casUpdate, jsonRecordCodec, type StorageBackend } from "@mnemo/core";
import { SEQUENCE_KEY } from "./keys.js";

const counterCodec = jsonRecordCodec<{ next: number }>();

export class SequenceAllocator {
  readonly #backend: StorageBackend;
  readonly #blockSize: number;
  /** CAS attempts before giving up with CONFLICT: only reached under pathological contention. */
  readonly #maxAttempts: number;
  /** The unused part of the current block: [#next, #end). */
  #next = 0;
  #end = 0;
  /** Reservations run one at a time so numbers go out in call order. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(backend: StorageBackend, blockSize: number, maxAttempts: number) {
    this.#backend = backend;
    this.#blockSize = blockSize;
    this.#maxAttempts = maxAttempts;
  }

  /** `count` increasing sequence numbers, in the order calls were made. */
  reserve(count: number): Promise<number[]> {
    const result = this.#queue.then(() => this.#take(count));
    this.#queue = result.catch(() => undefined);
    return result;
  }

  async #take(count: number): Promise<number[]> {
    const out: number[] = [];
    while (out.length < count) {
      if (this.#next >= this.#end)
        await this.#allocate(Math.max(this.#blockSize, count - out.length));
      while (out.length < count && this.#next < this.#end) out.push(this.#next++);
    }
    return out;
  }

  async #allocate(size: number): Promise<void> {
    const { previous } = await casUpdate(
      this.#backend,
      SEQUENCE_KEY,
      counterCodec,
      (counter) => ({ next: (counter?.next ?? 1) + size }),
      { maxAttempts: this.#maxAttempts },
    );
    this.#next = previous?.next ?? 1;
    this.#end = this.#next + size;
  }
}
