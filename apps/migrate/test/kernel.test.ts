/**
 * start/status --kernel against a real kernel over real HTTP (started here, in this process:
 * the CLI's side only talks HTTP to it): a live LevelDB → PostgreSQL move of the sessions
 * component while its data stays readable, the steps followed, and the failures a script
 * sees (an unreachable kernel, no token, a bad token, a non-admin token).
 */
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createToken, type Kernel, parseConfig, startKernel } from "@mnemo/kernel";
import { CHILD_CWD, scriptArgs } from "@mnemo/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXIT } from "../src/exit-codes.js";
import { cli, kernelCall, kernelToml, MAIN, spawned } from "./support.js";

let dir: string;
let kernel: Kernel;
let base: string;
const run = randomUUID().slice(0, 8);
const tenant = `acme-${run}`;
const admin = createToken(tenant, ["admin"]);
const writer = createToken(tenant, ["read", "write"]);
const steps: string[] = [];

const call = (method: string, path: string, body?: unknown) =>
  kernelCall(base, writer.token, method, path, body);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "mnemo-cli-kernel-"));
  // One component on PostgreSQL: `--target postgres` means the kernel's [storage.postgres].
  const toml = kernelToml({
    dir,
    schema: `cli_kernel_${run}`,
    postgresComponent: "event_log",
    tokens: [admin, writer],
  });
  kernel = await startKernel(parseConfig(toml, "test.toml"), {
    swap: {
      // Slow enough at the backfill that the CLI's polling sees the step.
      onStep: async (_component, step) => {
        steps.push(step);
        if (step === "backfill") await new Promise((r) => setTimeout(r, 1500));
      },
    },
  });
  base = kernel.url.href.replace(/\/$/, "");
  for (let i = 0; i < 20; i++) {
    const created = await call("POST", "/v1/sessions", {
      id: `s${i}`,
      ttlMs: 600_000,
      data: { i },
    });
    expect(created.status).toBe(200);
  }
}, 60_000);

