/** What the phase commands print: a migration's state and verify's results, text or JSON. */
import { type MigrationState, PHASES, type TenantVerifyResult } from "@mnemo/migration";
import type { Io } from "./cli.js";

export function printState(io: Io, state: MigrationState, json: boolean | undefined): void {
  if (json) {
    io.stdout.write(`${JSON.stringify(state)}\n`);
    return;
  }
  const b = state.backfill;
  const lines = [
    `namespace ${state.namespace}: phase ${state.phase} (${PHASES.indexOf(state.phase) + 1}/${PHASES.length})`,
    `  from ${state.source} to ${state.target}; tenants ${state.tenants?.join(", ") ?? "all"}; batch ${state.batchSize}`,
    `  backfill: ${b.finished ? "finished" : "not finished"}, ${b.copied} copied, ${b.skipped} skipped, ${b.bytes} bytes, ${b.done.length} tenants done${b.current ? `, at ${b.current.tenant}/${JSON.stringify(b.current.lastKey)}` : ""}`,
    `  verify: ${state.verify ? `${state.verify.equal ? "equal" : "DIFFERENT"} over ${state.verify.keys} keys` : "not run"}`,
  ];
  io.stdout.write(`${lines.join("\n")}\n`);
}

export function printVerify(
  io: Io,
  results: readonly TenantVerifyResult[],
  json: boolean | undefined,
): boolean {
  const equal = results.every((r) => r.equal);
  if (json) io.stdout.write(`${JSON.stringify({ equal, tenants: results })}\n`);
  else {
    for (const r of results) {
      io.stdout.write(
        `tenant ${r.tenant}: ${r.equal ? "equal" : "DIFFERENT"} (${r.keys} keys, ${r.ranges} ranges, ${r.differingRanges} differing)\n`,
      );
      for (const d of r.differing) io.stdout.write(`  ${d.kind} ${JSON.stringify(d.key)}\n`);
    }
  }
  return equal;
}
