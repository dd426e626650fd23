import { forEachBackend } from "@mnemo/testing";
import { expect, it } from "vitest";
import { workflowState } from "../../src/operations/workflow-state.js";
import { runScenario } from "./harness.js";
import { expectAllRefused } from "./hostile.js";

const statuses = (page: { items: { status: string }[] }) => page.items.map((r) => r.status);

forEachBackend((backend) => {
  it("serves every workflow-state operation from JSON to JSON", async () => {
    const run = await runScenario(workflowState, backend, async (api) => {
      const created = await api.call("workflowState.createRun", {
        workflowId: "ingest",
        runId: "r-1",
        input: { url: "https://example.com" },
        metadata: { owner: "ops" },
      });
      expect(created).toMatchObject({ runId: "r-1", status: "pending", transitions: 0 });
      await api.fails(
        "workflowState.createRun",
        { workflowId: "ingest", runId: "r-1" },
        "FAILED_PRECONDITION",
      );
      await api.call("workflowState.start", { runId: "r-1" });
      await api.call("workflowState.pause", { runId: "r-1", reason: "waiting" });
      await api.call("workflowState.resume", { runId: "r-1" });
      const step = await api.call("workflowState.startStep", {
        runId: "r-1",
        stepId: "fetch",
        name: "Fetch",
        input: { page: 1 },
      });
      expect(step).toMatchObject({ status: "running", attempt: 1 });
      await api.call("workflowState.failStep", { runId: "r-1", stepId: "fetch", error: "timeout" });
      await api.call("workflowState.startStep", { runId: "r-1", stepId: "fetch" });
      expect(
        await api.call("workflowState.completeStep", {
          runId: "r-1",
          stepId: "fetch",
          output: { bytes: 10 },
        }),
      ).toMatchObject({ status: "completed", attempt: 2, output: { bytes: 10 } });
      await api.call("workflowState.skipStep", { runId: "r-1", stepId: "notify", reason: "none" });
      expect(
        await api.call("workflowState.getStep", { runId: "r-1", stepId: "notify" }),
      ).toMatchObject({ status: "skipped" });
      await api.fails("workflowState.getStep", { runId: "r-1", stepId: "nope" }, "NOT_FOUND");
      const steps = await api.call("workflowState.listSteps", { runId: "r-1", limit: 1 });
      expect(steps.items.map((s: { stepId: string }) => s.stepId)).toStrictEqual(["fetch"]);
      const rest = await api.call("workflowState.listSteps", {
        runId: "r-1",
        cursor: steps.nextCursor,
      });
      expect(rest.items.map((s: { stepId: string }) => s.stepId)).toStrictEqual(["notify"]);
      const done = await api.call("workflowState.complete", { runId: "r-1", output: { pages: 1 } });
      expect(done).toMatchObject({ status: "completed", output: { pages: 1 } });
      await api.fails("workflowState.start", { runId: "r-1" }, "FAILED_PRECONDITION");
      await api.fails("workflowState.getRun", { runId: "nope" }, "NOT_FOUND");

      await api.call("workflowState.createRun", { workflowId: "ingest", runId: "r-2" });
      await api.call("workflowState.cancel", { runId: "r-2", reason: "not needed" });
      await api.call("workflowState.createRun", { workflowId: "ingest", runId: "r-3" });
      await api.call("workflowState.transition", { runId: "r-3", to: "running", reason: "go" });
      expect(
        await api.call("workflowState.fail", {
          runId: "r-3",
          error: { message: "boom", code: "E1", details: { at: 3 } },
        }),
      ).toMatchObject({ status: "failed", error: { message: "boom", code: "E1" } });
      await api.call("workflowState.createRun", { workflowId: "ingest", runId: "r-4" });
      await api.fails(
        "workflowState.transition",
        { runId: "r-4", to: "completed" },
        "FAILED_PRECONDITION",
      );

      expect(await api.call("workflowState.getRun", { runId: "r-3" })).toMatchObject({
        status: "failed",
        transitions: 2,
      });
      expect(
        statuses(await api.call("workflowState.listRuns", { workflowId: "ingest" })),
      ).toStrictEqual(["completed", "cancelled", "failed", "pending"]);
      const failed = await api.call("workflowState.listRuns", { status: "failed", reverse: true });
      expect(failed.items.map((r: { runId: string }) => r.runId)).toStrictEqual(["r-3"]);
      const moves = await api.call("workflowState.listTransitions", { runId: "r-1" });
      expect(moves.items.map((t: { to: string }) => t.to)).toStrictEqual([
        "running",
        "paused",
        "running",
        "completed",
      ]);
    });
    for (const op of workflowState.operations) expectAllRefused(op, run.samples.get(op.name));
  });
});
