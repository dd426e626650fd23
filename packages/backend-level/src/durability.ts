/**
 * How soon an acknowledged write reaches the disk (fsync):
 * - `safe`: before it is acknowledged (every write `sync: true`);
 * - `balanced`: a sync starts at most 100 ms after the write was acknowledged, so the write
 *   is on disk within 100 ms + one fsync;
 * - `fast`: the same with 1000 ms.
 * Every write reaches the operating system before it is acknowledged in every mode, so a
 * crash of the process alone loses nothing; the window is what an OS crash or power cut can
 * lose.
 */
export type Durability = "safe" | "balanced" | "fast";

export const DURABILITIES: readonly Durability[] = ["safe", "balanced", "fast"];

/** The longest an acknowledged write waits for its sync to start, in ms (0: never waits). */
export const SYNC_INTERVAL_MS: Readonly<Record<Durability, number>> = {
  safe: 0,
  balanced: 100,
  fast: 1000,
};

const SYNCED = Object.freeze({ sync: true });
const UNSYNCED = Object.freeze({ sync: false });

/**
 * Keeps the promise of a durability mode. The deadline of a write is its acknowledgement +
 * the interval, and it does not move while a sync runs: the timer is armed by the first
 * write no sync has covered yet, even while an earlier sync is still in flight (the old
 * scheduler armed it only after that sync finished, so a write acknowledged during a sync
 * waited one fsync more than promised, and more on a slow disk). A timer that fires while a
 * sync is in flight starts the next sync as soon as that one is done.
 */
export class SyncScheduler {
  readonly durability: Durability;
  /** Options for every write: `sync: true` only in `safe` mode. */
  readonly writeOptions: { readonly sync: boolean };
  /** Writes everything acknowledged so far to disk (a synced write, in LevelDB's log). */
  readonly #syncNow: () => Promise<void>;
  readonly #interval: number;
  /** Acknowledged writes, and how many of them a completed sync covers. */
  #acknowledged = 0;
  #synced = 0;
  /** Writes up to this count are covered by a sync that has been issued. */
  #issuedThrough = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #syncing: Promise<void> | undefined;
  #stopped = false;

  constructor(syncNow: () => Promise<void>, durability: Durability) {
    this.#syncNow = syncNow;
    this.durability = durability;
    this.#interval = SYNC_INTERVAL_MS[durability];
    this.writeOptions = durability === "safe" ? SYNCED : UNSYNCED;
  }

  /** Acknowledged writes not yet synced to disk. */
  get unsynced(): number {
    return this.#acknowledged - this.#synced;
  }

  /** Records an acknowledged write made with `writeOptions`. */
  wrote(): void {
    if (this.#interval === 0) return;
    this.#acknowledged++;
    // The first write no issued sync covers sets the deadline; later ones share it.
    if (this.#timer === undefined && !this.#stopped) this.#arm(this.#interval);
  }

  /** Syncs every write acknowledged so far, if any is unsynced. */
  async flush(): Promise<void> {
    while (this.#syncing !== undefined) await this.#syncing.catch(() => {});
    if (this.#acknowledged > this.#synced) await this.sync();
  }

  /** Syncs the log now (after a sync in flight, which may not cover the latest writes). */
  async sync(): Promise<void> {
    while (this.#syncing !== undefined) await this.#syncing.catch(() => {});
    this.#disarm();
    const through = this.#acknowledged;
    this.#issuedThrough = through;
    const syncing = this.#syncNow();
    this.#syncing = syncing;
    try {
      await syncing;
      if (through > this.#synced) this.#synced = through;
    } catch (error) {
      // Not synced after all: the writes it was to cover need another sync, soon.
      this.#issuedThrough = this.#synced;
      if (!this.#stopped && this.#timer === undefined) this.#arm(this.#interval);
      throw error;
    } finally {
      this.#syncing = undefined;
    }
  }

  /** Stops the timer for good (close); a last `flush()` is the caller's. */
  stop(): void {
    this.#stopped = true;
    this.#disarm();
  }

  #arm(delay: number): void {
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      // Writes acknowledged after this moment set their own deadline.
      // A failed background sync re-arms the timer (in sync()); nothing to report here.
      if (this.#acknowledged > this.#issuedThrough) this.sync().catch(() => {});
    }, delay);
    // A pending sync must not keep the process alive: the data is already with the OS.
    this.#timer.unref();
  }

  #disarm(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
