/**
 * A real kernel on loopback for tests: the config goes through the real TOML loader, every
 * component on the backend named, and four tokens (two tenants, read and write, one admin,
 * one revoked). Data dirs and tenants are fresh per kernel, so files run in parallel.
 */
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { type BackendName, postgresTestUrl, selectedBackends } from "@mnemo/testing";
import { createToken } from "../src/auth/tokens.js";
import { parseConfig } from "../src/config/load.js";
import { type Kernel, type KernelOptions, startKernel } from "../src/kernel.js";
import { Logger } from "../src/log.js";

export { selectedBackends };

/**
 * Waits for the clock to pass `time`, so a later write is strictly after a read time: two
 * graph transactions in one millisecond leave the first one's belief unreadable by design.
 */
export async function clockPast(time: number): Promise<void> {
  while (Date.now() <= time) await sleep(1);
}

export interface TestTokens {
  readonly acmeWrite: string;
  readonly acmeRead: string;
  readonly globexWrite: string;
  readonly admin: string;
  readonly revoked: string;
}

export interface TestKernel {
  readonly kernel: Kernel;
  readonly base: string;
  readonly tokens: TestTokens;
  readonly tenants: { readonly acme: string; readonly globex: string };
  readonly dataDir: string;
  call(
    method: string,
    path: string,
    options?: {
      token?: string | null;
      body?: unknown;
      raw?: string;
      headers?: Record<string, string>;
    },
  ): Promise<{ status: number; body: unknown; headers: Headers }>;
  close(): Promise<void>;
}

export interface TestKernelOptions extends KernelOptions {
  readonly backend: BackendName;
  /** Extra TOML appended to the generated config. */
  readonly toml?: string;
  readonly maxBodyBytes?: number;
}

/** `[storage]` and `[storage.postgres]` for one backend (a fresh LevelDB directory). */
export function storageToml(backend: BackendName, dataDir: string): string {
  const lines = [
    "[storage]",
    `backend = "${backend}"`,
    `path = ${JSON.stringify(join(dataDir, "level"))}`,
  ];
  if (backend === "postgres") {
    lines.push("[storage.postgres]", `url = ${JSON.stringify(postgresTestUrl())}`, "pool_size = 4");
  }
  return lines.join("\n");
}

export async function startTestKernel(options: TestKernelOptions): Promise<TestKernel> {
  const dataDir = await mkdtemp(join(tmpdir(), "mnemo-kernel-"));
  const run = randomUUID().slice(0, 8);
  const tenants = { acme: `acme-${run}`, globex: `globex-${run}` };
  const acmeWrite = createToken(tenants.acme, ["read", "write"], "acme-write");
  const acmeRead = createToken(tenants.acme, ["read"], "acme-read");
  const globexWrite = createToken(tenants.globex, ["read", "write"]);
  const admin = createToken(tenants.acme, ["admin"]);
  const revoked = createToken(tenants.acme, ["read", "write"]);
  const toml = [
    "[server]",
    'host = "127.0.0.1"',
    "port = 0",
    `max_body_bytes = ${options.maxBodyBytes ?? 65536}`,
    storageToml(options.backend, dataDir),
    "[log]",
    'level = "silent"',
    acmeWrite.toml,
    acmeRead.toml,
    globexWrite.toml,
    admin.toml,
    `${revoked.toml}revoked = true\n`,
    options.toml ?? "",
  ].join("\n");
  const config = parseConfig(toml, "test.toml");
  const kernel = await startKernel(config, { logger: new Logger("silent"), ...options });
  const base = kernel.url.href.replace(/\/$/, "");
  const tokens = {
    acmeWrite: acmeWrite.token,
    acmeRead: acmeRead.token,
    globexWrite: globexWrite.token,
    admin: admin.token,
    revoked: revoked.token,
  };
  return {
    kernel,
    base,
    tokens,
    tenants,
    dataDir,
    async call(method, path, { token = tokens.acmeWrite, body, raw, headers = {} } = {}) {
      const init: RequestInit = { method, headers: { ...headers } };
      const h = init.headers as Record<string, string>;
      if (token !== null) h.authorization = `Bearer ${token}`;
      if (raw !== undefined || body !== undefined) {
        h["content-type"] ??= "application/json";
        init.body = raw ?? JSON.stringify(body);
      }
      const response = await fetch(base + path, init);
      if (response.headers.get("content-type")?.startsWith("text/event-stream")) {
        // An event stream never ends by itself: the status and headers are the answer.
        await response.body?.cancel();
        return { status: response.status, body: undefined, headers: response.headers };
      }
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {}
      return { status: response.status, body: parsed, headers: response.headers };
    },
    async close() {
      await kernel.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
