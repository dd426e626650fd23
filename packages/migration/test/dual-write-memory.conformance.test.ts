/**
 * The dualWrite decorator passes the conformance suite in every phase, on a memory pair (the
 * routing alone, no driver in the way). Phases that route exactly like an earlier one
 * (backfill and verify like dual-write, remove-old like stop-old-writes) run on the root
 * handle only, without the specs that only push byte limits, and with fewer model
 * sequences (50 sequences on the others, in CI too: 4 routings × 2 passes); `MNEMO_DUAL_PHASE`
 * picks one phase.
 */
import { openMemoryBackend } from "@mnemo/backend-memory";
import { describeConformance } from "@mnemo/testing";
import { describe, expect, it } from "vitest";
import { dualWrite, PHASES, PhaseCell, routingOf } from "../src/index.js";

const REPEATED = new Set(["backfill", "verify", "remove-old"]);
const only = process.env.MNEMO_DUAL_PHASE;

describe("phase routing", () => {
  it("routes the phases the suite runs lighter exactly like the one before them", () => {
    expect(routingOf("backfill")).toEqual(routingOf("dual-write"));
    expect(routingOf("verify")).toEqual(routingOf("dual-write"));
    expect(routingOf("remove-old")).toEqual(routingOf("stop-old-writes"));
  });
});

for (const phase of PHASES.filter((p) => only === undefined || p === only)) {
  describeConformance(`dualWrite memory→memory in ${phase}`, {
    ...(REPEATED.has(phase)
      ? { skip: ["scan-memory", "commit-limits"], modelRuns: 20, subjects: ["root"] as const }
      : { modelRuns: 50 }),
    open: async () =>
      dualWrite(await openMemoryBackend(), await openMemoryBackend(), new PhaseCell(phase)),
  });
}
