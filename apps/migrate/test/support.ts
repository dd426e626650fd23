/** Runs mnemo-migrate in tests: in this process through `run`, or as a process. */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { Readable } from "node:stream";
import { CHILD_CWD, postgresTestUrl, scriptArgs } from "@mnemo/testing";
import { run } from "../src/cli.js";

export const MAIN = new URL("../src/main.ts", import.meta.url);

export interface Result {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** One command, in this process, as the bin runs it (not a terminal: no prompts, plain progress). */
export async function cli(args: readonly string[]): Promise<Result> {
  let stdout = "";
  let stderr = "";
  const code = await run(["node", "mnemo-migrate", ...args], {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    stdin: Readable.from([]),
  });
  return { code, stdout, stderr };
}

export function spawned(
  args: readonly string[],
  script: URL = MAIN,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, scriptArgs(script, args), {
      cwd: CHILD_CWD,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => {
      stdout += String(c);
    });
    child.stderr.on("data", (c) => {
      stderr += String(c);
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * The mnemo.toml of the kernel the --kernel tests start: LevelDB under `dir` by default, one
 * component on the test PostgreSQL (schema `schema`), the given tokens, silent logs.
 */
export function kernelToml(o: {
  dir: string;
  schema: string;
  postgresComponent: string;
  tokens: readonly { toml: string }[];
}): string {
  return [
    "[server]",
    'host = "127.0.0.1"',
    "port = 0",
    "[storage]",
    'backend = "level"',
    `path = ${JSON.stringify(join(o.dir, "level"))}`,
    "[storage.postgres]",
    `url = ${JSON.stringify(postgresTestUrl())}`,
    `schema = "${o.schema}"`,
    "pool_size = 4",
    `[storage.${o.postgresComponent}]`,
    'backend = "postgres"',
    "[log]",
    'level = "silent"',
    ...o.tokens.map((t) => t.toml),
  ].join("\n");
}

/** A JSON call to the kernel at `base` with `token`: its status and parsed body. */
export async function kernelCall(
  base: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(base + path, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
