/**
 * Looks at a directory before LevelDB may open it, reading only. LevelDB with
 * `create_if_missing` (classic-level's default) answers a missing CURRENT by creating an
 * empty database and deleting the old tables as obsolete; a truncated or missing table or
 * MANIFEST surfaces later as an I/O error; a table with a flipped byte is read as data or
 * aborts the process in a compaction. So a populated directory must show a valid CURRENT, a
 * MANIFEST that parses, and every live table present at the size the MANIFEST recorded, and
 * the tables are checksummed (see `VerifyTables`), or it is refused with `CORRUPTED` and left
 * exactly as it was.
 */
import { readdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { StorageError } from "@mnemo/core";
import {
  DamagedFile,
  isLevelDbFile,
  isLevelDbScratchFile,
  type LiveTable,
  parseCurrent,
  parseManifest,
  tableFileName,
} from "./leveldb-files.js";
import { isLocked } from "./lock-probe.js";
import { checkTable } from "./table-check.js";

/**
 * Which tables are checksummed before LevelDB opens the directory:
 * - `new` (default): those no earlier open has checked (listed in `MNEMO-VERIFIED`), i.e.
 *   every table written since the last open, including all the tables an unclean shutdown
 *   may have left torn;
 * - `all`: every live table (a full check: the cost is reading the whole store once);
 * - `none`: none.
 */
export type VerifyTables = "new" | "all" | "none";
export const VERIFY_TABLES: readonly VerifyTables[] = ["new", "all", "none"];

export const VERIFIED_FILE = "MNEMO-VERIFIED";

export type DirectoryState =
  | { readonly kind: "missing" | "empty" | "locked" }
  | {
      readonly kind: "store";
      /** Live tables checksummed now or by an earlier open (what `MNEMO-VERIFIED` lists). */
      readonly verified: readonly LiveTable[];
      /** Tables checksummed by this inspection, and their total bytes. */
      readonly checked: number;
      readonly checkedBytes: number;
    };

function damaged(location: string, file: string, problem: string, cause?: unknown): StorageError {
  return new StorageError(
    "CORRUPTED",
    `LevelDB directory ${location} is damaged: ${file} ${problem}. Nothing was changed; repairLevelStore() can rebuild what is readable (see the README)`,
    { details: { location, file }, cause },
  );
}

async function readTable(location: string, table: LiveTable): Promise<[string, Uint8Array]> {
  for (const ext of ["ldb", "sst"]) {
    const file = tableFileName(table.number, ext);
    try {
      return [file, await readFile(join(location, file))];
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
  throw damaged(location, tableFileName(table.number), "is listed in the MANIFEST but missing");
}

async function tableSize(location: string, table: LiveTable): Promise<[string, number]> {
  for (const ext of ["ldb", "sst"]) {
    const file = tableFileName(table.number, ext);
    try {
      return [file, (await stat(join(location, file))).size];
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
  throw damaged(location, tableFileName(table.number), "is listed in the MANIFEST but missing");
}

async function verifiedBefore(location: string): Promise<Map<number, number>> {
  try {
    const text = await readFile(join(location, VERIFIED_FILE), "utf8");
    const listed = JSON.parse(text) as { tables?: Record<string, number> };
    return new Map(Object.entries(listed.tables ?? {}).map(([n, size]) => [Number(n), size]));
  } catch {
    return new Map(); // missing or unreadable: check everything again
  }
}

/** Records which live tables have been checked (after LevelDB opened the directory). */
export async function recordVerified(location: string, tables: readonly LiveTable[]) {
  const listed = Object.fromEntries(tables.map((t) => [String(t.number), t.size]));
  const temporary = join(location, `${VERIFIED_FILE}.tmp`);
  await writeFile(temporary, `${JSON.stringify({ tables: listed })}\n`);
  await rename(temporary, join(location, VERIFIED_FILE));
}

/** Reads `location` and decides whether LevelDB may open it; throws `CORRUPTED` if not. */
export async function inspectDirectory(
  location: string,
  verify: VerifyTables,
): Promise<DirectoryState> {
  let names: string[];
  try {
    names = await readdir(location);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return { kind: "missing" };
    throw new StorageError("INVALID_ARGUMENT", `${location} is not a readable directory`, {
      details: { location },
      cause: error,
    });
  }
  const data = names.filter((name) => !isLevelDbScratchFile(name));
  if (data.length === 0) return { kind: "empty" };
  if (!data.some(isLevelDbFile)) {
    throw new StorageError(
      "INVALID_ARGUMENT",
      `${location} is not empty and holds no LevelDB store (it has ${data.slice(0, 3).join(", ")}); use an empty or new directory`,
      { details: { location } },
    );
  }
  // A live owner rewrites these files as we read them: let LevelDB refuse with LEVEL_LOCKED.
  if ((await isLocked(location)) === true) return { kind: "locked" };
  if (!names.includes("CURRENT")) {
    throw damaged(
      location,
      "CURRENT",
      `is missing although the directory holds LevelDB files (${data.filter(isLevelDbFile).slice(0, 3).join(", ")}); opening would have created an empty store over them`,
    );
  }
  try {
    const manifestName = parseCurrent(await readFile(join(location, "CURRENT"), "latin1"));
    let manifestBytes: Uint8Array;
    try {
      manifestBytes = await readFile(join(location, manifestName));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      throw damaged(location, manifestName, "is named by CURRENT but missing");
    }
    const manifest = parseManifest(manifestName, manifestBytes);
    if (manifest.comparator !== undefined && manifest.comparator !== "leveldb.BytewiseComparator") {
      throw damaged(location, manifestName, `names comparator ${manifest.comparator}`);
    }
    for (const table of manifest.tables) {
      const [file, size] = await tableSize(location, table);
      if (size !== table.size) {
        throw damaged(
          location,
          file,
          `is ${size} bytes where the MANIFEST recorded ${table.size} (${size < table.size ? "truncated" : "overwritten"})`,
        );
      }
    }
    const known = verify === "all" ? new Map<number, number>() : await verifiedBefore(location);
    const verified: LiveTable[] = [];
    let checked = 0;
    let checkedBytes = 0;
    for (const table of manifest.tables) {
      if (known.get(table.number) === table.size) verified.push(table);
      else if (verify !== "none") {
        const [file, bytes] = await readTable(location, table);
        checkTable(file, bytes);
        verified.push(table);
        checked++;
        checkedBytes += bytes.length;
      }
    }
    return { kind: "store", verified, checked, checkedBytes };
  } catch (error) {
    if (error instanceof DamagedFile) throw damaged(location, error.file, error.problem, error);
    throw error;
  }
}
