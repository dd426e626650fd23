/**
 * Swaps that go wrong: a migration whose verification fails leaves the old backend serving
 * with every acknowledged write; a kernel SIGKILLed in the middle of a swap's migration
 * restarts on the old backend, resumes the swap the config asks for, and loses nothing.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { postgresTestUrl, scriptArgs, selectedBackends } from "@mnemo/testing";
import { describe, expect, it, vi } from "vitest";
import { createToken } from "../src/auth/tokens.js";
import { stateFileOf } from "../src/swap-state.js";
import { startTestKernel } from "./helpers.js";

const MAIN = new URL("../src/main.ts", import.meta.url);
const bytes = (s: string) => new TextEncoder().encode(s);

describe("hot swap faults", () => {
  it("a migration that fails verification leaves the old backend serving everything", async () => {
    let corrupt = true;
    const k = await startTestKernel({
      backend: "memory",
      swap: {
        onStep: async (component, step) => {
          if (component !== "sessions" || step !== "verify" || !corrupt) return;
          // A key only the new store holds: verification must see it.
          const spec = {
            kind: "level",
            path: k.kernel.config.levelPath!,
            durability: "fast",
          } as const;
          const share = await k.kernel.opener.open(spec, "sessions");
          await share.backend.forTenant(k.tenants.acme).set("zz-stray", bytes("x"));
          await share.release();
        },
      },
    });
    try {
      for (let i = 0; i < 50; i++) {
        const r = await k.call("POST", "/v1/sessions", {
          body: { id: `s${i}`, ttlMs: 600_000, data: { i } },
        });
        expect(r.status).toBe(200);
      }
      const failed = await k.call("POST", "/admin/components/sessions/backend", {
        token: k.tokens.admin,
        body: { backend: "level" },
      });
      expect(failed.status).toBe(500);
      expect(failed.body).toMatchObject({ code: "CORRUPTED" });
      expect((failed.body as { detail: string }).detail).toMatch(
        /zz-stray.*old backend keeps serving/,
      );
      expect(k.kernel.runtime.slot("sessions").ref.current.kind).toBe("memory");
      for (let i = 0; i < 50; i++)
        expect((await k.call("GET", `/v1/sessions/s${i}`)).status).toBe(200);
      const ready = await k.call("GET", "/readyz");
      expect(ready.body).toMatchObject({ swaps: { sessions: { last: { ok: false } } } });
      // The partial copy was removed: the same swap, uncorrupted, now succeeds.
      corrupt = false;
      const ok = await k.call("POST", "/admin/components/sessions/backend", {
        token: k.tokens.admin,
        body: { backend: "level" },
      });
      expect(ok.status).toBe(200);
      for (let i = 0; i < 50; i++)
        expect((await k.call("GET", `/v1/sessions/s${i}`)).status).toBe(200);
    } finally {
      await k.close();
    }
  });

  it.runIf(selectedBackends().includes("postgres"))(
    "SIGKILL mid-migration: the restart serves the old backend, resumes, loses nothing",
    async () => {
      const dir = await mkdtemp(join(tmpdir(), "mnemo-swap-kill-"));
      const token = createToken("kill", ["read", "write", "admin"]);
      const config = join(dir, "mnemo.toml");
      const schema = `swap_kill_${randomUUID().slice(0, 8)}`;
      const toml = (sessions: string) =>
        [
          "[server]",
          "port = 0",
          "[storage]",
          'backend = "level"',
          'path = "./data"',
          "[storage.postgres]",
          `url = ${JSON.stringify(postgresTestUrl())}`,
          "pool_size = 4",
          `schema = "${schema}"`,
          "[storage.sessions]",
          `backend = "${sessions}"`,
          "[log]",
          "requests = false",
          token.toml,
        ].join("\n");
      await writeFile(config, toml("level"));
      const children: ChildProcess[] = [];
      try {
        const a = await serve(config, dir, children);
        const acked = await writeSessions(a.url, token.token, "before", 1500);
        // The file now names PostgreSQL; the watcher starts the swap; killed in its backfill.
        await writeFile(config, toml("postgres"));
        const during = writeSessions(a.url, token.token, "during", 100_000, () => a.killed);
        await a.waitFor(/"msg":"swap step".*"step":"backfill"/);
        a.child.kill("SIGKILL");
        a.killed = true;
        await a.exited;
        acked.push(...(await during));
        const record = JSON.parse(await readFile(stateFileOf(config), "utf8"));
        expect(record.components.sessions.serving.kind).toBe("level");
        expect(record.components.sessions.pending.kind).toBe("postgres");
        // Restarted: served from LevelDB at once, the swap resumed from the start.
        const b = await serve(config, dir, children);
        await vi.waitFor(
          async () => {
            const s = await fetch(`${b.url}/admin/components/sessions/backend`, {
              headers: { authorization: `Bearer ${token.token}` },
            });
            expect(((await s.json()) as { kind: string }).kind).toBe("postgres");
          },
          { timeout: 60_000, interval: 100 },
        );
        expect(b.output()).toMatch(/"msg":"swap finished"/);
        const missing: string[] = [];
        for (const id of acked) {
          const r = await fetch(`${b.url}/v1/sessions/${id}`, {
            headers: { authorization: `Bearer ${token.token}` },
          });
          if (r.status !== 200) missing.push(`${id}:${r.status}`);
        }
        expect(missing).toEqual([]);
        expect(acked.length).toBeGreaterThan(1500);
        b.child.kill("SIGTERM");
        expect(await b.exited).toBe(0);
      } finally {
        for (const child of children) child.kill("SIGKILL");
        await rm(dir, { recursive: true, force: true });
      }
    },
    100_000,
  );
});

async function serve(config: string, cwd: string, children: ChildProcess[]) {
  const child = spawn(process.execPath, scriptArgs(MAIN, ["serve", "--config", config]), {
    cwd,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let out = "";
  const waiters: { re: RegExp; resolve: () => void }[] = [];
  const onData = (c: unknown) => {
    out += String(c);
    for (const w of waiters.splice(0)) {
      if (w.re.test(out)) w.resolve();
      else waiters.push(w);
    }
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const waitFor = (re: RegExp) =>
    new Promise<void>((resolve, reject) => {
      if (re.test(out)) return resolve();
      waiters.push({ re, resolve });
      exited.then(() => reject(new Error(`exited before ${re}: ${out.slice(-2000)}`)));
    });
  await waitFor(/listening on (\S+)/);
  const url = /listening on (\S+)/.exec(out)?.[1] as string;
  return { child, url, exited, waitFor, output: () => out, killed: false };
}

/** Creates sessions 16 at a time; returns the ids acknowledged (200) until `stop()`. */
async function writeSessions(
  url: string,
  token: string,
  prefix: string,
  count: number,
  stop: () => boolean = () => false,
): Promise<string[]> {
  const acked: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count && !stop()) {
      const id = `${prefix}-${next++}`;
      try {
        const r = await fetch(`${url}/v1/sessions`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify({ id, ttlMs: 3_600_000, data: { id } }),
        });
        if (r.status === 200) acked.push(id);
        else await r.body?.cancel();
      } catch {
        return; // the kernel was killed
      }
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  return acked;
}
