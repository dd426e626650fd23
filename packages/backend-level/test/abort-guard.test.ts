/**
 * A table whose keys a flipped byte put out of order makes LevelDB abort the process
 * (SIGABRT, an assertion in TableBuilder::Add) in the compaction that runs after open. The
 * guard: tables are checksummed before LevelDB opens the directory. Child processes, since
 * the failure mode kills the process.
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { openLevelBackend } from "@mnemo/backend-level";
import { describe, expect, it } from "vitest";
import { TSX_LOADER } from "./fixtures/bundle-writer.js";
import {
  flipByte,
  keyOf,
  offsetOf,
  randomValues,
  tableFiles,
  tempDirs,
} from "./fixtures/damage.js";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const child = fileURLToPath(new URL("./fixtures/open-and-read.ts", import.meta.url));
const newDir = tempDirs("abort");

function openInChild(path: string, options: object) {
  return new Promise<{ signal: string | null; result?: Record<string, unknown> }>((resolve) => {
    execFile(
      process.execPath,
      ["--conditions=@mnemo/source", "--import", TSX_LOADER, child, path, JSON.stringify(options)],
      { cwd: repoRoot },
      (error, stdout) => {
        const signal = (error as { signal?: string } | null)?.signal ?? null;
        resolve({ signal, result: stdout.trim() ? JSON.parse(stdout.trim()) : undefined });
      },
    );
  });
}

/**
 * Level 0 with three tables and a log that becomes the fourth at the next open (LevelDB's
 * compaction trigger), the oldest table holding a key a flipped bit moved before its
 * predecessor.
 */
async function storeThatAbortsInCompaction(): Promise<string> {
  const path = await newDir();
  const values = randomValues(3000, 100, 3);
  for (let round = 0; round < 4; round++) {
    const store = await openLevelBackend({ path, durability: "fast", verifyTables: "none" });
    await store.setBatch(values.map((v, i) => [keyOf(i), v] as const));
    await store.close();
  }
  const [oldest] = await tableFiles(path);
  const table = join(path, oldest!);
  for (let i = 1600; i < 1700; i++) {
    const whole = new TextEncoder().encode(`default\0default\0${keyOf(i)}`);
    const at = await offsetOf(table, whole);
    if (at < 0) continue;
    // "k016xx" -> "k015xx": now smaller than the key stored before it.
    await flipByte(table, at + whole.length - 3, 0x03);
    return path;
  }
  throw new Error("no whole key found in the table");
}

describe("a table with keys out of order", () => {
  it("aborts the process in LevelDB's compaction when nothing checks it first", async () => {
    const path = await storeThatAbortsInCompaction();
    const { signal } = await openInChild(path, { verifyTables: "none" });
    expect(signal).toBe("SIGABRT");
  }, 60_000);

  it("is refused with CORRUPTED before LevelDB opens the directory (the default)", async () => {
    const path = await storeThatAbortsInCompaction();
    const { signal, result } = await openInChild(path, {});
    expect(signal).toBeNull();
    expect(result).toMatchObject({ opened: false, code: "CORRUPTED" });
    expect(String(result?.message)).toMatch(/\d{6}\.ldb/);
  }, 60_000);
});
