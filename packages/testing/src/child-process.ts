/**
 * Runs TypeScript scripts in child processes from sources, as another process of an
 * application would: `node --conditions=@mnemo/source --import tsx <script> ...args`.
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";

// Resolved from here on first use (tsx is an optional peer dependency), so any working
// directory works and importing this package does not need tsx.
let tsxLoader: string | undefined;
const tsx = () => (tsxLoader ??= pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href);
const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

/** The working directory children run in: the repository root. */
export const CHILD_CWD = repoRoot;

/** The `node` arguments that run `script` (a path or file URL) from TypeScript sources. */
export function scriptArgs(script: string | URL, args: readonly string[] = []): string[] {
  const path = script instanceof URL || script.startsWith("file:") ? fileURLToPath(script) : script;
  return ["--conditions=@mnemo/source", "--import", tsx(), path, ...args];
}

/** Runs `script` to completion; resolves with its stdout, rejects with its stderr. */
export function runScript(script: string | URL, args: readonly string[] = []): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, scriptArgs(script, args), {
      cwd: repoRoot,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += String(chunk);
    });
    child.stderr.on("data", (chunk) => {
      stderr += String(chunk);
    });
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0
        ? resolve(stdout)
        : reject(new Error(`${String(script)} exited ${code}: ${stderr}`)),
    );
  });
}
