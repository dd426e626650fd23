/**
 * Writers killed with SIGKILL at arbitrary moments of puts and deletes leave nothing gc()
 * does not reclaim: after each kill, gc() brings the store back to its invariants (every
 * counter and reference entry equals the artifacts, no chunk without live content, no
 * upload left over), every acknowledged artifact reads back, and nothing unacknowledged
 * but the one operation in flight is visible.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type BackendSpec,
  CHILD_CWD,
  forEachBackend,
  openFromSpec,
  scriptArgs,
  seededRandom,
} from "@mnemo/testing";
import { expect, it } from "vitest";
import { ArtifactStore } from "../src/index.js";
import { expectConsistent } from "./helpers.js";

const child = new URL("./fixtures/crash-child.ts", import.meta.url);
const KILLS = 10;

interface Log {
  readonly put: Set<string>;
  readonly deleted: Set<string>;
  /** The delete that was in flight at the kill. */
  inFlightDelete?: string;
}

/** Spawns a writer and kills it `delayMs` after its `acks`-th acknowledged operation. */
function runAndKill(spec: BackendSpec, seed: number, acks: number, delayMs: number, log: Log) {
  return new Promise<void>((resolve, reject) => {
    const writer: ChildProcess = spawn(
      process.execPath,
      scriptArgs(child, [JSON.stringify(spec), String(seed)]),
      { cwd: CHILD_CWD, stdio: ["ignore", "pipe", "pipe"] },
    );
    let acked = 0;
    let buffered = "";
    let stderr = "";
    delete log.inFlightDelete;
    writer.stdout!.on("data", (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split("\n");
      buffered = lines.pop()!;
      for (const line of lines) {
        const [word, second, id] = line.split(" ");
        if (word === "put") log.put.add(second!);
        if (word === "del") log.deleted.add(second!);
        if (word === "begin" && second === "del") log.inFlightDelete = id!;
        if (word === "put" || word === "del") {
          delete log.inFlightDelete;
          if (++acked === acks) setTimeout(() => writer.kill("SIGKILL"), delayMs);
        }
      }
    });
    writer.stderr!.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    writer.on("error", reject);
    writer.on("exit", (code, signal) =>
      signal === "SIGKILL" ? resolve() : reject(new Error(`writer exited (${code}): ${stderr}`)),
    );
  });
}

forEachBackend((backend) => {
  it(`gc() reclaims every crash window of put and delete (${KILLS} kills)`, {
    timeout: 180_000,
  }, async () => {
    const handle = await backend.open({ namespace: "artifacts" });
    if (!handle.characteristics().persistent) return;
    let spec = backend.spec(handle);
    // A single-owner store (LevelDB) cannot be open here while the child writes: give the
    // children a directory of their own, opened here only between kills.
    if (!handle.characteristics().multiProcess && spec.backend === "level") {
      spec = { ...spec, path: await mkdtemp(join(tmpdir(), "mnemo-artifacts-crash-")) };
    }
    const random = seededRandom(42);
    const log: Log = { put: new Set(), deleted: new Set() };
    let reclaimed = 0;
    try {
      for (let kill = 0; kill < KILLS; kill++) {
        await runAndKill(spec, kill + 1, 3 + Math.floor(random() * 10), random() * 15, log);
        const store = await openFromSpec(spec);
        try {
          // Two hours on: every upload of the killed writer is past the grace period.
          const later = { now: () => Date.now() + 2 * 3_600_000 };
          const artifacts = new ArtifactStore(store, { clock: later });
          const result = await artifacts.gc();
          reclaimed += result.uploads + result.contents + result.references;
          await expectConsistent(store);
          const present = new Set<string>();
          for (let cursor: string | undefined, first = true; first || cursor; first = false) {
            const page = await artifacts.list(cursor === undefined ? {} : { cursor });
            for (const info of page.items) present.add(info.artifactId);
            cursor = page.nextCursor;
          }
          for (const id of log.put) {
            if (!log.deleted.has(id) && id !== log.inFlightDelete) {
              expect(present.has(id), `acknowledged artifact ${id}`).toBe(true);
            }
          }
          // At most the put in flight is there unacknowledged.
          const unacknowledged = [...present].filter((id) => !log.put.has(id));
          expect(unacknowledged.length).toBeLessThanOrEqual(1);
          for (const id of unacknowledged) log.put.add(id);
          for (const id of present) expect((await artifacts.get(id)).byteLength).toBeGreaterThan(0);
          if (log.inFlightDelete !== undefined && !present.has(log.inFlightDelete)) {
            log.deleted.add(log.inFlightDelete);
          }
        } finally {
          await store.close();
        }
      }
      console.log(
        `artifacts crash test: gc() reclaimed ${reclaimed} leftovers over ${KILLS} kills`,
      );
    } finally {
      if (spec.backend === "level") await rm(spec.path, { recursive: true, force: true });
    }
  });
});
