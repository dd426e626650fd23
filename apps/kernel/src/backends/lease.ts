/**
 * A component's backend behind a reference every call leases (the shape of Effect's
 * `RcRef`/`LayerRef`, kept synchronous because it sits on every request's path).
 *
 * - `acquire()` leases the current generation; `release()` gives it back (idempotent).
 * - `swap(next)` makes `next` the current generation at once — new calls go to it — then
 *   waits until the old generation's leases drain and closes it, exactly once.
 * - `close()` refuses new leases (`CLOSED`), drains, and closes the current generation once.
 *
 * Hot swap (issue 17, `src/swap.ts`) builds on `swap`.
 */
import { StorageError } from "@mnemo/core";

export interface Lease<T> {
  readonly value: T;
  /** 1 for the first backend, +1 per swap. */
  readonly generation: number;
  release(): void;
}

class Generation<T> {
  leases = 0;
  retired = false;
  #drained: (() => void) | undefined;
  #closing: Promise<void> | undefined;

  constructor(
    readonly number: number,
    readonly value: T,
    readonly closeValue: (value: T) => Promise<void>,
  ) {}

  /** Resolves once no lease is out (immediately when none is). */
  drained(): Promise<void> {
    if (this.leases === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const previous = this.#drained;
      this.#drained = () => {
        previous?.();
        resolve();
      };
    });
  }

  released(): void {
    this.leases--;
    if (this.leases === 0 && this.#drained !== undefined) {
      const wake = this.#drained;
      this.#drained = undefined;
      wake();
    }
  }

  /** Drains, then closes the value; every caller shares the one close. */
  retire(): Promise<void> {
    this.retired = true;
    this.#closing ??= this.drained().then(() => this.closeValue(this.value));
    return this.#closing;
  }
}

/** One lease: a plain object with a method, no closure built per call (it is on every request). */
class GenerationLease<T> implements Lease<T> {
  readonly #of: Generation<T>;
  #released = false;

  constructor(of: Generation<T>) {
    this.#of = of;
  }

  get value(): T {
    return this.#of.value;
  }

  get generation(): number {
    return this.#of.number;
  }

  release(): void {
    if (this.#released) return;
    this.#released = true;
    this.#of.released();
  }
}

export class LeasedRef<T> {
  #current: Generation<T>;
  #closed = false;
  #closing: Promise<void> | undefined;
  readonly #close: (value: T) => Promise<void>;

  constructor(initial: T, close: (value: T) => Promise<void>) {
    this.#close = close;
    this.#current = new Generation(1, initial, close);
  }

  get generation(): number {
    return this.#current.number;
  }

  get current(): T {
    return this.#current.value;
  }

  /** Leases out on the current generation (all of them, for a drain to wait on). */
  get inFlight(): number {
    return this.#current.leases;
  }

  get closed(): boolean {
    return this.#closed;
  }

  acquire(): Lease<T> {
    if (this.#closed) throw new StorageError("CLOSED", "the component is shutting down");
    const generation = this.#current;
    generation.leases++;
    return new GenerationLease(generation);
  }

  /**
   * Routes new leases to `next` and resolves when the old generation has drained and
   * closed. A close failure of the old value rejects here; `next` is serving regardless.
   */
  async swap(next: T): Promise<void> {
    if (this.#closed) throw new StorageError("CLOSED", "the component is shutting down");
    const old = this.#current;
    this.#current = new Generation(old.number + 1, next, this.#close);
    await old.retire();
  }

  /** Refuses new leases, waits for those out, closes the current value. Idempotent. */
  close(): Promise<void> {
    this.#closed = true;
    this.#closing ??= this.#current.retire();
    return this.#closing;
  }
}
