/**
 * `repairLevelStore(path)`: the path back from a damaged directory, run on purpose (opening
 * never repairs). LevelDB's RepairDB (through classic-level's `ClassicLevel.repair`) rebuilds
 * a MANIFEST from whatever tables and logs it finds, but it reads tables without checking
 * their block checksums, so it would keep a damaged table's garbage (and a later compaction
 * could abort on it). So: tables whose blocks fail their checksums are moved to `lost/` first
 * (LevelDB's own place for files it gives up on), RepairDB runs, and every value left is
 * checked against its envelope; those that fail are deleted. What each step did is reported.
 */
import { mkdir, readdir, readFile, rename } from "node:fs/promises";
import { join, resolve } from "node:path";
import { StorageError } from "@mnemo/core";
import { ClassicLevel } from "classic-level";
import { CommitClock } from "./commit-clock.js";
import { commitOf, isSealed } from "./envelope.js";
import { FIRST_DATA_KEY, FORMAT_KEY } from "./keyspace.js";
import { toStorageError } from "./level-errors.js";
import { DamagedFile, isLevelDbFile } from "./leveldb-files.js";
import { isLocked } from "./lock-probe.js";
import { formatMarker, UPGRADE_PROGRESS_KEY } from "./store-format.js";
import { checkTable } from "./table-check.js";

export interface LevelRepairReport {
  readonly location: string;
  /** Tables that failed their checksums, moved to `<path>/lost/` before LevelDB's repair. */
  readonly tablesMovedToLost: readonly { file: string; bytes: number; problem: string }[];
  /** LevelDB's own account of the repair (its info log), line by line. */
  readonly levelDbLog: readonly string[];
  /** Values left after the repair whose envelope checked out. */
  readonly entriesRecovered: number;
  /** Entries whose envelope failed its checksum after the repair, and were deleted. */
  readonly corruptedEntriesDeleted: number;
  /** The first 100 of those (stored keys: `namespace \0 tenant \0 key`). */
  readonly deletedKeys: readonly string[];
  /** False for a store written before the envelope: its values cannot be checked. */
  readonly valuesChecked: boolean;
}

const CHUNK = 1000;

async function damagedTables(location: string, names: readonly string[]) {
  const damaged: { file: string; bytes: number; problem: string }[] = [];
  for (const file of names) {
    if (!/^\d+\.(ldb|sst)$/.test(file)) continue;
    const bytes = await readFile(join(location, file));
    try {
      checkTable(file, bytes);
    } catch (error) {
      if (!(error instanceof DamagedFile)) throw error;
      damaged.push({ file, bytes: bytes.length, problem: error.problem });
    }
  }
  return damaged;
}

/**
 * Repairs the LevelDB store at `path`, which no process may hold. Entries in a table that
 * failed its checksums are lost (unless a newer copy lives elsewhere), and where the newest
 * write of a key was lost an older one can reappear: LevelDB's repair has the same limits.
 */
export async function repairLevelStore(path: string): Promise<LevelRepairReport> {
  if (typeof path !== "string" || path.length === 0) {
    throw new StorageError("INVALID_ARGUMENT", "path must be a non-empty string", {
      details: { path },
    });
  }
  const location = resolve(path);
  let names: string[];
  try {
    names = await readdir(location);
  } catch (error) {
    throw new StorageError("NOT_FOUND", `no LevelDB directory at ${location}`, {
      details: { location },
      cause: error,
    });
  }
  if (!names.some(isLevelDbFile)) {
    throw new StorageError("INVALID_ARGUMENT", `${location} holds no LevelDB files to repair`, {
      details: { location },
    });
  }
  // RepairDB takes no lock: repairing a directory a live process writes would destroy it.
  if ((await isLocked(location)) === true) {
    throw new StorageError(
      "UNAVAILABLE",
      `LevelDB directory ${location} is held by a process (LOCK); close it before repairing`,
      { details: { location } },
    );
  }
  const tablesMovedToLost = await damagedTables(location, names);
  if (tablesMovedToLost.length > 0) {
    await mkdir(join(location, "lost"), { recursive: true });
    for (const { file } of tablesMovedToLost) {
      await rename(join(location, file), join(location, "lost", file));
    }
  }
  try {
    await ClassicLevel.repair(location);
  } catch (error) {
    throw toStorageError(error, "repair", location);
  }
  const levelDbLog = (await readFile(join(location, "LOG"), "utf8").catch(() => ""))
    .split("\n")
    .filter((line) => line.length > 0)
    .map((line) => line.replace(/^\S+ \S+ /, "")); // drop the timestamp and thread id
  const checked = await checkValues(location);
  return { location, tablesMovedToLost, levelDbLog, ...checked };
}

/** Whether any user value is an envelope (a store that lost its format marker in a lost table). */
async function holdsEnvelopes(db: ClassicLevel<string, Uint8Array>): Promise<boolean> {
  for await (const [key, value] of db.iterator({ gte: FIRST_DATA_KEY })) {
    if (isSealed(key, value)) return true;
  }
  return false;
}

/** Deletes what fails its envelope, and raises the commit clock above what survived. */
async function checkValues(location: string) {
  const db = new ClassicLevel<string, Uint8Array>(location, {
    keyEncoding: "utf8",
    valueEncoding: "view",
    createIfMissing: false,
  });
  try {
    await db.open();
  } catch (error) {
    throw toStorageError(error, "open after repair", location);
  }
  try {
    let entriesRecovered = 0;
    const marked = db.getSync(FORMAT_KEY) !== undefined;
    const upgrading = db.getSync(UPGRADE_PROGRESS_KEY) !== undefined;
    if (!marked && (upgrading || !(await holdsEnvelopes(db)))) {
      // Raw values (a store from before the envelope, or one an open is upgrading): nothing
      // to check them against; the next open upgrades it.
      for await (const _ of db.keys({ gte: FIRST_DATA_KEY })) entriesRecovered++;
      return {
        entriesRecovered,
        corruptedEntriesDeleted: 0,
        deletedKeys: [],
        valuesChecked: false,
      };
    }
    if (!marked) await db.put(FORMAT_KEY, formatMarker(), { sync: true });
    let largest = 0;
    let deleted = 0;
    const deletedKeys: string[] = [];
    const iterator = db.iterator<string, Uint8Array>({ gte: FIRST_DATA_KEY });
    try {
      for (;;) {
        const chunk = await iterator.nextv(CHUNK);
        if (chunk.length === 0) break;
        const bad: { type: "del"; key: string }[] = [];
        for (const [key, value] of chunk) {
          if (!isSealed(key, value)) bad.push({ type: "del", key });
          else {
            entriesRecovered++;
            largest = Math.max(largest, commitOf(value));
          }
        }
        // The iterator reads a snapshot: deleting as it goes does not disturb it.
        if (bad.length > 0) await db.batch(bad);
        deleted += bad.length;
        for (const { key } of bad) if (deletedKeys.length < 100) deletedKeys.push(key);
      }
    } finally {
      await iterator.close();
    }
    await CommitClock.ensureAbove(db, largest);
    return {
      entriesRecovered,
      corruptedEntriesDeleted: deleted,
      deletedKeys,
      valuesChecked: true,
    };
  } finally {
    await db.close();
  }
}
