/**
 * Tokens follow the config file: a token revoked (or removed) in the file is refused as soon
 * as the kernel reads the file again (SIGHUP's reload or the watcher), on a connection that
 * already proved it too; a token added is accepted. A reload that would expose the kernel
 * (no live token on a non-loopback host) is refused and the old tokens keep serving.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { Agent, request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createToken } from "../src/auth/tokens.js";
import { loadConfigFile } from "../src/config/load.js";
import { type Kernel, startKernel } from "../src/kernel.js";
import { Logger } from "../src/log.js";

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

const alice = createToken("acme", ["read", "write"]);
const bob = createToken("acme", ["read", "write"]);

function toml(tokens: string[], host = "127.0.0.1"): string {
  return [
    "[server]",
    `host = "${host}"`,
    "port = 0",
    "[storage]",
    'backend = "memory"',
    "[log]",
    'level = "silent"',
    ...tokens,
  ].join("\n");
}

const revoked = (entry: string) => `${entry}revoked = true\n`;

/** GET /v1/sessions/x with `token` over `agent` (one kept-alive socket): the status. */
function status(kernel: Kernel, agent: Agent, token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    request(
      new URL("/v1/sessions/x", kernel.url),
      { agent, headers: { authorization: `Bearer ${token}` } },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    )
      .on("error", reject)
      .end();
  });
}

async function setup(tokens: string[], host?: string) {
  const dir = await mkdtemp(join(tmpdir(), "mnemo-auth-reload-"));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  const path = join(dir, "mnemo.toml");
  await writeFile(path, toml(tokens, host));
  const lines: string[] = [];
  const kernel = await startKernel(await loadConfigFile(path), {
    logger: new Logger("info", { write: (line: string) => lines.push(line) }),
    swap: { configPath: path, watch: false },
  });
  cleanup.push(() => kernel.close());
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  cleanup.push(async () => agent.destroy());
  return { path, kernel, agent, lines };
}

describe("tokens on reload", () => {
  it("a token revoked in the file is refused after the reload, on the same connection", async () => {
    const { path, kernel, agent } = await setup([alice.toml]);
    expect(await status(kernel, agent, alice.token)).toBe(404);
    expect(await status(kernel, agent, bob.token)).toBe(401);
    await writeFile(path, toml([revoked(alice.toml), bob.toml]));
    await kernel.swaps.reload();
    expect(await status(kernel, agent, alice.token)).toBe(401);
    expect(await status(kernel, agent, bob.token)).toBe(404);
    await writeFile(
      path,
      toml([bob.toml.replace(/^hash = .*$/m, `hash = "sha256:${"0".repeat(64)}"`)]),
    );
    await kernel.swaps.reload();
    expect(await status(kernel, agent, bob.token)).toBe(401);
  });

  it("a reload that would leave a non-loopback kernel without a live token is refused", async () => {
    // An IPv4-mapped loopback address: a loopback socket, which the exposure check counts as
    // a non-loopback host (it knows 127.*, ::1 and localhost), as it would count 0.0.0.0.
    const host = "::ffff:127.0.0.1";
    const { path, kernel, agent, lines } = await setup([alice.toml], host);
    expect(await status(kernel, agent, alice.token)).toBe(404);
    for (const refused of [toml([revoked(alice.toml)], host), `auth = "none"\n${toml([], host)}`]) {
      lines.length = 0;
      await writeFile(path, refused);
      await kernel.swaps.reload();
      kernel.logger.flush();
      expect(lines.join("\n")).toContain("config change refused");
      // The tokens in force keep serving, as they were.
      expect(await status(kernel, agent, alice.token)).toBe(404);
      expect(await status(kernel, agent, bob.token)).toBe(401);
    }
    await writeFile(path, toml([revoked(alice.toml), bob.toml], host));
    await kernel.swaps.reload();
    expect(await status(kernel, agent, alice.token)).toBe(401);
    expect(await status(kernel, agent, bob.token)).toBe(404);
  });
});
