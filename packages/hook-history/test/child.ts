// Runs a test fixture in a child process with TypeScript sources, as another process would.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
// `--import tsx` resolves from the working directory: @mnemo/testing depends on tsx.
const testingDir = fileURLToPath(new URL("../../testing/", import.meta.url));

export async function runFixture(script: string, args: string[]): Promise<void> {
  const path = fileURLToPath(new URL(`./fixtures/${script}`, import.meta.url));
  await run(process.execPath, ["--conditions=@mnemo/source", "--import", "tsx", path, ...args], {
    cwd: testingDir,
    timeout: 60_000,
  });
}