afterAll(async () => {
  await kernel?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("mnemo-migrate --kernel", () => {
  it("moves a live LevelDB component to PostgreSQL through the kernel and follows it", async () => {
    // Not on a terminal and without --yes: refused before the kernel is asked anything.
    const unconfirmed = await cli([
      "start",
      "--kernel",
      base,
      "--token",
      admin.token,
      "--namespace",
      "sessions",
      "--target",
      "postgres",
    ]);
    expect(unconfirmed.code).toBe(EXIT.REFUSED);
    expect(unconfirmed.stderr).toMatch(/delete it from the old backend once moved: pass --yes/);
    expect(kernel.runtime.slot("sessions").ref.current.kind).toBe("level");
    const before = await cli([
      "status",
      "--kernel",
      base,
      "--token",
      admin.token,
      "--namespace",
      "sessions",
    ]);
    expect(before.code, before.stderr).toBe(0);
    expect(before.stdout).toMatch(/^sessions: served from level:/);
    const moved = await cli([
      "start",
      "--kernel",
      base,
      "--token",
      admin.token,
      "--namespace",
      "sessions",
      "--target",
      "postgres",
      "--yes",
    ]);
    expect(moved.code, moved.stderr).toBe(0);
    expect(moved.stdout).toMatch(
      /^sessions moved from level:.* to postgres:\/\/.*#cli_kernel_.* in [\d.]+ s \(\d+ keys, \d+ bytes carried\)\n$/,
    );
    // Plain lines (not a terminal): the steps the kernel reported while the POST waited.
    expect(moved.stderr).toMatch(/swap sessions: backfill \([\d.]+ s\)/);
    expect(steps).toContain("cut-over");
    // Served from PostgreSQL now, every session still there.
    expect(kernel.runtime.slot("sessions").ref.current.kind).toBe("postgres");
    for (let i = 0; i < 20; i++) expect((await call("GET", `/v1/sessions/s${i}`)).status).toBe(200);
    const after = await cli([
      "status",
      "--kernel",
      base,
      "--token",
      admin.token,
      "--namespace",
      "sessions",
      "--json",
    ]);
    expect(JSON.parse(after.stdout)).toMatchObject({ kind: "postgres", last: { ok: true } });
    // Again: nothing to do.
    const again = await cli([
      "start",
      "--kernel",
      base,
      "--token",
      admin.token,
      "--namespace",
      "sessions",
      "--target",
      "postgres",
      "--yes",
    ]);
    expect(again.stdout).toMatch(/already served from/);
  }, 60_000);

  it("on a terminal, follows the swap with a bar over its steps", async () => {
    // util-linux `script` gives the CLI a pseudo-terminal (stdout and stderr both go to it).
    const args = scriptArgs(MAIN, [
      "start",
      "--kernel",
      base,
      "--token",
      admin.token,
      "--namespace",
      "procedural",
      "--target",
      "memory:",
      "--yes",
    ]);
    const command = [process.execPath, ...args]
      .map((a) => `'${a.replaceAll("'", "'\\''")}'`)
      .join(" ");
    const tty = await new Promise<{ code: number | null; out: string }>((resolve, reject) => {
      const child = spawn("script", ["-qefc", command, "/dev/null"], {
        cwd: CHILD_CWD,
        stdio: ["ignore", "pipe", "pipe"],
      });
      let out = "";
      child.stdout.on("data", (c) => {
        out += String(c);
      });
      child.on("error", reject);
      child.on("close", (code) => resolve({ code, out }));
    });
    expect(tty.code, tty.out).toBe(0);
    expect(tty.out).toMatch(/swap procedural \[[░█]+\] step \d\/8/);
    expect(tty.out).toMatch(/procedural moved from level:.* to memory/);
    expect(kernel.runtime.slot("procedural").ref.current.kind).toBe("memory");
  }, 60_000);

  it("takes the token from MNEMO_TOKEN and exits with codes a script can rely on", async () => {
    const status = ["status", "--kernel", base, "--namespace", "sessions"];
    const [fromEnv, none, bad, notAdmin, unreachable] = await Promise.all([
      spawned(status, undefined, { ...process.env, MNEMO_TOKEN: admin.token }),
      spawned(status, undefined, { ...process.env, MNEMO_TOKEN: "" }),
      cli([...status, "--token", "mnemo_not_a_token"]),
      cli([...status, "--token", writer.token]),
      cli(["status", "--kernel", "http://127.0.0.1:1", "--token", "x", "--namespace", "sessions"]),
    ]);
    expect(fromEnv.code, fromEnv.stderr).toBe(0);
    expect(fromEnv.stdout).toMatch(/^sessions: served from/);
    expect([none.code, bad.code, notAdmin.code]).toEqual([
      EXIT.UNAUTHORIZED,
      EXIT.UNAUTHORIZED,
      EXIT.UNAUTHORIZED,
    ]);
    expect(none.stderr).toMatch(/answered 401.*--token or MNEMO_TOKEN/);
    expect(notAdmin.stderr).toMatch(/answered 403.*admin scope/);
    expect(unreachable.code).toBe(EXIT.UNAVAILABLE);
    expect(unreachable.stderr).toMatch(
      /^mnemo-migrate: UNAVAILABLE: cannot reach the kernel at http:\/\/127\.0\.0\.1:1: .*ECONNREFUSED/,
    );
  }, 60_000);

  it("refuses bad requests before asking the kernel to do anything", async () => {
    const start = ["start", "--kernel", base, "--token", admin.token, "--yes"];
    const cases: [string[], number, RegExp][] = [
      [
        [...start, "--namespace", "nope", "--target", "level"],
        EXIT.NOT_FOUND,
        /no component "nope"/,
      ],
      [[...start, "--namespace", "graph"], EXIT.USAGE, /--target .* is required with --kernel/],
      [
        [...start, "--namespace", "graph", "--target", "postgres://x@127.0.0.1/db?schema=s"],
        EXIT.USAGE,
        /drop \?schema=/,
      ],
      [
        [...start, "--namespace", "graph", "--target", "level", "--source", "level:/tmp/x"],
        EXIT.USAGE,
        /drop --source/,
      ],
      [
        ["start", "--kernel", "ftp://h", "--namespace", "graph", "--target", "level"],
        EXIT.USAGE,
        /must be http/,
      ],
    ];
    for (const [args, code, message] of cases) {
      const result = await cli(args);
      expect(result.code, args.join(" ")).toBe(code);
      expect(result.stderr, args.join(" ")).toMatch(message);
    }
    expect(kernel.runtime.slot("graph").ref.current.kind).toBe("level");
    // A swap the kernel refuses (422: graph holds no data; memory is fine) comes back as such:
    // here, a PostgreSQL the kernel cannot reach is 503 → UNAVAILABLE.
    const down = await cli([
      ...start,
      "--namespace",
      "graph",
      "--target",
      "postgres://nobody@127.0.0.1:1/none",
    ]);
    expect(down.code, down.stderr).toBe(EXIT.UNAVAILABLE);
    expect(down.stderr).toMatch(/the kernel at .* answered 503/);
    expect(kernel.runtime.slot("graph").ref.current.kind).toBe("level");
  }, 60_000);
});
