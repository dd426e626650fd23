/** What a write touches: one stored key, several, or every key under a prefix (clear). */
export type WriteClaim = string | readonly string[] | { readonly prefix: string };

/**
 * Makes `compareAndSwap` atomic against every other write of this process, while plain writes
 * stay concurrent (LevelDB orders them itself, and group-commits them). A CAS on key k:
 *  1. claims k, so a write naming k that starts from now on waits until the CAS is done;
 *  2. waits for the writes already in flight (any of them may name k);
 *  3. reads, compares and writes k, then releases it.
 * A plain write pays two Set operations; it only looks at the claims while some CAS is
 * pending. Writes waiting for a claim are not in flight yet, so a CAS never waits for a write
 * that waits for a CAS (no deadlock).
 */
export class WriteGate {
  /** Stored key -> the CAS holding it. */
  readonly #claims = new Map<string, Promise<void>>();
  readonly #inFlight = new Set<Promise<unknown>>();

  /** Runs the write once no CAS claims any key it touches. */
  write<T>(claim: WriteClaim, run: () => Promise<T>): Promise<T> {
    // The common case (no CAS pending) stays free of extra awaits: set() is on the hot path.
    if (this.#claims.size > 0 && this.#blocker(claim) !== undefined) {
      return this.#writeAfterClaims(claim, run);
    }
    return this.#track(run());
  }

  async #writeAfterClaims<T>(claim: WriteClaim, run: () => Promise<T>): Promise<T> {
    for (let held = this.#blocker(claim); held !== undefined; held = this.#blocker(claim)) {
      await held;
    }
    return this.#track(run());
  }

  #track<T>(pending: Promise<T>): Promise<T> {
    this.#inFlight.add(pending);
    const settled = () => {
      this.#inFlight.delete(pending);
    };
    pending.then(settled, settled);
    return pending;
  }

  /** Runs `run` with `key` claimed and no earlier write in flight. */
  async exclusive<T>(key: string, run: () => Promise<T>): Promise<T> {
    for (let held = this.#claims.get(key); held !== undefined; held = this.#claims.get(key)) {
      await held;
    }
    let release!: () => void;
    this.#claims.set(
      key,
      new Promise<void>((resolve) => {
        release = resolve;
      }),
    );
    try {
      if (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
      return await run();
    } finally {
      this.#claims.delete(key);
      release();
    }
  }

  /** Resolves once every write in flight now has settled (used by close). */
  async drain(): Promise<void> {
    while (this.#inFlight.size > 0 || this.#claims.size > 0) {
      await Promise.allSettled([...this.#inFlight, ...this.#claims.values()]);
    }
  }

  #blocker(claim: WriteClaim): Promise<void> | undefined {
    if (typeof claim === "string") return this.#claims.get(claim);
    if ("prefix" in claim) {
      for (const [key, held] of this.#claims) if (key.startsWith(claim.prefix)) return held;
      return undefined;
    }
    for (const key of claim as readonly string[]) {
      const held = this.#claims.get(key);
      if (held !== undefined) return held;
    }
    return undefined;
  }
}
