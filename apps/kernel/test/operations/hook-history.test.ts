import { forEachBackend } from "@mnemo/testing";
import { expect, it } from "vitest";
import { hookHistory } from "../../src/operations/hook-history.js";
import { runScenario } from "./harness.js";
import { expectAllRefused } from "./hostile.js";

const T0 = 1_700_000_000_000;

forEachBackend((backend) => {
  it("serves every hook-history operation from JSON to JSON", async () => {
    const run = await runScenario(hookHistory, backend, async (api) => {
      const first = await api.call("hookHistory.record", {
        hookId: "redact",
        hookType: "pre-tool",
        input: { tool: "shell", command: "cat .env" },
        output: { allowed: false },
        startedAt: T0,
        durationMs: 3.2,
        correlationId: "req-42",
      });
      expect(first).toMatchObject({ seq: 1, hookId: "redact", correlationId: "req-42" });
      await api.call("hookHistory.record", {
        hookId: "redact",
        hookType: "pre-tool",
        input: null,
        error: "policy service unreachable",
        startedAt: T0 + 10,
        durationMs: 1500,
      });
      await api.call("hookHistory.record", {
        hookId: "audit",
        hookType: "post-response",
        input: [1, 2],
        startedAt: T0 + 20,
        durationMs: 0,
      });
      const failures = await api.call("hookHistory.query", { hookId: "redact", outcome: "error" });
      expect(failures.items.map((r: { seq: number }) => r.seq)).toStrictEqual([2]);
      const newest = await api.call("hookHistory.query", { reverse: true, limit: 2, from: T0 });
      expect(newest.items.map((r: { seq: number }) => r.seq)).toStrictEqual([3, 2]);
      const older = await api.call("hookHistory.query", {
        reverse: true,
        limit: 2,
        from: T0,
        cursor: newest.nextCursor,
      });
      expect(older.items.map((r: { seq: number }) => r.seq)).toStrictEqual([1]);
      expect(older.nextCursor).toBeUndefined();
      const stats = await api.call("hookHistory.stats", { from: T0, to: T0 + 100 });
      expect(stats.items).toMatchObject([
        { hookId: "audit", count: 1, errors: 0 },
        { hookId: "redact", count: 2, errors: 1, errorRate: 0.5, p99Ms: 1500 },
      ]);
      expect(await api.call("hookHistory.verify", {})).toMatchObject({ ok: true, checked: 3 });
      const kept = await api.call("hookHistory.deleteBefore", { before: 0 });
      expect(kept).toMatchObject({ deletedRecords: 0 });
      const all = await api.call("hookHistory.deleteBefore", {
        before: 253_402_300_799_999,
      });
      // The chain head stays: it carries the sequence on.
      expect(all).toMatchObject({ deletedRecords: 2, anchorSeq: 2 });
      expect(await api.call("hookHistory.verify", {})).toMatchObject({ ok: true, checked: 1 });
    });
    for (const op of hookHistory.operations) expectAllRefused(op, run.samples.get(op.name));
  });
});
