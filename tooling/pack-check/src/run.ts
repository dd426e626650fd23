/** Child processes for the pack check: output shown as it comes, a non-zero exit thrown. */
import { spawn } from "node:child_process";

export interface RunOptions {
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Capture stdout and return it instead of showing it. */
  readonly capture?: boolean;
}

export function run(
  command: string,
  args: readonly string[],
  options: RunOptions,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ["ignore", options.capture ? "pipe" : "inherit", "inherit"],
    });
    let stdout = "";
    child.stdout?.on("data", (chunk) => {
      stdout += String(chunk);
    });
    child.on("error", reject);
    child.on("close", (code, signal) => {
      if (code === 0) resolve(stdout);
      else
        reject(
          new Error(`${command} ${args.join(" ")} (in ${options.cwd}) exited ${code ?? signal}`),
        );
    });
  });
}

/** pnpm: the one running this script (`pnpm pack-check`), else the version the repo pins. */
export function pnpmCommand(pinned: string): { command: string; prefix: string[] } {
  const execPath = process.env.npm_execpath;
  if (execPath && /pnpm/.test(execPath)) return { command: process.execPath, prefix: [execPath] };
  return { command: "npx", prefix: ["-y", pinned] };
}
