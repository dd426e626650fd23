/**
 * The API convention (docs/conventions.md), checked where a machine can, and the bounded
 * growth of runs: page shapes and cursor round trips, cursors refused by other listings,
 * the limit rule, refused state changes vs contention, transitions as their own keys, and
 * a lost createRun race that leaves nothing behind.
 */
import { decodeTuple, encodeCursor, key, type StorageError } from "@mnemo/core";
import { dump, expectCode, forEachBackend, manualClock } from "@mnemo/testing";
import { expect, it } from "vitest";
import { WorkflowStateStore } from "../src/index.js";
import { runKey } from "../src/keys.js";

forEachBackend((backend) => {
  async function open() {
    const store = await backend.open({ namespace: "workflow_state" });
    const clock = manualClock();
    return { store, clock, runs: new WorkflowStateStore(store, { clock }) };
  }

  it("every listing returns { items, nextCursor? } and its cursor returns the next page", async () => {
    const { runs, clock } = await open();
    for (let i = 0; i < 5; i++) {
      clock.advance(1);
      await runs.createRun({ workflowId: "wf", runId: `r${i}` });
    }
    await runs.start("r0");
    for (let i = 0; i < 5; i++) {
      await runs.startStep("r0", `s${i}`);
      await runs.pause("r0");
      await runs.resume("r0");
    }
    type Lister = (o: {
      limit: number;
      cursor?: string;
    }) => Promise<{ items: readonly unknown[]; nextCursor?: string }>;
    const listings: [string, Lister][] = [
      ["runs by workflow", (o) => runs.listRuns({ workflowId: "wf", ...o })],
      [
        "runs by workflow, newest first",
        (o) => runs.listRuns({ workflowId: "wf", reverse: true, ...o }),
      ],
      ["runs by status", (o) => runs.listRuns({ status: "pending", ...o })],
      ["steps", (o) => runs.listSteps("r0", o)],
      ["transitions", (o) => runs.listTransitions("r0", o)],
    ];
    const cursors: [string, string][] = [];
    for (const [name, list] of listings) {
      const whole = await list({ limit: 1000 });
      expect(Object.keys(whole), name).toEqual(["items"]);
      expect(whole.items.length, name).toBeGreaterThan(2);
      const paged: unknown[] = [];
      let cursor: string | undefined;
      do {
        const page = await list({ limit: 2, ...(cursor && { cursor }) });
        expect(page.items.length).toBeLessThanOrEqual(2);
        if (page.nextCursor !== undefined) cursors.push([name, page.nextCursor]);
        paged.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor !== undefined);
      expect(paged, name).toEqual(whole.items);
    }
    const ids = (await runs.listRuns({ workflowId: "wf", reverse: true })).items.map(
      (r) => r.runId,
    );
    expect(ids).toEqual(["r4", "r3", "r2", "r1", "r0"]);
    // A forged cursor with the right tag cannot move the scan out of the listing's range.
    const forged = encodeCursor(["runs", "", "wf", 0, key("run", "r0")]);
    await expectCode(runs.listRuns({ workflowId: "wf", cursor: forged }), "INVALID_ARGUMENT");
    for (const [from, cursor] of cursors) {
      for (const [name, list] of listings) {
        if (name === from) continue;
        const error = await expectCode(list({ limit: 2, cursor }), "INVALID_ARGUMENT");
        expect((error as StorageError).details.field, `${from} → ${name}`).toBe("cursor");
      }
    }
  });

  it("limit is a positive integer up to 1,000, refused the same way everywhere", async () => {
    const { runs } = await open();
    await runs.createRun({ workflowId: "wf", runId: "r" });
    for (const limit of [0, -1, 1.5, 1001, Number.NaN, "5"]) {
      for (const call of [
        () => runs.listRuns({ workflowId: "wf", limit: limit as number }),
        () => runs.listSteps("r", { limit: limit as number }),
        () => runs.listTransitions("r", { limit: limit as number }),
      ]) {
        const error = await expectCode(call(), "INVALID_ARGUMENT");
        expect((error as StorageError).details.field).toBe("limit");
      }
    }
  });

  it("refused state changes are FAILED_PRECONDITION, not retryable CONFLICT", async () => {
    const { runs, store } = await open();
    await runs.createRun({ workflowId: "wf", runId: "r" });
    const before = await dump(store);
    for (const call of [
      () => runs.complete("r"),
      () => runs.startStep("r", "s"),
      () => runs.createRun({ workflowId: "wf", runId: "r" }),
    ]) {
      const error = await expectCode(call(), "FAILED_PRECONDITION");
      expect((error as StorageError).isRetryable).toBe(false);
    }
    expect(await dump(store)).toEqual(before);
  });

  it("a run's record stays the same size however many transitions it has", async () => {
    const { runs, store } = await open();
    await runs.createRun({ workflowId: "wf", runId: "r" });
    await runs.start("r");
    const size = async () => (await store.get(runKey("r")))!.byteLength;
    await runs.pause("r", "a reason");
    await runs.resume("r");
    const early = await size();
    for (let i = 0; i < 200; i++) {
      await runs.pause("r", "a reason");
      await runs.resume("r");
    }
    expect(await size()).toBeLessThanOrEqual(early + 4);
    const transitions = (await runs.listTransitions("r", { limit: 1000 })).items;
    expect(transitions).toHaveLength(403);
    expect(transitions.map((t) => t.n)).toEqual(Array.from({ length: 403 }, (_, i) => i + 1));
    expect((await runs.getRun("r"))?.transitions).toBe(403);
  });

  it("a lost createRun race leaves no index entry behind", async () => {
    const { store, clock } = await open();
    const racers = Array.from({ length: 6 }, () => new WorkflowStateStore(store, { clock }));
    const outcomes = await Promise.allSettled(
      racers.map((r, i) => {
        clock.advance(1);
        return r.createRun({ workflowId: `wf${i}`, runId: "same" });
      }),
    );
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    for (const o of outcomes) {
      if (o.status === "rejected")
        expect((o.reason as StorageError).code).toBe("FAILED_PRECONDITION");
    }
    const winner = (await new WorkflowStateStore(store).getRun("same"))!;
    const keys = (await dump(store)).map(([k]) => decodeTuple(k));
    expect(keys.filter((k) => k[0] === "by-workflow").map((k) => k[1])).toEqual([
      winner.workflowId,
    ]);
    expect(keys.filter((k) => k[0] === "by-status")).toHaveLength(1);
  });

  it("the clock's time must be integer epoch milliseconds; a bad one writes nothing", async () => {
    const { store, runs } = await open();
    await runs.createRun({ workflowId: "wf", runId: "r" });
    const before = await dump(store);
    for (const now of [-5, 1.5, Number.NaN, 253_402_300_800_000]) {
      const skewed = new WorkflowStateStore(store, { clock: { now: () => now } });
      await expectCode(skewed.createRun({ workflowId: "wf", runId: "x" }), "INVALID_ARGUMENT");
      await expectCode(skewed.start("r"), "INVALID_ARGUMENT");
    }
    expect(await dump(store)).toEqual(before);
  });
});
