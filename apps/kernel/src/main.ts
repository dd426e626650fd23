/**
 * The `mnemo` command: `serve` (HTTP, with MCP at /mcp), `check-config`, `token create`,
 * `mcp` (MCP over stdio for desktop clients).
 * Returns the exit code; `serve` resolves only after a signal has drained the kernel.
 */
import { existsSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { createToken } from "./auth/tokens.js";
import { loadConfigFile, parseConfig } from "./config/load.js";
import type { KernelConfig } from "./config/resolve.js";
import { ConfigError } from "./config/resolve.js";
import { isLoopback, type Kernel, startKernel } from "./kernel.js";
import { exposureOf, unknownTools } from "./mcp/config.js";
import type { McpHttpHandler } from "./mcp/http.js";
import { mountMcp } from "./mcp/mount-kernel.js";
import { allTools } from "./mcp/server.js";
import { runMcpStdio } from "./mcp/stdio-kernel.js";
import type { Scope } from "./operations/define.js";
import { stateFileOf } from "./swap-state.js";

const USAGE = `usage:
  mnemo serve [--config mnemo.toml] [--port N] [--host H]
  mnemo check-config [mnemo.toml]
  mnemo token create --tenant ID --scope read,write[,admin] [--name NAME]
  mnemo mcp [--config mnemo.toml]`;

interface Io {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

const stdio: Io = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i === -1) return undefined;
  const value = args[i + 1];
  if (value === undefined || value.startsWith("--")) throw new ConfigError([name], "needs a value");
  args.splice(i, 2);
  return value;
}

/** `--config`, else ./mnemo.toml when present, else every default. */
export async function configFrom(args: string[]): Promise<KernelConfig> {
  const path = flag(args, "--config") ?? (existsSync("mnemo.toml") ? "mnemo.toml" : undefined);
  const config = path === undefined ? parseConfig("", "(defaults)") : await loadConfigFile(path);
  const port = flag(args, "--port");
  const host = flag(args, "--host");
  if (port === undefined && host === undefined) return config;
  const portNumber = port === undefined ? config.server.port : Number(port);
  if (!Number.isInteger(portNumber) || portNumber < 0 || portNumber > 65535) {
    throw new ConfigError(["--port"], `expected a port number, got ${JSON.stringify(port)}`);
  }
  return {
    ...config,
    server: { ...config.server, port: portNumber, host: host ?? config.server.host },
  };
}

/** The config file `serve` reads (the `--config` value or ./mnemo.toml), if any. */
function configPathOf(args: readonly string[]): string | undefined {
  const i = args.indexOf("--config");
  if (i !== -1) return args[i + 1];
  return existsSync("mnemo.toml") ? "mnemo.toml" : undefined;
}

async function serve(args: string[], io: Io): Promise<number> {
  const path = configPathOf(args);
  const config = await configFrom(args);
  // Hot swap: the file is watched, SIGHUP reads it again, completed swaps are recorded beside it.
  const swap =
    path === undefined ? {} : { configPath: path, stateFile: stateFileOf(path), watch: true };
  const tokenless =
    config.auth.mode === "tokens" &&
    config.auth.tokens.length === 0 &&
    isLoopback(config.server.host);
  // A kernel on loopback without tokens gets a development token, printed once.
  const dev = tokenless ? createToken("dev", ["read", "write", "admin"], "development") : undefined;
  const kernel = await startKernel(config, {
    swap,
    ...(dev === undefined ? {} : { extraTokens: [dev.entry] }),
  });
  const mcp = mountMcp(kernel, { exposure: exposureOf(config.mcp) });
  const base = kernel.url.href.replace(/\/$/, "");
  // One write, so a reader that sees the URL sees the token too.
  const lines = [`mnemo kernel listening on ${base} (MCP at ${base}/mcp)`];
  if (dev !== undefined) {
    lines.push(
      `development token (tenant "dev", this run only): ${dev.token}`,
      `try: curl -s -H "Authorization: Bearer ${dev.token}" -H 'content-type: application/json' \\`,
      `       -d '{"id":"demo","ttlMs":600000,"data":{"hello":"world"}}' ${base}/v1/sessions`,
      `     curl -s -H "Authorization: Bearer ${dev.token}" ${base}/v1/sessions/demo`,
    );
  }
  io.out(lines.join("\n"));
  return waitForSignal(kernel, mcp);
}

