import { join } from "node:path";
import { openLevelBackend } from "@mnemo/backend-level";
import { StorageError } from "@mnemo/core";
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

const COUNT = 2000;
const values = randomValues(COUNT, 200, 11);
const newDir = tempDirs("corrupt");

async function damagedStore(damage: (table: string) => Promise<void>) {
  const path = await newDir();
  await storeWithTable(path, values);
  const [table] = await tableFiles(path);
  expect(table, "the store has a table file").toBeDefined();
  await damage(join(path, table!));
  return openLevelBackend({ path, verifyTables: "none" } as never);
}

async function codeOf(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
    return "resolved";
  } catch (error) {
    if (!StorageError.is(error)) throw error;
    return error.code;
  }
}

describe("a flipped byte in a table file", () => {
  it("in a value: get, getBatch and scan fail with CORRUPTED naming the key", async () => {
    const victim = 1234;
    const store = await damagedStore(async (table) => {
      const at = await offsetOf(table, values[victim]!.subarray(0, 32));
      expect(at).toBeGreaterThan(0);
      await flipByte(table, at + 100);
    });
    try {
      const error = await store.get(keyOf(victim)).catch((e: unknown) => e);
      expect(StorageError.is(error, "CORRUPTED"), String(error)).toBe(true);
      expect((error as Error).message).toContain(keyOf(victim));
      expect(await codeOf(() => store.getBatch([keyOf(0), keyOf(victim)]))).toBe("CORRUPTED");
      // Every other value still reads as written.
      expect(await store.get(keyOf(victim + 1))).toEqual(values[victim + 1]);
      const seen: string[] = [];
      const scanned = codeOf(async () => {
        for await (const [key, value] of store.scan()) {
          expect(value).toEqual(values[Number(key.slice(1))]);
          seen.push(key);
        }
      });
      expect(await scanned).toBe("CORRUPTED");
      expect(seen.length).toBe(victim);
    } finally {
      await store.close();
    }
  });

  it("in a key: a scan never yields a key that was never written", async () => {
    const written = new Set(values.map((_, i) => keyOf(i)));
    const store = await damagedStore(async (table) => {
      // Keys at LevelDB's restart points are stored whole: find one and change a digit to a
      // letter, making a key nobody wrote.
      for (let i = 1600; i < 1700; i++) {
        const at = await offsetOf(table, new TextEncoder().encode(`default\0default\0${keyOf(i)}`));
        if (at < 0) continue;
        await flipByte(table, at + "default\0default\0".length + 5, 0x40);
        return;
      }
      throw new Error("no whole key found in the table");
    });
    try {
      const yielded: string[] = [];
      const result = await codeOf(async () => {
        for await (const [key] of store.scan()) yielded.push(key);
      });
      expect(yielded.filter((key) => !written.has(key))).toEqual([]);
      expect(result).toBe("CORRUPTED");
      expect(await codeOf(() => store.listKeys())).toBe("CORRUPTED");
    } finally {
      await store.close();
    }
  });
});
