/**
 * What a JSON client can send to every method: null for options, numbers and strings where
 * other types go, `{"toString":"x"}`, 4,000-deep nesting, `reverse: "true"`, `fail` without
 * an error. Each is a StorageError INVALID_ARGUMENT (never a TypeError or RangeError) and
 * writes nothing.
 */
import { StorageError } from "@mnemo/core";
import { dump, forEachBackend, manualClock, unrefused } from "@mnemo/testing";
import { expect, it } from "vitest";
import { WorkflowStateStore } from "../src/index.js";

// biome-ignore lint/suspicious/noExplicitAny: hostile calls bypass the types on purpose
type Any = any;

function deep(levels: number): unknown {
  let value: unknown = {};
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
}

const toStringKey = JSON.parse('{"toString":"x"}');
const nested = deep(4000);

const calls: [string, (w: Any) => Promise<unknown>][] = [
  ["createRun(null)", (w) => w.createRun(null)],
  ["createRun(5)", (w) => w.createRun(5)],
  ["createRun(toString)", (w) => w.createRun(toStringKey)],
  ["createRun(workflowId number)", (w) => w.createRun({ workflowId: 5 })],
  ["createRun(runId toString)", (w) => w.createRun({ workflowId: "wf", runId: toStringKey })],
  ["createRun(4000-deep input)", (w) => w.createRun({ workflowId: "wf", input: nested })],
  ["createRun(metadata string)", (w) => w.createRun({ workflowId: "wf", metadata: "m" })],
  ["createRun(metadata Map)", (w) => w.createRun({ workflowId: "wf", metadata: { m: new Map() } })],
  ["getRun(null)", (w) => w.getRun(null)],
  ["transition(null options)", (w) => w.transition("r", "paused", null)],
  ["transition(status number)", (w) => w.transition("r", 5)],
  ["transition(reason number)", (w) => w.transition("r", "paused", { reason: 5 })],
  ["transition(error toString)", (w) => w.transition("r", "failed", { error: toStringKey })],
  ["transition(failed without error)", (w) => w.transition("r", "failed")],
  ["transition(4000-deep output)", (w) => w.transition("r", "completed", { output: nested })],
  ["fail(run) without error", (w) => w.fail("r")],
  ["fail(run, null)", (w) => w.fail("r", null)],
  ["fail(run, 5)", (w) => w.fail("r", 5)],
  ["pause(reason object)", (w) => w.pause("r", toStringKey)],
  ["cancel(reason array)", (w) => w.cancel("r", ["x"])],
  ["complete(output function)", (w) => w.complete("r", () => 1)],
  ["listRuns(null)", (w) => w.listRuns(null)],
  ["listRuns(reverse 'true')", (w) => w.listRuns({ status: "running", reverse: "true" })],
  ["listRuns(limit '5')", (w) => w.listRuns({ status: "running", limit: "5" })],
  ["listRuns(cursor object)", (w) => w.listRuns({ status: "running", cursor: toStringKey })],
  ["listRuns(cursor garbage)", (w) => w.listRuns({ status: "running", cursor: "!!" })],
  ["listRuns(status array)", (w) => w.listRuns({ status: ["running"] })],
  ["listSteps(null options)", (w) => w.listSteps("r", null)],
  ["listSteps(cursor number)", (w) => w.listSteps("r", { cursor: 5 })],
  ["listTransitions(limit 0)", (w) => w.listTransitions("r", { limit: 0 })],
  ["startStep(null options)", (w) => w.startStep("r", "s2", null)],
  ["startStep(name number)", (w) => w.startStep("r", "s2", { name: 5 })],
  ["startStep(4000-deep input)", (w) => w.startStep("r", "s2", { input: nested })],
  ["completeStep(null options)", (w) => w.completeStep("r", "s", null)],
  ["failStep(no error)", (w) => w.failStep("r", "s")],
  ["failStep(error toString)", (w) => w.failStep("r", "s", toStringKey)],
  ["skipStep(reason object)", (w) => w.skipStep("r", "s3", toStringKey)],
  ["getStep(5)", (w) => w.getStep("r", 5)],
];

forEachBackend((backend) => {
  it("refuses every hostile JSON input with INVALID_ARGUMENT and writes nothing", async () => {
    const store = await backend.open({ namespace: "workflow_state" });
    const runs = new WorkflowStateStore(store, { clock: manualClock() });
    await runs.createRun({ workflowId: "wf", runId: "r" });
    await runs.start("r");
    await runs.startStep("r", "s");
    const before = await dump(store);
    expect(await unrefused(calls.map(([name, call]) => [name, () => call(runs)]))).toEqual([]);
    expect(await dump(store)).toEqual(before);
  });

  it("refuses hostile constructor options", async () => {
    const store = await backend.open({ namespace: "workflow_state" });
    for (const options of [
      null,
      5,
      "x",
      { maxAttempts: Number.NaN },
      { maxAttempts: 0 },
      { clock: null },
      { clock: { now: 5 } },
    ]) {
      const outcome = (() => {
        try {
          new WorkflowStateStore(store, options as Any);
          return "constructed";
        } catch (e) {
          return StorageError.is(e) ? e.code : String(e);
        }
      })();
      expect(outcome, JSON.stringify(options)).toBe("INVALID_ARGUMENT");
    }
  });
});
