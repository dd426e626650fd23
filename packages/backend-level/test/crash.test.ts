/**
 * Kills a child process that writes through LevelBackend with SIGKILL at a random moment,
 * then reopens the directory (no repair) and checks that no acknowledged write is lost and
 * no batch is half-applied. 50 kills under CI, fewer locally.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { openLevelBackend } from "@mnemo/backend-level";
import { utf8Decode } from "@mnemo/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleScript, TSX_LOADER } from "./fixtures/bundle-writer.js";
import { checkRun } from "./fixtures/crash-plan.js";

const SAFE_KILLS = process.env.CI ? 50 : 8;
const BALANCED_KILLS = process.env.CI ? 4 : 2;
/** Independent directories killed in parallel, to amortise the child's start-up. */
const LANES = 2;

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const writer = fileURLToPath(new URL("./fixtures/crash-writer.ts", import.meta.url));
/** How a child is started: through the tsx loader, or as a pre-bundled script (fast start). */
type Launch = readonly string[];
const throughTsx: Launch = ["--conditions=@mnemo/source", "--import", TSX_LOADER, writer];
let bundled: Launch = [];

const dirs: string[] = [];
beforeAll(async () => {
  const script = await bundleScript(writer);
  dirs.push(dirname(script));
  bundled = [script];
});
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

interface Killed {
  /** n -> epoch ms of each acknowledged write. */
  readonly acks: Map<number, number>;
  readonly killedAt: number;
}

/** Runs the writer on `dir` and kills it `runMs` after it is ready. */
function runAndKill(
  launch: Launch,
  dir: string,
  durability: string,
  run: string,
  runMs: number,
): Promise<Killed> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, [...launch, dir, durability, run], {
      cwd: repoRoot,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const acks = new Map<number, number>();
    let killedAt = 0;
    let buffered = "";
    let stderr = "";
    child.stderr!.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdout!.on("data", (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split("\n");
      buffered = lines.pop()!;
      for (const line of lines) {
        if (line === "ready") {
          setTimeout(() => {
            killedAt = Date.now();
            child.kill("SIGKILL");
          }, runMs);
        } else {
          const [, n, at] = line.split(" ");
          acks.set(Number(n), Number(at));
        }
      }
    });
    child.on("error", reject);
    child.on("close", (code, signal) => {
      if (signal !== "SIGKILL") {
        reject(new Error(`writer exited with ${code} before the kill: ${stderr}`));
      } else resolve({ acks, killedAt });
    });
  });
}

/** Reopens `dir` (it must open as it is) and returns run `run`'s keys and values. */
async function contentsOf(dir: string, run: string): Promise<Map<string, string>> {
  const store = await openLevelBackend({ path: dir, durability: "safe" });
  try {
    const contents = new Map<string, string>();
    for await (const [key, value] of store.scan({ prefix: `${run}/` })) {
      contents.set(key, utf8Decode(value));
    }
    return contents;
  } finally {
    await store.close();
  }
}

async function lane(
  launch: () => Launch,
  durability: "safe" | "balanced",
  kills: number,
  runMs: () => number,
  mustSurvive: (killed: Killed, n: number) => boolean,
): Promise<{ acked: number; lost: number; problems: string[] }> {
  const dir = await mkdtemp(join(tmpdir(), `mnemo-crash-${durability}-`));
  dirs.push(dir);
  let acked = 0;
  let lost = 0;
  const problems: string[] = [];
  for (let i = 0; i < kills; i++) {
    const run = `r${i}`;
    const killed = await runAndKill(launch(), dir, durability, run, runMs());
    const contents = await contentsOf(dir, run);
    const result = checkRun(run, contents, (n) => mustSurvive(killed, n));
    acked += killed.acks.size;
    lost += Math.max(0, killed.acks.size - result.applied);
    problems.push(...result.problems.map((p) => `${run}: ${p}`));
  }
  return { acked, lost, problems };
}

/** Runs `kills` kills spread over LANES directories at once. */
async function lanes(
  launch: () => Launch,
  durability: "safe" | "balanced",
  kills: number,
  runMs: () => number,
  mustSurvive: (killed: Killed, n: number) => boolean,
) {
  const perLane = Math.ceil(kills / LANES);
  const results = await Promise.all(
    Array.from({ length: LANES }, () => lane(launch, durability, perLane, runMs, mustSurvive)),
  );
  return {
    acked: results.reduce((sum, r) => sum + r.acked, 0),
    lost: results.reduce((sum, r) => sum + r.lost, 0),
    problems: results.flatMap((r) => r.problems),
  };
}

describe("crash (SIGKILL)", () => {
  it(`safe: ${SAFE_KILLS} kills lose no acknowledged write and apply no batch in part`, async () => {
    const { acked, problems } = await lanes(
      () => bundled,
      "safe",
      SAFE_KILLS,
      () => 10 + Math.random() * 150,
      (killed, n) => killed.acks.has(n),
    );
    expect(problems).toEqual([]);
    // The kills landed while the child was writing, not before its first write.
    expect(acked).toBeGreaterThan(SAFE_KILLS);
  }, 120_000);

  it("balanced: a kill loses at most what was acknowledged in the last sync window", async () => {
    // A SIGKILL alone loses nothing even unsynced (LevelDB hands each write to the OS before
    // acknowledging it); the 100 ms window is what an OS crash could lose. The assertion
    // allows the window plus a generous margin for a loaded machine.
    const window = 100 + 900;
    // Started through tsx, as the other multi-process tests start their children.
    const { acked, lost, problems } = await lanes(
      () => throughTsx,
      "balanced",
      BALANCED_KILLS,
      () => 200 + Math.random() * 300,
      (killed, n) => (killed.acks.get(n) ?? Number.POSITIVE_INFINITY) < killed.killedAt - window,
    );
    expect(problems).toEqual([]);
    expect(acked).toBeGreaterThan(BALANCED_KILLS);
    // Measured here: 0 lost (see the README).
    console.info(`balanced crash test: ${acked} acknowledged writes, ${lost} lost`);
  }, 120_000);
});
