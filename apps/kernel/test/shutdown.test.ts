/**
 * `mnemo serve` as a real child process: prints its URL and a development token, serves,
 * and on SIGTERM or SIGINT drains, closes every backend (LevelDB's lock released) and exits 0.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openLevelBackend } from "@mnemo/backend-level";
import { scriptArgs } from "@mnemo/testing";
import { describe, expect, it } from "vitest";
import { main } from "../src/main.js";

const MAIN = new URL("../src/main.ts", import.meta.url);

async function serve(config: string, cwd: string) {
  const child = spawn(process.execPath, scriptArgs(MAIN, ["serve", "--config", config]), {
    cwd,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (c) => {
    out += String(c);
  });
  child.stderr?.on("data", (c) => {
    out += String(c);
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  while (!/listening on (\S+)/.test(out)) {
    const code = await Promise.race([exited, new Promise((r) => setTimeout(r, 50, "wait"))]);
    if (code !== "wait") throw new Error(`mnemo serve exited ${code}: ${out}`);
  }
  const url = /listening on (\S+)/.exec(out)?.[1] as string;
  const token = /development token[^:]*: (mnemo_\S+)/.exec(out)?.[1] as string;
  return { child, url, token, exited, output: () => out };
}

function stop(child: ChildProcess, signal: NodeJS.Signals) {
  child.kill(signal);
}

describe("mnemo serve", () => {
  it.concurrent.each(["SIGTERM", "SIGINT"] as const)(
    "%s drains, releases the LevelDB lock and exits 0",
    async (signal) => {
      const dir = await mkdtemp(join(tmpdir(), "mnemo-serve-"));
      try {
        const config = join(dir, "mnemo.toml");
        await writeFile(
          config,
          '[server]\nport = 0\n[storage]\nbackend = "level"\npath = "./data"\n',
        );
        const kernel = await serve(config, dir);
        expect(kernel.token).toMatch(/^mnemo_/);
        const auth = {
          authorization: `Bearer ${kernel.token}`,
          "content-type": "application/json",
        };
        const created = await fetch(`${kernel.url}/v1/sessions`, {
          method: "POST",
          headers: auth,
          body: JSON.stringify({ id: "kept", ttlMs: 3_600_000, data: { n: 1 } }),
        });
        expect(created.status).toBe(200);
        stop(kernel.child, signal);
        expect(await kernel.exited).toBe(0);
        const lines = kernel
          .output()
          .split("\n")
          .filter((l) => l.startsWith("{"));
        const logs = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
        expect(logs.find((l) => l.msg === "request")).toMatchObject({
          operation: "sessions.create",
          status: 200,
          requestId: expect.any(String),
        });
        for (const line of lines) expect(line).not.toContain(kernel.token);
        // The lock is released: this process can open the directory and finds the data.
        const level = await openLevelBackend({ path: join(dir, "data") });
        try {
          const keys = await level.forNamespace("sessions").forTenant("dev").listKeys();
          expect(keys.length).toBeGreaterThan(0);
        } finally {
          await level.close();
        }
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );

  it('refuses to start beyond loopback without tokens, and auth = "none" beyond loopback', async () => {
    const dir = await mkdtemp(join(tmpdir(), "mnemo-serve-"));
    try {
      for (const [name, toml] of [
        [
          "open.toml",
          'auth = "none"\n[server]\nhost = "0.0.0.0"\nport = 0\n[storage]\nbackend = "memory"\n',
        ],
        ["tokenless.toml", '[server]\nhost = "0.0.0.0"\nport = 0\n[storage]\nbackend = "memory"\n'],
      ] as const) {
        await writeFile(join(dir, name), toml);
        const err: string[] = [];
        const io = { out: () => {}, err: (l: string) => err.push(l) };
        expect(await main(["serve", "--config", join(dir, name)], io)).toBe(1);
        expect(err.join("\n")).toMatch(/loopback|no tokens/);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
