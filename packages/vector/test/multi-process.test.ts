/**
 * Several processes on one collection (a store several processes share: PostgreSQL): two
 * writer processes insert, update and delete concurrently while a third process, open from
 * the start, searches; afterwards the reader and a fresh opener find every acknowledged id
 * with its latest vector, each found by searching itself, recall unchanged.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { CHILD_CWD, forEachBackend, scriptArgs } from "@mnemo/testing";
import { expect, it } from "vitest";
import { VectorStore } from "../src/index.js";
import { contentProblems, SHARED_COLLECTION } from "./shared-writers.js";

const writerScript = new URL("./fixtures/writer-child.ts", import.meta.url);
const readerScript = new URL("./fixtures/reader-child.ts", import.meta.url);
const COUNT = 300;

/** A child whose stdout lines can be awaited one marker at a time. */
function start(script: URL, args: string[]) {
  const child: ChildProcess = spawn(process.execPath, scriptArgs(script, args), {
    cwd: CHILD_CWD,
    stdio: ["pipe", "pipe", "pipe"],
  });
  const lines: string[] = [];
  const waiters: Array<() => void> = [];
  let stderr = "";
  let buffered = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    buffered += chunk.toString();
    const parts = buffered.split("\n");
    buffered = parts.pop()!;
    lines.push(...parts);
    for (const wake of waiters.splice(0)) wake();
  });
  child.stderr!.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  return {
    async line(match: (line: string) => boolean): Promise<string> {
      for (;;) {
        const found = lines.find(match);
        if (found !== undefined) return found;
        const code = await Promise.race([
          new Promise<"more">((resolve) => waiters.push(() => resolve("more"))),
          exited.then((c) => ({ exit: c })),
        ]);
        if (code !== "more" && lines.find(match) === undefined) {
          throw new Error(`${script.pathname} exited (${code.exit}) before the line: ${stderr}`);
        }
      }
    },
    send(text: string): void {
      child.stdin!.write(`${text}\n`);
    },
    exited,
  };
}

forEachBackend((backend) => {
  it("two writer processes and a reader lose nothing", { timeout: 180_000 }, async () => {
    const handle = await backend.open({ namespace: "vector" });
    // Only a store several processes open at once can be shared: PostgreSQL.
    if (!handle.characteristics().multiProcess) return;
    const spec = JSON.stringify(backend.spec(handle));
    await new VectorStore(handle).createCollection(SHARED_COLLECTION, {
      dimension: 8,
      metric: "cosine",
    });
    const reader = start(readerScript, [spec, String(COUNT)]);
    await reader.line((l) => l === "ready");
    const writers = (["a", "b"] as const).map((w) => start(writerScript, [spec, w, String(COUNT)]));
    for (const writer of writers) await writer.line((l) => l === "phase1");
    for (const writer of writers) writer.send("go");
    for (const writer of writers) await writer.line((l) => l === "done");
    reader.send("verify");
    const report = JSON.parse(await reader.line((l) => l.startsWith("{")));
    expect(report.problems).toEqual([]);
    expect(report.searches).toBeGreaterThan(0);
    await Promise.all([reader.exited, ...writers.map((w) => w.exited)]);
    // A process opening afterwards.
    const fresh = await new VectorStore(handle).collection(SHARED_COLLECTION);
    expect(await contentProblems(fresh, COUNT)).toEqual([]);
  });
});
