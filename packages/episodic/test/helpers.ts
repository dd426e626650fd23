import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { StorageBackend } from "@mnemo/core";
import type { BackendSpec } from "@mnemo/testing";

/** Every entry of a handle, for "nothing was written" assertions. */
export async function dump(store: StorageBackend): Promise<[string, string][]> {
  const out: [string, string][] = [];
  for await (const [k, v] of store.scan()) out.push([k, Buffer.from(v).toString("hex")]);
  return out;
}

/** A clock the test moves by hand. */
export function manualClock(start = 1_700_000_000_000) {
  let now = start;
  return {
    now: () => now,
    set: (t: number) => {
      now = t;
    },
    advance: (ms: number) => {
      now += ms;
    },
  };
}

const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));
const tsxLoader = pathToFileURL(
  createRequire(new URL("../../testing/package.json", import.meta.url)).resolve("tsx"),
).href;

/** Runs `script` in a child Node process with `spec` and `args`; resolves with its stdout. */
export function runChild(script: URL, spec: BackendSpec, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        "--conditions=@mnemo/source",
        "--import",
        tsxLoader,
        fileURLToPath(script),
        JSON.stringify(spec),
        ...args,
      ],
      { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve(stdout.trim()) : reject(new Error(`child exited ${code}: ${stderr}`)),
    );
  });
}
