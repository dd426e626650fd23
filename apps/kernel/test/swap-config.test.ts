/**
 * Swaps the config file asks for: a watched file's new backend is swapped to (debounced); an
 * invalid new file is refused and logged while the old config serves; SIGHUP's reload does
 * the same on demand; a completed swap is recorded beside the config and survives a restart.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createToken } from "../src/auth/tokens.js";
import { loadConfigFile } from "../src/config/load.js";
import { type Kernel, startKernel } from "../src/kernel.js";
import { Logger } from "../src/log.js";
import { stateFileOf } from "../src/swap-state.js";

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

const admin = createToken("t", ["read", "write", "admin"]);

function toml(dir: string, sessions: string): string {
  return [
    "[server]",
    'host = "127.0.0.1"',
    "port = 0",
    "[storage]",
    'backend = "memory"',
    `path = ${JSON.stringify(join(dir, "level"))}`,
    "[storage.sessions]",
    `backend = "${sessions}"`,
    "[log]",
    'level = "silent"',
    admin.toml,
  ].join("\n");
}

async function setup() {
  const dir = await mkdtemp(join(tmpdir(), "mnemo-swap-config-"));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  const path = join(dir, "mnemo.toml");
  await writeFile(path, toml(dir, "memory"));
  return { dir, path };
}

async function start(path: string, watch: boolean, lines: string[] = []): Promise<Kernel> {
  const logger = new Logger("info", { write: (line: string) => lines.push(line) });
  const kernel = await startKernel(await loadConfigFile(path), {
    logger,
    swap: { configPath: path, stateFile: stateFileOf(path), watch, debounceMs: 20 },
  });
  cleanup.push(() => kernel.close());
  return kernel;
}

const kind = (kernel: Kernel) => kernel.runtime.slot("sessions").ref.current.kind;

describe("hot swap from the config file", () => {
  it("a watched file's new backend is swapped to; an invalid file is refused and logged", async () => {
    const { dir, path } = await setup();
    const lines: string[] = [];
    const kernel = await start(path, true, lines);
    expect(kind(kernel)).toBe("memory");
    await writeFile(path, toml(dir, "level"));
    await vi.waitFor(() => expect(kind(kernel)).toBe("level"), { timeout: 5000, interval: 20 });
    await writeFile(path, `${toml(dir, "level")}\n[storage.nope]\nbackend = "redis"\n`);
    await vi.waitFor(
      () => expect(lines.some((l) => l.includes("config change refused"))).toBe(true),
      { timeout: 5000, interval: 20 },
    );
    expect(lines.find((l) => l.includes("config change refused"))).toMatch(/storage\.nope/);
    expect(kind(kernel)).toBe("level");
    expect(kernel.runtime.slot("sessions").ref.generation).toBe(2);
  });

  it("SIGHUP's reload applies the file; the swap is recorded and a restart serves it", async () => {
    const { dir, path } = await setup();
    const first = await start(path, false);
    await writeFile(path, toml(dir, "level"));
    await first.swaps.reload();
    expect(kind(first)).toBe("level");
    const record = JSON.parse(await readFile(stateFileOf(path), "utf8"));
    expect(record.components.sessions.serving.kind).toBe("level");
    await first.close();
    // Back to memory in the file while it is down: served from level first, then swapped.
    await writeFile(path, toml(dir, "memory"));
    const second = await start(path, false);
    expect(second.runtime.slot("sessions").ref.generation).toBe(1);
    const applied = await second.swaps.startup;
    expect(applied.map((a) => [a.component, a.error])).toEqual([["sessions", undefined]]);
    expect(kind(second)).toBe("memory");
  });

  it("an admin swap stands over a restart while the config is unchanged", async () => {
    const { dir, path } = await setup();
    const first = await start(path, false);
    const level = { kind: "level", path: join(dir, "level"), durability: "balanced" } as const;
    await first.swaps.swapper.swap({ component: "sessions", backend: level, trigger: "admin" });
    await first.close();
    const second = await start(path, false);
    expect(await second.swaps.startup).toEqual([]);
    expect(kind(second)).toBe("level");
  });
});
