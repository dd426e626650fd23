/**
 * Opening a damaged directory: it is refused with CORRUPTED (never the retryable
 * UNAVAILABLE), naming the file, and left byte for byte as it was. Before, a missing CURRENT
 * made LevelDB create an empty store and delete the old tables; a dangling CURRENT or a
 * missing MANIFEST was UNAVAILABLE; a truncated table opened and failed reads as UNAVAILABLE.
 */
import { readFile, truncate, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { openLevelBackend } from "@mnemo/backend-level";
import { StorageError } from "@mnemo/core";
import { describe, expect, it } from "vitest";
import { toStorageError } from "../src/level-errors.js";
import {
  flipByte,
  randomValues,
  snapshot,
  storeWithTable,
  tableFiles,
  tempDirs,
} from "./fixtures/damage.js";

const values = randomValues(3000, 200, 5);
const newDir = tempDirs("damaged");

async function populated(): Promise<string> {
  const path = await newDir();
  await storeWithTable(path, values);
  return path;
}

async function manifestOf(path: string): Promise<string> {
  return (await readFile(join(path, "CURRENT"), "utf8")).trim();
}

const damages: [string, (path: string) => Promise<string>][] = [
  [
    "a missing CURRENT",
    async (path) => {
      await unlink(join(path, "CURRENT"));
      return "CURRENT";
    },
  ],
  [
    "a garbage CURRENT",
    async (path) => {
      await writeFile(join(path, "CURRENT"), "garbage\n");
      return "CURRENT";
    },
  ],
  [
    "a dangling CURRENT",
    async (path) => {
      await writeFile(join(path, "CURRENT"), "MANIFEST-000099\n");
      return "MANIFEST-000099";
    },
  ],
  [
    "a missing MANIFEST",
    async (path) => {
      const manifest = await manifestOf(path);
      await unlink(join(path, manifest));
      return manifest;
    },
  ],
  [
    "a truncated table",
    async (path) => {
      const [table] = await tableFiles(path);
      await truncate(join(path, table!), 1000);
      return table!;
    },
  ],
  [
    "a missing table",
    async (path) => {
      const [table] = await tableFiles(path);
      await unlink(join(path, table!));
      return table!;
    },
  ],
  [
    "a flipped byte in a table",
    async (path) => {
      const [table] = await tableFiles(path);
      await flipByte(join(path, table!), 5000);
      return table!;
    },
  ],
];

describe("opening a damaged directory", () => {
  it.each(damages)(
    "%s is refused with CORRUPTED, naming the file, touching nothing",
    async (_, damage) => {
      const path = await populated();
      const file = await damage(path);
      const before = await snapshot(path);
      const error = await openLevelBackend({ path }).catch((e: unknown) => e);
      expect(StorageError.is(error, "CORRUPTED"), String(error)).toBe(true);
      expect((error as StorageError).isRetryable).toBe(false);
      expect((error as Error).message).toContain(file);
      expect((error as StorageError).details).toMatchObject({ file });
      expect(await snapshot(path)).toEqual(before);
    },
  );
});

describe("what open may create", () => {
  it("creates a store in a missing or an empty directory", async () => {
    const parent = await newDir();
    const missing = await openLevelBackend({ path: join(parent, "new") });
    expect(missing.openReport.kind).toBe("created");
    await missing.close();
    const again = await openLevelBackend({ path: join(parent, "new") });
    expect(again.openReport.kind).toBe("opened");
    await again.close();
  });

  it("createIfMissing: false refuses a missing directory with NOT_FOUND and creates nothing", async () => {
    const parent = await newDir();
    const error = await openLevelBackend({
      path: join(parent, "absent"),
      createIfMissing: false,
    }).catch((e: unknown) => e);
    expect(StorageError.is(error, "NOT_FOUND"), String(error)).toBe(true);
    expect(await snapshot(parent)).toEqual({});
  });

  it("refuses a non-empty directory that is not a LevelDB store, touching nothing", async () => {
    const path = await newDir();
    await writeFile(join(path, "notes.txt"), "mine");
    const before = await snapshot(path);
    const error = await openLevelBackend({ path }).catch((e: unknown) => e);
    expect(StorageError.is(error, "INVALID_ARGUMENT"), String(error)).toBe(true);
    expect(await snapshot(path)).toEqual(before);
  });

  it("verifies each table once: a second open checks only what the first one wrote", async () => {
    const path = await populated();
    const first = await openLevelBackend({ path });
    const { tableBytesChecked } = first.openReport;
    expect(tableBytesChecked).toBeGreaterThan(500_000);
    await first.close();
    // The first open's own writes (its log, turned into a small table) are all that is new.
    const second = await openLevelBackend({ path });
    expect(second.openReport.tableBytesChecked).toBeLessThan(tableBytesChecked / 10);
    await second.close();
    const full = await openLevelBackend({ path, verifyTables: "all" });
    expect(full.openReport.tablesChecked).toBeGreaterThan(0);
    await full.close();
  });
});

describe("driver errors that mean damage", () => {
  // classic-level's getSync throws LevelDB's status text without a code.
  it.each([
    ["IO error: /d/000005.ldb: Invalid argument", "000005.ldb"],
    ["IO error: /d/MANIFEST-000004: No such file or directory", "MANIFEST-000004"],
    ["Corruption: corrupted compressed block contents", undefined],
  ])("%s is CORRUPTED", (message, file) => {
    const error = toStorageError(new Error(message), "get", "/d");
    expect(error.code).toBe("CORRUPTED");
    if (file !== undefined) expect(error.message).toContain(file);
  });

  it("a full disk stays UNAVAILABLE", () => {
    const full = toStorageError(
      new Error("IO error: /d/000007.log: No space left on device"),
      "set",
      "/d",
    );
    expect(full.code).toBe("UNAVAILABLE");
  });
});
