/**
 * Orders the writes of one process per key: a write touching key k starts only once every
 * earlier write touching k has settled, so writes of one key reach LevelDB in the order they
 * were made (and their commit numbers, taken when they start, grow in that order). Writes to
 * other keys do not wait for each other: LevelDB orders and group-commits them. A checked
 * commit reads its keys inside its turn, so nothing else writes them between the check and
 * the batch. `clear` claims a whole prefix.
 *
 * A write waits only for writes that were made before it (chains point backwards), so there
 * is no deadlock. The common case, a key with no write in flight, costs a Map lookup, a Map
 * set and a `then`.
 */
export class WriteGate {
  /** Stored key -> the last write touching it that has not settled. */
  readonly #tails = new Map<string, Promise<unknown>>();
  /** Prefix -> the clear of it in flight. */
  readonly #clears = new Map<string, Promise<unknown>>();

  /** Runs `run` once every earlier write touching `keys` has settled. */
  run<T>(keys: string | readonly string[], run: () => Promise<T>): Promise<T> {
    const earlier: Promise<unknown>[] = [];
    if (typeof keys === "string") this.#earlier(keys, earlier);
    else for (const key of keys) this.#earlier(key, earlier);
    const pending = earlier.length === 0 ? start(run) : after(earlier, run);
    const tails = this.#tails;
    let settled: () => void;
    if (typeof keys === "string") {
      tails.set(keys, pending);
      settled = () => {
        if (tails.get(keys) === pending) tails.delete(keys);
      };
    } else {
      for (const key of keys) tails.set(key, pending);
      settled = () => {
        for (const key of keys) if (tails.get(key) === pending) tails.delete(key);
      };
    }
    pending.then(settled, settled);
    return pending;
  }

  /** Runs `run` once every earlier write under `prefix` has settled; later ones wait for it. */
  clear<T>(prefix: string, run: () => Promise<T>): Promise<T> {
    const earlier: Promise<unknown>[] = [];
    for (const [key, tail] of this.#tails) if (key.startsWith(prefix)) earlier.push(tail);
    for (const [held, clear] of this.#clears) {
      if (held.startsWith(prefix) || prefix.startsWith(held)) earlier.push(clear);
    }
    const pending = after(earlier, run);
    this.#clears.set(prefix, pending);
    const settled = () => {
      if (this.#clears.get(prefix) === pending) this.#clears.delete(prefix);
    };
    pending.then(settled, settled);
    return pending;
  }

  /** Resolves once every write in flight now, and any it waits for, has settled (close). */
  async drain(): Promise<void> {
    while (this.#tails.size > 0 || this.#clears.size > 0) {
      await Promise.allSettled([...this.#tails.values(), ...this.#clears.values()]);
    }
  }

  #earlier(key: string, into: Promise<unknown>[]): void {
    const tail = this.#tails.get(key);
    if (tail !== undefined) into.push(tail);
    if (this.#clears.size > 0) {
      for (const [prefix, clear] of this.#clears) if (key.startsWith(prefix)) into.push(clear);
    }
  }
}

function start<T>(run: () => Promise<T>): Promise<T> {
  try {
    return run();
  } catch (error) {
    return Promise.reject(error);
  }
}

function after<T>(earlier: Promise<unknown>[], run: () => Promise<T>): Promise<T> {
  return Promise.allSettled(earlier).then(run);
}
