/**
 * SQLite FTS5 through better-sqlite3 12.11.1: what a TypeScript user reaches for instead of
 * Mnemo's episodic search (AIMemo uses it). Its native addon is not built by the default
 * install (pnpm 10 builds only `onlyBuiltDependencies`); `pnpm bench:peers` builds it, and
 * `loadFts5()` says plainly when it is missing.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type BetterSqlite3 from "better-sqlite3";

type DatabaseConstructor = typeof BetterSqlite3;

export const FTS5_MISSING =
  "SQLite FTS5 peer missing: better-sqlite3's native addon is not built (the default install " +
  "skips its ~3-minute compile). Run `pnpm bench:peers` once, then `pnpm bench` again.";

/** The driver, or why it cannot run here. */
export function loadFts5(): { Database: DatabaseConstructor } | { missing: string } {
  try {
    const Database = createRequire(import.meta.url)("better-sqlite3") as DatabaseConstructor;
    const probe = new Database(":memory:");
    probe.exec("CREATE VIRTUAL TABLE probe USING fts5(content)");
    probe.close();
    return { Database };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    return { missing: `${FTS5_MISSING} (${reason})` };
  }
}

export interface Fts5Turn {
  readonly id: string;
  readonly sessionId: string;
  readonly role: string;
  readonly content: string;
  readonly timestamp: number;
}

/**
 * One FTS5 table of turns, in memory or in a file (WAL, synchronous=NORMAL: durable at
 * checkpoints, like the LevelDB backend's "balanced"). The id, session, role and time are
 * UNINDEXED columns, so a hit returns the whole turn, as Mnemo's search does.
 */
export class Fts5Turns {
  readonly #db: BetterSqlite3.Database;
  readonly #insert: BetterSqlite3.Statement;
  readonly #search: BetterSqlite3.Statement;
  readonly #dir: string | undefined;

  private constructor(db: BetterSqlite3.Database, dir: string | undefined) {
    this.#db = db;
    this.#dir = dir;
    db.exec(
      "CREATE VIRTUAL TABLE turns USING fts5(" +
        "content, id UNINDEXED, session_id UNINDEXED, role UNINDEXED, ts UNINDEXED)",
    );
    this.#insert = db.prepare(
      "INSERT INTO turns (content, id, session_id, role, ts) VALUES (?, ?, ?, ?, ?)",
    );
    // `ORDER BY rank` is FTS5's BM25 (k1 1.2, b 0.75) on its fast path.
    this.#search = db.prepare(
      "SELECT id, session_id, role, content, ts, rank FROM turns WHERE turns MATCH ? " +
        "ORDER BY rank LIMIT ?",
    );
  }

  static async open(Database: DatabaseConstructor, onDisk: boolean): Promise<Fts5Turns> {
    if (!onDisk) return new Fts5Turns(new Database(":memory:"), undefined);
    const dir = await mkdtemp(join(tmpdir(), "mnemo-fts5-"));
    const db = new Database(join(dir, "turns.db"));
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    return new Fts5Turns(db, dir);
  }

  /** One transaction for the batch, as Mnemo's appendBatch is one atomic write. */
  appendBatch(turns: readonly Fts5Turn[]): void {
    this.#db.transaction(() => {
      for (const t of turns) this.#insert.run(t.content, t.id, t.sessionId, t.role, t.timestamp);
    })();
  }

  /** Any of the words (OR), BM25-ranked, best `limit`. */
  search(words: readonly string[], limit: number): unknown[] {
    const match = words.map((w) => `"${w.replaceAll('"', '""')}"`).join(" OR ");
    return this.#search.all(match, limit);
  }

  async close(): Promise<void> {
    this.#db.close();
    if (this.#dir !== undefined) await rm(this.#dir, { recursive: true, force: true });
  }
}
