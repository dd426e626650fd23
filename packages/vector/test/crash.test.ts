/**
 * A writer killed with SIGKILL at an arbitrary moment (mid-upsert, mid-snapshot) leaves a
 * store that reopens to the right contents: every acknowledged step is there, the index
 * answers exactly the stored ids, and writing carries on.
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
} from "@mnemo/testing";
import { expect, it } from "vitest";
import { VectorStore } from "../src/index.js";
import { crashVector } from "./fixtures/crash-data.js";

const child = new URL("./fixtures/crash-child.ts", import.meta.url);

/** Spawns the writer and kills it once it has acknowledged `steps` steps; returns the last ack. */
function runAndKill(spec: BackendSpec, steps: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const writer: ChildProcess = spawn(
      process.execPath,
      scriptArgs(child, [JSON.stringify(spec)]),
      { cwd: CHILD_CWD, stdio: ["ignore", "pipe", "pipe"] },
    );
    let acked = -1;
    let stderr = "";
    let buffered = "";
    writer.stdout!.on("data", (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split("\n");
      buffered = lines.pop()!;
      for (const line of lines) {
        if (line.startsWith("ack ")) acked = Number(line.slice(4));
      }
      if (acked >= steps && writer.exitCode === null) writer.kill("SIGKILL");
    });
    writer.stderr!.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    writer.on("error", reject);
    writer.on("exit", (_code, signal) => {
      if (signal === "SIGKILL") resolve(acked);
      else reject(new Error(`writer exited on its own (${_code}): ${stderr}`));
    });
  });
}

forEachBackend((backend) => {
  it("reopens to the right contents after a writer is killed mid-way", {
    timeout: 60_000,
  }, async () => {
    const handle = await backend.open({ namespace: "vector" });
    if (!handle.characteristics().persistent) return;
    let spec = backend.spec(handle);
    // A single-owner store (LevelDB) cannot be open here while the child writes: give the
    // child a directory of its own.
    if (!handle.characteristics().multiProcess && spec.backend === "level") {
      spec = { ...spec, path: await mkdtemp(join(tmpdir(), "mnemo-vector-crash-")) };
    }
    // Two kills: the second writer recovers the first one's crashed store and writes on.
    // It replays steps 0.. with the same data, so the survivors are a function of its acks.
    expect(await runAndKill(spec, 113)).toBeGreaterThanOrEqual(113);
    const acked = await runAndKill(spec, 251);
    expect(acked).toBeGreaterThanOrEqual(251);
    // The derived handle's close leaves a LevelDB root open until the worker exits: the
    // fixture API has no way to reach it. The directory is removed below.
    const reopened = await openFromSpec(spec);
    try {
      const collection = await new VectorStore(reopened, { snapshotOnClose: false }).collection(
        "crash",
      );
      // Step s upserts v<s>; steps 4, 9, 14, ... also delete v<s-2>. One step may be in flight.
      const deletedBy = (s: number) => (s % 5 === 2 ? s + 2 : undefined);
      const ids = new Set<string>();
      for (let s = 0; s <= acked + 1; s++) {
        const record = await collection.get(`v${s}`);
        const deleter = deletedBy(s);
        if (deleter !== undefined && deleter <= acked) {
          expect(record).toBeUndefined();
        } else if (s <= acked) {
          expect(record?.vector).toEqual(Array.from(Float32Array.from(crashVector(s))));
          expect(record?.metadata).toEqual({ step: s });
        }
        if (record !== undefined) ids.add(record.id);
      }
      expect(await collection.count()).toBe(ids.size);
      // The index holds exactly the stored ids: nothing missing, no ghost.
      const all = await collection.search(crashVector(0), { k: ids.size + 10, ef: 2000 });
      expect(new Set(all.map((h) => h.id))).toEqual(ids);
      for (const id of [...ids].slice(-5)) {
        const s = Number(id.slice(1));
        expect((await collection.search(crashVector(s), { k: 1 }))[0]?.id).toBe(id);
      }
    } finally {
      await reopened.close();
      if (spec.backend === "level") await rm(spec.path, { recursive: true, force: true });
    }
  });
});
