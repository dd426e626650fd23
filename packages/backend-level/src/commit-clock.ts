/**
 * Commit numbers: every write is one commit and gets the next number, which is the version
 * of every key it writes (`formatVersion(n)`). Numbers must grow across restarts without a
 * write per commit, so the store keeps a high-water mark H (every number handed out is
 * below it) under a reserved key: at open H is raised by a block, and raised again in the
 * background when half the block is used. A write using a number is issued only after the
 * mark above it was written, and LevelDB's log keeps writes in order, so whatever survives a
 * crash, the mark covering it survived too (unless LevelDB dropped a corrupt log record at
 * open: then the clock is rebuilt from the values, see `raiseTo`).
 */
import type { ClassicLevel } from "classic-level";
import { seal, verify } from "./envelope.js";
import { COMMIT_CLOCK_KEY } from "./keyspace.js";

/** Numbers reserved per write of the mark. */
const BLOCK = 1 << 20;
/** Commit numbers are JavaScript numbers: below 2^53 (at a million commits a second, ~285 years). */
const MAX_COMMIT = Number.MAX_SAFE_INTEGER - 2 * BLOCK;

/** Commit 0 is the version of values upgraded from a store written before versions. */
export const LEGACY_COMMIT = 0;

type Db = ClassicLevel<string, Uint8Array>;

function encodeMark(mark: number): Uint8Array {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setFloat64(0, mark);
  return seal(COMMIT_CLOCK_KEY, 0, bytes);
}

export class CommitClock {
  readonly #db: Db;
  #next: number;
  /** Written to the log: every number below it may be used. */
  #mark: number;
  #raising: Promise<void> | undefined;

  private constructor(db: Db, next: number, mark: number) {
    this.#db = db;
    this.#next = next;
    this.#mark = mark;
  }

  /** Reads the mark, reserves a block above it, and returns the clock. */
  static async open(db: Db): Promise<CommitClock> {
    const stored = db.getSync(COMMIT_CLOCK_KEY);
    let next = LEGACY_COMMIT + 1;
    if (stored !== undefined) {
      const sealed = verify(COMMIT_CLOCK_KEY, "(commit clock)", stored);
      next = new DataView(sealed.buffer, sealed.byteOffset + 13, 8).getFloat64(0);
    }
    const clock = new CommitClock(db, next, next);
    await clock.#raise();
    return clock;
  }

  /** The last number handed out (0 before the first commit of a new store). */
  get last(): number {
    return this.#next - 1;
  }

  /**
   * The next commit number: synchronous unless the reserved block is used up before its
   * successor was written (then it waits for that write).
   */
  take(): number | Promise<number> {
    if (this.#next >= this.#mark) return this.#takeAfterRaise();
    if (this.#mark - this.#next < BLOCK / 2 && this.#raising === undefined) {
      this.#raise().catch(() => {});
    }
    return this.#next++;
  }

  async #takeAfterRaise(): Promise<number> {
    while (this.#next >= this.#mark) await this.#raise();
    return this.#next++;
  }

  /**
   * Raises the stored mark above `commit` without opening a clock (repair: a value may have
   * survived where the mark covering it did not).
   */
  static async ensureAbove(db: Db, commit: number): Promise<void> {
    const stored = db.getSync(COMMIT_CLOCK_KEY);
    const mark =
      stored === undefined
        ? 0
        : new DataView(stored.buffer, stored.byteOffset + 13, 8).getFloat64(0);
    if (!(mark > commit)) await db.put(COMMIT_CLOCK_KEY, encodeMark(commit + 1), { sync: true });
  }

  /** Makes sure later numbers are above `commit` (a value found while rebuilding the clock). */
  async raiseTo(commit: number): Promise<void> {
    if (commit >= this.#next) this.#next = commit + 1;
    if (this.#next >= this.#mark) await this.#raise();
  }

  #raise(): Promise<void> {
    this.#raising ??= (async () => {
      const mark = Math.max(this.#mark, this.#next) + BLOCK;
      if (mark > MAX_COMMIT) throw new RangeError("commit numbers exhausted");
      try {
        await this.#db.put(COMMIT_CLOCK_KEY, encodeMark(mark));
        this.#mark = mark;
      } finally {
        this.#raising = undefined;
      }
    })();
    return this.#raising;
  }
}
