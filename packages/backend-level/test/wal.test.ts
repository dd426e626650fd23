/**
 * A corrupt record in LevelDB's write-ahead log: LevelDB (without paranoid_checks, as
 * classic-level opens it) skips it at open and goes on, losing the writes in it. Before,
 * nothing said so; now the open reports it (openReport, and a warning).
 */
import { execFile } from "node:child_process";
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { type LevelWarning, openLevelBackend } from "@mnemo/backend-level";
import { describe, expect, it } from "vitest";
import { TSX_LOADER } from "./fixtures/bundle-writer.js";
import { flipByte, tempDirs } from "./fixtures/damage.js";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const writer = fileURLToPath(new URL("./fixtures/wal-writer.ts", import.meta.url));
const newDir = tempDirs("wal");

describe("a corrupt write-ahead log record", () => {
  it("is reported by the open that drops it, and versions stay above what survived", async () => {
    const path = await newDir();
    const written = 2000;
    await promisify(execFile)(
      process.execPath,
      ["--conditions=@mnemo/source", "--import", TSX_LOADER, writer, path, String(written)],
      { cwd: repoRoot },
    ).catch((error: { signal?: string }) => {
      if (error.signal !== "SIGKILL") throw error;
    });
    const log = (await readdir(path)).find((name) => name.endsWith(".log"))!;
    const size = (await stat(join(path, log))).size;
    await flipByte(join(path, log), Math.floor(size / 2), 0x55);

    const warnings: LevelWarning[] = [];
    const store = await openLevelBackend({ path, onWarning: (w) => warnings.push(w) });
    try {
      const { droppedLogRecords } = store.openReport;
      // One line per skipped stretch (the damaged record, then fragments LevelDB cannot join).
      expect(droppedLogRecords.length).toBeGreaterThan(0);
      for (const dropped of droppedLogRecords) {
        expect(dropped).toMatchObject({ file: log, reason: expect.stringContaining("Corruption") });
        expect(dropped.bytes).toBeGreaterThan(0);
      }
      expect(warnings.map((w) => w.code)).toEqual(["MNEMO_LEVEL_LOG_RECORDS_DROPPED"]);
      expect(warnings[0]!.message).toContain(log);
      const survivors = await store.listKeys();
      expect(survivors.length).toBeLessThan(written);
      expect(survivors.length).toBeGreaterThan(written / 4);
      // The commit clock was rebuilt from the values: a new write's version is above all.
      let newest = "";
      for await (const [, , version] of store.scan({ versions: true })) {
        if (version > newest) newest = version;
      }
      await store.set(survivors[0]!, new Uint8Array([1]));
      expect((await store.getEntry(survivors[0]!))!.version > newest).toBe(true);
    } finally {
      await store.close();
    }
    // Reported once: the next open finds a clean log.
    const again = await openLevelBackend({ path, onWarning: (w) => warnings.push(w) });
    expect(again.openReport.droppedLogRecords).toEqual([]);
    await again.close();
    expect(warnings.length).toBe(1);
  }, 60_000);
});
