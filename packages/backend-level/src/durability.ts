import type { ClassicLevel } from "classic-level";
import { SYNC_MARKER_KEY } from "./keyspace.js";

/**
 * How soon an acknowledged write reaches the disk (fsync):
 * - `safe`: before it is acknowledged (every write `sync: true`);
 * - `balanced`: within 100 ms (unsynced writes, then one synced write);
 * - `fast`: within 1000 ms.
 * Every write reaches the operating system before it is acknowledged in every mode, so a
 * crash of the process alone loses nothing; the window is what an OS crash or power cut can
 * lose.
 */
export type Durability = "safe" | "balanced" | "fast";

export const DURABILITIES: readonly Durability[] = ["safe", "balanced", "fast"];

/** The longest an acknowledged write stays unsynced, in milliseconds (0: never). */
export const SYNC_INTERVAL_MS: Readonly<Record<Durability, number>> = {
  safe: 0,
  balanced: 100,
  fast: 1000,
};

const SYNCED = Object.freeze({ sync: true });
const UNSYNCED = Object.freeze({ sync: false });
const EMPTY = new Uint8Array(0);

/**
 * Keeps the promise of a durability mode: gives writes their `sync` option and, in the
 * unsynced modes, syncs the log at most `interval` ms after the first unsynced write.
 */
export class SyncScheduler {
  readonly durability: Durability;
  /** Options for every write: `sync: true` only in `safe` mode. */
  readonly writeOptions: { readonly sync: boolean };
  readonly #db: ClassicLevel<string, Uint8Array>;
  readonly #interval: number;
  #unsynced = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #syncing: Promise<void> | undefined;
  #stopped = false;

  constructor(db: ClassicLevel<string, Uint8Array>, durability: Durability) {
    this.#db = db;
    this.durability = durability;
    this.#interval = SYNC_INTERVAL_MS[durability];
    this.writeOptions = durability === "safe" ? SYNCED : UNSYNCED;
  }

  /** Acknowledged writes not yet synced to disk. */
  get unsynced(): number {
    return this.#unsynced;
  }

  /** Records an acknowledged write made with `writeOptions`. */
  wrote(): void {
    if (this.#interval === 0) return;
    this.#unsynced++;
    this.#arm();
  }

  /** Syncs every write acknowledged so far, if any is unsynced. */
  async flush(): Promise<void> {
    this.#disarm();
    while (this.#syncing !== undefined) await this.#syncing;
    if (this.#unsynced > 0) await this.sync();
  }

  /**
   * Syncs the log now. LevelDB's log is one file written in order, so a synced write of the
   * marker key syncs every write acknowledged before it.
   */
  async sync(): Promise<void> {
    this.#disarm();
    while (this.#syncing !== undefined) await this.#syncing;
    const covered = this.#unsynced;
    this.#syncing = this.#db.put(SYNC_MARKER_KEY, EMPTY, SYNCED);
    try {
      await this.#syncing;
      this.#unsynced -= covered;
    } finally {
      this.#syncing = undefined;
      if (this.#unsynced > 0) this.#arm();
    }
  }

  /** Stops the timer for good (close); a last `flush()` is the caller's. */
  stop(): void {
    this.#stopped = true;
    this.#disarm();
  }

  #arm(): void {
    if (this.#timer !== undefined || this.#syncing !== undefined || this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      // A failed background sync leaves the writes counted as unsynced; the next tick retries.
      this.flush().catch(() => {});
    }, this.#interval);
    // A pending sync must not keep the process alive: the data is already with the OS.
    this.#timer.unref();
  }

  #disarm(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
