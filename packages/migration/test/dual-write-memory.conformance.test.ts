/**
 * The dualWrite decorator passes the conformance suite in every phase, on a memory pair (the
 * routing alone, no driver in the way). Each phase with a routing of its own runs both
 * passes (the tenant pass without the byte-limit specs its root pass ran; 50 model
 * sequences, in CI too); the phases that route exactly like an earlier one (backfill and
 * verify like dual-write, remove-old like stop-old-writes) run the root pass without them,
 * with 20. `MNEMO_DUAL_PHASE` picks one phase.
 */
import { openMemoryBackend } from "@mnemo/backend-memory";
import { describeConformance } from "@mnemo/testing";
import { describe, expect, it } from "vitest";
import { dualWrite, PHASES, PhaseCell, routingOf } from "../src/index.js";

const REPEATED = new Set(["backfill", "verify", "remove-old"]);
const LIMIT_SPECS = ["scan-memory", "commit-limits"];
const only = process.env.MNEMO_DUAL_PHASE;

describe("phase routing", () => {
  it("routes the phases the suite runs lighter exactly like the one before them", () => {
    expect(routingOf("backfill")).toEqual(routingOf("dual-write"));
    expect(routingOf("verify")).toEqual(routingOf("dual-write"));
    expect(routingOf("remove-old")).toEqual(routingOf("stop-old-writes"));
  });
});

for (const phase of PHASES.filter((p) => only === undefined || p === only)) {
  const open = async () =>
    dualWrite(await openMemoryBackend(), await openMemoryBackend(), new PhaseCell(phase));
  if (REPEATED.has(phase)) {
    describeConformance(`dualWrite memory→memory in ${phase}`, {
      open,
      skip: LIMIT_SPECS,
      modelRuns: 20,
      subjects: ["root"],
    });
  } else {
    // The tenant pass leaves out the byte-limit specs the root pass of the same phase ran.
    describeConformance(`dualWrite memory→memory in ${phase}`, {
      open,
      modelRuns: 50,
      subjects: ["root"],
    });
    describeConformance(`dualWrite memory→memory in ${phase}`, {
      open,
      modelRuns: 50,
      skip: LIMIT_SPECS,
      subjects: ["tenant"],
    });
  }
}
