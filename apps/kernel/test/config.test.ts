// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${VAR} in TOML text is what these tests test
/** mnemo.toml: every error names the key path and line; defaults; ${VAR}; check-config. */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../src/config/load.js";
import { main } from "../src/main.js";

const check = (text: string, env: NodeJS.ProcessEnv = {}) =>
  parseConfig(text, "mnemo.toml", { env, cwd: "/srv" });

function errorOf(text: string, env: NodeJS.ProcessEnv = {}): string {
  try {
    check(text, env);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected a config error");
}

describe("config", () => {
  it("names the key path, what was expected, what came, and the line", () => {
    const text = [
      "[storage]",
      'backend = "level"',
      "",
      "[storage.sessions]",
      'backend = "redis"',
    ].join("\n");
    expect(errorOf(text)).toBe(
      'storage.sessions.backend: expected "memory" | "level" | "postgres", got "redis" (mnemo.toml:5)',
    );
  });

  it("refuses unknown keys and wrong types, each with its line", () => {
    expect(errorOf('[server]\nport = 80\nhots = "x"\n')).toBe(
      "server.hots: unknown key (mnemo.toml:3)",
    );
    expect(errorOf('[server]\nport = "80"\n')).toMatch(
      /^server\.port: expected number, got "80" \(mnemo\.toml:2\)$/,
    );
    expect(errorOf("[server]\nport = 70000\n")).toMatch(/server\.port: .*65535.*\(mnemo\.toml:2\)/);
    expect(errorOf("[storag]\nbackend = 'memory'\n")).toMatch(/^storag: unknown key/);
    const two = errorOf("[server]\nport = -1\n[metrics]\nenabled = 'yes'\n");
    expect(two.split("\n")).toHaveLength(2);
  });

  it("reports TOML syntax errors with their line", () => {
    expect(errorOf("[server]\nport = = 3\n")).toMatch(/\(mnemo\.toml:2\)$/);
  });

  it("interpolates ${VAR} and ${VAR:-default}, and never quotes a secret back", () => {
    const config = check(
      '[storage]\nbackend = "postgres"\n[storage.postgres]\nurl = "${PG_URL}"\npool_size = 3\n[storage.level]\npath = "${DATA:-/var/mnemo}"\n',
      { PG_URL: "postgres://u:hunter2@db/x" },
    );
    expect(config.components.sessions).toMatchObject({
      kind: "postgres",
      url: "postgres://u:hunter2@db/x",
      poolSize: 3,
    });
    expect(errorOf('[storage.postgres]\nurl = "${NOPE}"\n')).toBe(
      "storage.postgres.url: environment variable NOPE is not set (mnemo.toml:2)",
    );
    const secret = errorOf("[storage.postgres]\nurl = 5\n");
    expect(secret).toBe("storage.postgres.url: expected string (mnemo.toml:2)");
    // A variable's value is data, never TOML: it cannot add keys.
    const injected = check('[server]\nhost = "${H}"\n', { H: '127.0.0.1"\nport = 1' });
    expect(injected.server.host).toBe('127.0.0.1"\nport = 1');
  });

  it("fills every default: LevelDB under ./.mnemo-data, per-component overrides", () => {
    const config = check('[storage.sessions]\nbackend = "memory"\n');
    expect(config.components.event_log).toEqual({
      kind: "level",
      path: "/srv/.mnemo-data",
      durability: "balanced",
    });
    expect(config.components.sessions).toEqual({ kind: "memory" });
    expect(config.server).toMatchObject({ host: "127.0.0.1", port: 7411 });
    expect(config.auth).toEqual({ mode: "tokens", tokens: [] });
    expect(check('auth = "none"\ntenant = "me"\n').auth).toEqual({ mode: "none", tenant: "me" });
    expect(errorOf('[storage]\nbackend = "postgres"\n')).toMatch(
      /^storage\.vector_embeddings\.backend: postgres needs storage\.postgres\.url/,
    );
  });

  it("mnemo check-config validates a file without starting anything", async () => {
    const dir = await mkdtemp(join(tmpdir(), "mnemo-config-"));
    try {
      const good = join(dir, "good.toml");
      const bad = join(dir, "bad.toml");
      await writeFile(good, '[storage]\nbackend = "memory"\n');
      await writeFile(bad, '[storage]\nbackend = "redis"\n');
      const out: string[] = [];
      const err: string[] = [];
      const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l) };
      expect(await main(["check-config", good], io)).toBe(0);
      expect(out[0]).toMatch(/good\.toml: ok \(vector_embeddings=memory/);
      expect(await main(["check-config", bad], io)).toBe(1);
      expect(err[0]).toBe(
        'mnemo check-config: storage.backend: expected "memory" | "level" | "postgres", got "redis" (bad.toml:2)',
      );
      expect(await main(["check-config", join(dir, "missing.toml")], io)).toBe(1);
      const mcp = join(dir, "mcp.toml");
      await writeFile(mcp, '[mcp]\ntools = ["recall", "forget_everything"]\n');
      expect(await main(["check-config", mcp], io)).toBe(1);
      expect(err.at(-1)).toMatch(
        /^mnemo check-config: mcp\.tools\[1\]: names no tool: "forget_everything" \(.*mcp\.toml\)$/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("mnemo token create prints the token once and the entry to paste", async () => {
    const out: string[] = [];
    const io = { out: (l: string) => out.push(l), err: () => {} };
    expect(await main(["token", "create", "--tenant", "acme", "--scope", "read,write"], io)).toBe(
      0,
    );
    const token = /mnemo_[A-Za-z0-9_-]{43}/.exec(out.join("\n"))?.[0] as string;
    expect(token).toBeDefined();
    const entry = out.slice(out.indexOf("paste into mnemo.toml:") + 1).join("\n");
    expect(entry).not.toContain(token);
    const config = check(entry);
    expect(config.auth).toMatchObject({
      mode: "tokens",
      tokens: [{ tenant: "acme", scopes: ["read", "write"] }],
    });
    expect(await main(["token", "create", "--tenant", "acme", "--scope", "root"], io)).toBe(1);
  });
});
