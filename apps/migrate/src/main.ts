/** The `mnemo-migrate` entry point. */
import { run } from "./cli.js";

export async function main(argv: readonly string[]): Promise<void> {
  process.exitCode = await run(argv, {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await main(process.argv);
