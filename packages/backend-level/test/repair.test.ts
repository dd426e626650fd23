/** repairLevelStore: the path back from a damaged directory, run on purpose. */
import { readdir, unlink } from "node:fs/promises";
import { join } from "node:path";
import { openLevelBackend, repairLevelStore } from "@mnemo/backend-level";
import { StorageError } from "@mnemo/core";
import { ClassicLevel } from "classic-level";
import { describe, expect, it } from "vitest";
import {
  flipByte,
  keyOf,
  offsetOf,
  randomValues,
  storeWithTable,
  tableFiles,
  tempDirs,
} from "./fixtures/damage.js";

const values = randomValues(2000, 200, 9);
const dir = tempDirs("repair");

describe("repairLevelStore", () => {
  it("rebuilds a store whose CURRENT is gone, keeping every entry", async () => {
    const path = await dir();
    await storeWithTable(path, values);
    await unlink(join(path, "CURRENT"));
    expect(StorageError.is(await openLevelBackend({ path }).catch((e) => e), "CORRUPTED")).toBe(
      true,
    );
    const report = await repairLevelStore(path);
    expect(report.tablesMovedToLost).toEqual([]);
    expect(report.entriesRecovered).toBe(values.length);
    expect(report.corruptedEntriesDeleted).toBe(0);
    expect(report.levelDbLog.some((line) => line.includes("Repaired leveldb"))).toBe(true);
    const store = await openLevelBackend({ path });
    expect(await store.get(keyOf(1999))).toEqual(values[1999]);
    await store.set(keyOf(0), values[1]!); // writable, with a version above the old ones
    await store.close();
  });

  it("moves a table that fails its checksums to lost/ and keeps the rest", async () => {
    const path = await dir();
    // Two tables: keys 0-999, then keys 1000-1999.
    await storeWithTable(path, values.slice(0, 1000));
    const store = await openLevelBackend({ path, durability: "fast" });
    await store.setBatch(values.slice(1000).map((v, i) => [keyOf(1000 + i), v] as const));
    await store.close();
    await (await openLevelBackend({ path })).close();
    let damagedTable = "";
    for (const table of await tableFiles(path)) {
      const at = await offsetOf(join(path, table), values[500]!.subarray(0, 32));
      if (at < 0) continue;
      await flipByte(join(path, table), at + 50);
      damagedTable = table;
    }
    expect(damagedTable).not.toBe("");
    const report = await repairLevelStore(path);
    expect(report.tablesMovedToLost).toEqual([
      expect.objectContaining({ file: damagedTable, problem: expect.stringContaining("checksum") }),
    ]);
    expect(await readdir(join(path, "lost"))).toContain(damagedTable);
    const repaired = await openLevelBackend({ path });
    try {
      expect(await repaired.get(keyOf(1500))).toEqual(values[1500]);
      expect(await repaired.get(keyOf(500))).toBeUndefined(); // it lived in the lost table
      expect(report.entriesRecovered).toBe((await repaired.listKeys()).length);
    } finally {
      await repaired.close();
    }
  });

  it("deletes entries whose envelope fails and names them", async () => {
    const path = await dir();
    await storeWithTable(path, values.slice(0, 10));
    const raw = new ClassicLevel<string, Uint8Array>(path, { valueEncoding: "view" });
    await raw.open();
    await raw.put(`default\0default\0${keyOf(3)}`, new Uint8Array([1, 2, 3]));
    await raw.close();
    const report = await repairLevelStore(path);
    expect(report.corruptedEntriesDeleted).toBe(1);
    expect(report.deletedKeys).toEqual([`default\0default\0${keyOf(3)}`]);
    expect(report.entriesRecovered).toBe(9);
  });

  it("refuses a directory a process holds", async () => {
    const path = await dir();
    const store = await openLevelBackend({ path });
    try {
      await store.set("k", values[0]!);
      const error = await repairLevelStore(path).catch((e: unknown) => e);
      expect(StorageError.is(error, "UNAVAILABLE"), String(error)).toBe(true);
      expect(await store.get("k")).toEqual(values[0]);
    } finally {
      await store.close();
    }
  });
});
