import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { StorageBackend } from "@mnemo/core";

/** Every entry of a handle, as hex, to assert that a refused call wrote nothing. */
export async function dump(store: StorageBackend): Promise<[string, string][]> {
  const out: [string, string][] = [];
  for await (const [key, value] of store.scan())
    out.push([key, Buffer.from(value).toString("hex")]);
  return out;
}

/** A clock tests move by hand. */
export function manualClock(start = 1_700_000_000_000) {
  let now = start;
  return {
    now: () => now,
    advance(ms: number) {
      now += ms;
    },
  };
}

// `--import tsx` resolves from the working directory: @mnemo/testing depends on tsx.
const testingDir = fileURLToPath(new URL("../../testing/", import.meta.url));

/** Runs a TypeScript script in a child process; resolves with its stdout. */
export function runScript(script: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--conditions=@mnemo/source", "--import", "tsx", fileURLToPath(script), ...args],
      { cwd: testingDir, stdio: ["ignore", "pipe", "pipe"] },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += String(chunk);
    });
    child.stderr.on("data", (chunk) => {
      stderr += String(chunk);
    });
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve(stdout) : reject(new Error(`${script} exited ${code}: ${stderr}`)),
    );
  });
}
