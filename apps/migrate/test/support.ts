/** Runs mnemo-migrate in tests: in this process through `run`, or as a process. */
import { spawn } from "node:child_process";
import { Readable } from "node:stream";
import { CHILD_CWD, scriptArgs } from "@mnemo/testing";
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
