import { decodeTuple, type StorageBackend, StorageError, tupleRange } from "@mnemo/core";
import { dump, forEachBackend, manualClock, runScript } from "@mnemo/testing";
import { expect, it } from "vitest";
import { WorkflowStateStore } from "../src/index.js";
import { statusKey } from "../src/keys.js";

async function refused(call: () => Promise<unknown>, code: string) {
  const error = await call().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StorageError);
  expect((error as StorageError).code).toBe(code);
}

/** Every by-status index entry, as "status runId". */
async function statusEntries(store: StorageBackend): Promise<string[]> {
  const out: string[] = [];
  for await (const [key] of store.scan(tupleRange(["by-status"]))) {
    const tuple = decodeTuple(key);
    out.push(`${tuple[1]} ${tuple[3]}`);
  }
  return out.sort();
}

forEachBackend((backend) => {
  async function open() {
    const store = await backend.open({ namespace: "workflow_state" });
    const clock = manualClock();
    return { store, clock, runs: new WorkflowStateStore(store, { clock }) };
  }

  it("runs pending → running ⇄ paused → completed with durations", async () => {
    const { runs, clock, store } = await open();
    const created = await runs.createRun({ workflowId: "wf", runId: "r1", input: { q: 1 } });
    expect(created).toMatchObject({ status: "pending", transitions: 0, input: { q: 1 } });
    expect(created.durationMs).toBeUndefined();
    clock.advance(100);
    const started = await runs.start("r1");
    expect(started.startedAt).toBe(created.createdAt + 100);
    clock.advance(50);
    await runs.pause("r1", "waiting for a human");
    clock.advance(200);
    expect(await runs.getRun("r1")).toMatchObject({
      status: "paused",
      durationMs: 250,
      activeMs: 50,
    });
    await runs.resume("r1");
    clock.advance(30);
    const done = await runs.complete("r1", { answer: 42 });
    expect(done).toMatchObject({
      status: "completed",
      output: { answer: 42 },
      durationMs: 280,
      activeMs: 80,
      pausedMs: 200,
      endedAt: started.startedAt! + 280,
    });
    const transitions = (await runs.listTransitions("r1")).items;
    expect(transitions.map((t) => `${t.from}>${t.to}`)).toEqual([
      "pending>running",
      "running>paused",
      "paused>running",
      "running>completed",
    ]);
    expect(transitions[1]?.reason).toBe("waiting for a human");
    clock.advance(1000);
    expect((await runs.getRun("r1"))?.durationMs).toBe(280);
    expect((await runs.listRuns({ status: "completed" })).items.map((r) => r.runId)).toEqual([
      "r1",
    ]);
    expect((await runs.listRuns({ status: "running" })).items).toEqual([]);
    expect(await statusEntries(store)).toEqual(["completed r1"]);
  });

  it("refuses illegal and unknown transitions and changes nothing", async () => {
    const { runs, store } = await open();
    await runs.createRun({ workflowId: "wf", runId: "p" });
    await runs.createRun({ workflowId: "wf", runId: "c" });
    await runs.start("c");
    await runs.complete("c");
    const before = await dump(store);
    await refused(() => runs.transition("p", "paused"), "FAILED_PRECONDITION");
    await refused(() => runs.transition("p", "completed"), "FAILED_PRECONDITION");
    await refused(() => runs.transition("p", "pending"), "FAILED_PRECONDITION");
    await refused(() => runs.transition("c", "running"), "FAILED_PRECONDITION");
    await refused(() => runs.transition("c", "cancelled"), "FAILED_PRECONDITION");
    await refused(() => runs.transition("p", "sleeping" as "running"), "INVALID_ARGUMENT");
    await refused(() => runs.transition("nope", "running"), "NOT_FOUND");
    await refused(() => runs.createRun({ workflowId: "wf", runId: "p" }), "FAILED_PRECONDITION");
    await refused(() => runs.startStep("p", "s1"), "FAILED_PRECONDITION");
    expect(await dump(store)).toEqual(before);
    // Cancelling is allowed before the start and while paused.
    expect((await runs.cancel("p", "not needed")).status).toBe("cancelled");
    await runs.createRun({ workflowId: "wf", runId: "q" });
    await runs.start("q");
    await runs.pause("q");
    expect((await runs.cancel("q")).endedAt).toBeDefined();
  });

  it("lets exactly one of racing transitions win and keeps the index exact", async () => {
    const { runs, store, clock } = await open();
    const other = new WorkflowStateStore(store, { clock });
    await runs.createRun({ workflowId: "wf", runId: "r" });
    const starts = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? runs : other).start("r")),
    );
    expect(starts.filter((s) => s.status === "fulfilled")).toHaveLength(1);
    for (const s of starts) {
      if (s.status === "rejected")
        expect((s.reason as StorageError).code).toBe("FAILED_PRECONDITION");
    }
    // Only terminal moves race here: pause then cancel would be a legal sequence of two.
    const ends = await Promise.allSettled([
      runs.complete("r"),
      other.fail("r", "boom"),
      runs.cancel("r"),
      other.complete("r"),
    ]);
    expect(ends.filter((s) => s.status === "fulfilled")).toHaveLength(1);
    const run = await runs.getRun("r");
    expect(run?.transitions).toBe(2);
    expect(await statusEntries(store)).toEqual([`${run?.status} r`]);
  });

  it("records steps with attempts, durations and errors", async () => {
    const { runs, clock } = await open();
    await runs.createRun({ workflowId: "wf", runId: "r" });
    await runs.start("r");
    await runs.startStep("r", "fetch", { name: "Fetch", input: { url: "u" } });
    clock.advance(20);
    await runs.failStep("r", "fetch", { message: "timeout", code: "ETIMEDOUT" });
    clock.advance(5);
    await runs.startStep("r", "fetch");
    clock.advance(7);
    const fetched = await runs.completeStep("r", "fetch", { output: { bytes: 10 } });
    expect(fetched).toMatchObject({
      status: "completed",
      attempt: 2,
      durationMs: 7,
      name: "Fetch",
    });
    expect(fetched.error).toBeUndefined();
    await runs.skipStep("r", "notify", "disabled");
    await refused(() => runs.completeStep("r", "fetch"), "FAILED_PRECONDITION");
    await refused(() => runs.completeStep("r", "never"), "NOT_FOUND");
    await refused(() => runs.startStep("r", "notify"), "FAILED_PRECONDITION");
    await runs.startStep("r", "parse");
    clock.advance(3);
    const failed = await runs.failStep("r", "parse", "bad json");
    expect(failed).toMatchObject({
      status: "failed",
      durationMs: 3,
      error: { message: "bad json" },
    });
    await runs.fail("r", { message: "parse failed", details: { step: "parse" } });
    const run = await runs.getRun("r");
    expect(run?.error).toEqual({ message: "parse failed", details: { step: "parse" } });
    expect((await runs.listSteps("r")).items.map((s) => `${s.stepId}:${s.status}`)).toEqual([
      "fetch:completed",
      "notify:skipped",
      "parse:failed",
    ]);
    await refused(() => runs.startStep("r", "parse"), "FAILED_PRECONDITION");
  });

  it("lists runs by workflow and by status, skipping index entries its record contradicts", async () => {
    const { runs, clock, store } = await open();
    for (const [runId, workflowId] of [
      ["a", "w1"],
      ["b", "w2"],
      ["c", "w1"],
      ["d", "w1"],
    ]) {
      clock.advance(1);
      await runs.createRun({ workflowId: workflowId!, runId: runId! });
    }
    await runs.start("c");
    expect((await runs.listRuns({ workflowId: "w1" })).items.map((r) => r.runId)).toEqual([
      "a",
      "c",
      "d",
    ]);
    expect(
      (await runs.listRuns({ workflowId: "w1", reverse: true, limit: 2 })).items.map(
        (r) => r.runId,
      ),
    ).toEqual(["d", "c"]);
    expect((await runs.listRuns({ status: "pending" })).items.map((r) => r.runId)).toEqual([
      "a",
      "b",
      "d",
    ]);
    expect(
      (await runs.listRuns({ status: "pending", workflowId: "w1" })).items.map((r) => r.runId),
    ).toEqual(["a", "d"]);
    // An entry left by a crashed writer: "c" is not pending any more.
    const c = (await runs.getRun("c"))!;
    const stale = statusKey("pending", c.createdAt, "c");
    await store.set(stale, Uint8Array.of(1));
    expect((await runs.listRuns({ status: "pending" })).items.map((r) => r.runId)).toEqual([
      "a",
      "b",
      "d",
    ]);
  });

  it("refuses bad input and writes nothing", async () => {
    const { runs, store } = await open();
    await runs.createRun({ workflowId: "wf", runId: "r" });
    await runs.start("r");
    await runs.startStep("r", "s");
    const before = await dump(store);
    await refused(() => runs.createRun({ workflowId: "" }), "INVALID_ARGUMENT");
    await refused(() => runs.createRun({ workflowId: "wf", runId: "" }), "INVALID_ARGUMENT");
    await refused(() => runs.createRun({ workflowId: "wf", input: { n: 1n } }), "INVALID_ARGUMENT");
    await refused(
      () =>
        runs.createRun({ workflowId: "wf", metadata: [] as unknown as Record<string, unknown> }),
      "INVALID_ARGUMENT",
    );
    await refused(() => runs.fail("r", ""), "INVALID_ARGUMENT");
    await refused(() => runs.complete("r", () => 1), "INVALID_ARGUMENT");
    await refused(() => runs.failStep("r", "s", { message: "" }), "INVALID_ARGUMENT");
    await refused(() => runs.startStep("r", ""), "INVALID_ARGUMENT");
    await refused(() => runs.listRuns({}), "INVALID_ARGUMENT");
    await refused(() => runs.listRuns({ status: "done" as "completed" }), "INVALID_ARGUMENT");
    await refused(() => runs.listRuns({ status: "pending", limit: 0 }), "INVALID_ARGUMENT");
    await refused(() => runs.getRun(""), "INVALID_ARGUMENT");
    expect(await dump(store)).toEqual(before);
  });

  it("gives each run exactly one start when two processes race", async (context) => {
    const { runs, store } = await open();
    if (!store.characteristics().multiProcess) return context.skip();
    const ids = Array.from({ length: 20 }, (_, i) => `run-${i}`);
    for (const runId of ids) await runs.createRun({ workflowId: "wf", runId });
    const spec = JSON.stringify(backend.spec(store));
    const script = new URL("./fixtures/start-runs.ts", import.meta.url).href;
    const outputs = await Promise.all([
      runScript(script, [spec, ids.join(",")]),
      runScript(script, [spec, ids.join(",")]),
    ]);
    const won = outputs.map((out) => (JSON.parse(out) as { won: number }).won);
    expect(won[0]! + won[1]!).toBe(20);
    for (const runId of ids) expect((await runs.getRun(runId))?.transitions).toBe(1);
    expect((await runs.listRuns({ status: "running" })).items).toHaveLength(20);
  }, 60_000);

  it("two processes racing to create the same runs leave one run and its entries each", async (context) => {
    const { store } = await open();
    if (!store.characteristics().multiProcess) return context.skip();
    const ids = Array.from({ length: 20 }, (_, i) => `run-${i}`);
    const spec = JSON.stringify(backend.spec(store));
    const script = new URL("./fixtures/create-runs.ts", import.meta.url).href;
    const outputs = await Promise.all(
      ["a", "b"].map((worker) => runScript(script, [spec, worker, ids.join(",")])),
    );
    const won = outputs.map((out) => (JSON.parse(out) as { won: number }).won);
    expect(won[0]! + won[1]!).toBe(20);
    const keys = (await dump(store)).map(([k]) => decodeTuple(k));
    expect(keys.filter((k) => k[0] === "by-workflow")).toHaveLength(20);
    expect(keys.filter((k) => k[0] === "by-status")).toHaveLength(20);
  }, 60_000);
});
