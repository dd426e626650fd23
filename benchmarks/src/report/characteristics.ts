/**
 * Writes each backend's measured single get/set p50 into its `src/measured-latency.ts`, so
 * `characteristics()` reports figures this suite measured rather than guesses.
 */
import { writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { BenchResults, KvResult } from "../harness/results.js";

/** The Mnemo variant whose figures a backend reports: its default configuration. */
const DEFAULT_VARIANT: Readonly<Record<string, string>> = {
  memory: "",
  level: "balanced",
  postgres: "rls on",
};

const round = (us: number) => (us < 10 ? Math.round(us * 100) / 100 : Math.round(us));

export async function writeMeasuredLatency(results: BenchResults): Promise<string[]> {
  const written: string[] = [];
  for (const [backend, variant] of Object.entries(DEFAULT_VARIANT)) {
    const pick = (c: string): KvResult | undefined =>
      results.kv.find(
        (r) => r.role === "mnemo" && r.backend === backend && r.variant === variant && r.case === c,
      );
    const read = pick("single get")?.p50Us;
    const write = pick("single set")?.p50Us;
    if (read === undefined || write === undefined) continue;
    const file = fileURLToPath(
      new URL(`../../../packages/backend-${backend}/src/measured-latency.ts`, import.meta.url),
    );
    await writeFile(
      file,
      `// Written by \`pnpm bench\` from benchmarks/results/latest.json (${results.meta.date}):\n` +
        `// median single get / set in µs${variant ? `, ${variant}` : ""}. Do not edit by hand.\n` +
        `export const MEASURED_LATENCY = { avgReadLatencyUs: ${round(read)}, avgWriteLatencyUs: ${round(write)} } as const;\n`,
    );
    written.push(file);
  }
  return written;
}