function waitForSignal(kernel: Kernel, mcp: McpHttpHandler): Promise<number> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off("SIGTERM", stop);
      process.off("SIGINT", stop);
      process.removeAllListeners("SIGHUP");
      kernel.logger.info("shutting down", { signal });
      // MCP sessions answer what they were asked before the backends close under them.
      mcp
        .close()
        .then(() => kernel.close())
        .then(
          () => {
            kernel.logger.info("stopped");
            kernel.logger.flush();
            resolve(0);
          },
          (error: unknown) => {
            kernel.logger.error("shutdown failed", { error: String(error) });
            kernel.logger.flush();
            resolve(1);
          },
        );
    };
    process.on("SIGTERM", stop);
    process.on("SIGINT", stop);
    process.on("SIGHUP", () => {
      kernel.logger.info("SIGHUP: reading the config again");
      void kernel.swaps.reload();
    });
  });
}

async function checkConfig(args: string[], io: Io): Promise<number> {
  const path = args[0] ?? "mnemo.toml";
  const config = await loadConfigFile(path);
  const unknown = unknownTools(config.mcp, allTools());
  if (unknown.length > 0) {
    const { path: key, name } = unknown[0]!;
    throw new ConfigError([key], `names no tool: ${JSON.stringify(name)}`, path);
  }
  const kinds = Object.entries(config.components).map(([key, spec]) => `${key}=${spec.kind}`);
  io.out(`${path}: ok (${kinds.join(", ")})`);
  return 0;
}

/** MCP over stdio until the client closes stdin; the tenant is the config's (`[mcp] tenant`). */
async function mcpStdio(args: string[]): Promise<number> {
  const config = await configFrom(args);
  await runMcpStdio(config, {
    exposure: exposureOf(config.mcp),
    ...(config.mcp.tenant === undefined ? {} : { tenant: config.mcp.tenant }),
    ...(config.mcp.scope === undefined ? {} : { scope: config.mcp.scope }),
  });
  return 0;
}

const SCOPES: readonly Scope[] = ["read", "write", "admin"];

function token(args: string[], io: Io): number {
  if (args[0] !== "create") {
    io.err(USAGE);
    return 2;
  }
  const rest = args.slice(1);
  const tenant = flag(rest, "--tenant");
  const scopeList = flag(rest, "--scope") ?? "read";
  const name = flag(rest, "--name");
  if (tenant === undefined || tenant === "") throw new ConfigError(["--tenant"], "is required");
  const scopes = scopeList.split(",").map((s) => s.trim());
  for (const scope of scopes) {
    if (!SCOPES.includes(scope as Scope)) {
      throw new ConfigError(
        ["--scope"],
        `expected read, write or admin, got ${JSON.stringify(scope)}`,
      );
    }
  }
  const created = createToken(tenant, scopes as Scope[], name);
  io.out(`token (shown once, keep it secret): ${created.token}`);
  io.out("");
  io.out("paste into mnemo.toml:");
  io.out(created.toml);
  return 0;
}

export async function main(argv: readonly string[], io: Io = stdio): Promise<number> {
  const [command, ...args] = argv;
  try {
    switch (command) {
      case "serve":
        return await serve(args, io);
      case "check-config":
        return await checkConfig(args, io);
      case "token":
        return token(args, io);
      case "mcp":
        return await mcpStdio(args);
      default:
        io.err(USAGE);
        return command === undefined || command === "help" || command === "--help" ? 0 : 2;
    }
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(`mnemo ${command}: ${error.message}`);
      return 1;
    }
    io.err(`mnemo ${command}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  process.exitCode = await main(process.argv.slice(2));
}
