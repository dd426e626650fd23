import { key, tupleRange } from "@mnemo/core";
import { dump, forEachBackend, runScript } from "@mnemo/testing";
import { expect, it } from "vitest";
import { ProceduralMemory } from "../src/index.js";
import { openMemory, refused } from "./helpers.js";

forEachBackend((backend) => {
  it("counts executions: successes, failures, durations, last use, last error", async () => {
    const { memory, clock } = await openMemory(backend);
    await memory.saveSkill("a", { name: "s", category: "c", content: "x" });
    expect(await memory.getStats("a", "s")).toMatchObject({ usageCount: 0, meanDurationMs: 0 });
    expect(await memory.getStats("a", "s")).not.toHaveProperty("lastUsedAt");
    const t0 = clock.now();
    await memory.recordExecution("a", "s", { success: true, durationMs: 10.5 });
    clock.advance(5);
    await memory.recordExecution("a", "s", { success: false, durationMs: 30, error: "boom" });
    clock.advance(5);
    await memory.recordExecution("a", "s", { success: true, durationMs: 20 });
    const stats = await memory.getStats("a", "s");
    expect(stats).toMatchObject({
      successCount: 2,
      failureCount: 1,
      usageCount: 3,
      totalDurationMs: 60.5,
      lastUsedAt: t0 + 10,
      lastSuccessAt: t0 + 10,
      lastFailureAt: t0 + 5,
      lastError: "boom",
    });
    expect(stats?.meanDurationMs).toBeCloseTo(60.5 / 3);
    expect(stats?.successRate).toBeCloseTo(2 / 3);
  });

  it("keeps counters as 8-byte sums, one commit per execution", async () => {
    const { memory, store } = await openMemory(backend);
    await memory.saveSkill("a", { name: "s", category: "c", content: "x" });
    await memory.recordExecution("a", "s", { success: true, durationMs: 2 });
    await memory.recordExecution("a", "s", { success: true, durationMs: 3 });
    const ok = await store.get(key("stat", "a", "s", "ok"));
    expect(ok).toEqual(new Uint8Array([0, 0, 0, 0, 0, 0, 0, 2]));
    const us = await store.get(key("stat", "a", "s", "us"));
    expect(Buffer.from(us!).readBigInt64BE()).toBe(5000n);
  });

  it("loses no count with 64 executions in flight on one skill from 4 instances", async () => {
    const { memory, store } = await openMemory(backend);
    await memory.saveSkill("a", { name: "s", category: "c", content: "x" });
    const instances = [memory, ...Array.from({ length: 3 }, () => new ProceduralMemory(store))];
    await Promise.all(
      Array.from({ length: 64 }, (_, i) =>
        instances[i % 4]!.recordExecution("a", "s", { success: i % 2 === 0, durationMs: i }),
      ),
    );
    expect(await memory.getStats("a", "s")).toMatchObject({
      usageCount: 64,
      successCount: 32,
      failureCount: 32,
      totalDurationMs: (63 * 64) / 2,
    });
  });

  it("leaves no orphan statistics when deleteSkill races recordExecution", async () => {
    const { memory, store } = await openMemory(backend);
    const before = await dump(store);
    for (let round = 0; round < 5; round++) {
      await memory.saveSkill("a", { name: "r", category: "c", content: `${round}` });
      const writers = Array.from({ length: 4 }, () => new ProceduralMemory(store));
      // Every writer has committed once, so it holds the head's version and reads nothing.
      for (const w of writers) await w.recordExecution("a", "r", { success: true, durationMs: 1 });
      const results = await Promise.allSettled([
        ...writers.map((w) => w.recordExecution("a", "r", { success: true, durationMs: 1 })),
        memory.deleteSkill("a", "r"),
        ...writers.map((w) => w.recordExecution("a", "r", { success: false, durationMs: 1 })),
      ]);
      for (const result of results) {
        if (result.status === "rejected") expect(result.reason.code).toBe("NOT_FOUND");
      }
      // After the delete every writer's remembered version is stale: refused, nothing written.
      for (const w of writers) {
        await refused(
          () => w.recordExecution("a", "r", { success: true, durationMs: 1 }),
          "NOT_FOUND",
        );
      }
      expect(await store.listKeys(tupleRange(["stat", "a"]).gte)).toEqual([]);
    }
    const left = (await dump(store)).filter(([k]) => !before.some(([b]) => b === k));
    expect(left.map(([k]) => k)).toEqual([key("skill-count", "a")]);
  });

  it("refuses a duration that would overflow the statistics before writing anything", async () => {
    const { memory, store } = await openMemory(backend);
    await memory.saveSkill("a", { name: "s", category: "c", content: "x" });
    await memory.recordExecution("a", "s", { success: true, durationMs: 0 });
    const before = await dump(store);
    await refused(() => memory.recordExecution("a", "s", { success: true, durationMs: 1e200 }));
    await refused(() =>
      memory.recordExecution("a", "s", { success: true, durationMs: 86_400_001 }),
    );
    await refused(() =>
      memory.recordExecution("a", "s", {
        success: false,
        durationMs: 1,
        error: "x".repeat(20_000),
      }),
    );
    expect(await dump(store)).toEqual(before);
    expect((await memory.getStats("a", "s"))?.usageCount).toBe(1);
  });

  it("refuses an execution of an unknown skill with NOT_FOUND", async () => {
    const { memory, store } = await openMemory(backend);
    const before = await dump(store);
    await refused(
      () => memory.recordExecution("a", "nope", { success: true, durationMs: 1 }),
      "NOT_FOUND",
    );
    expect(await dump(store)).toEqual(before);
  });

  it("counts exactly 2,000 executions from two processes", async (context) => {
    const { memory, store } = await openMemory(backend);
    if (!store.characteristics().multiProcess) return context.skip();
    await memory.saveSkill("a", { name: "s", category: "c", content: "x" });
    const spec = JSON.stringify(backend.spec(store));
    const script = new URL("./fixtures/record-executions.ts", import.meta.url).href;
    await Promise.all([
      runScript(script, [spec, "a", "s", "1000"]),
      runScript(script, [spec, "a", "s", "1000"]),
    ]);
    const stats = await memory.getStats("a", "s");
    expect(stats?.usageCount).toBe(2000);
    expect((stats?.successCount ?? 0) + (stats?.failureCount ?? 0)).toBe(2000);
  }, 120_000);

  it("leaves no orphan statistics when another process deletes the skill mid-run", async (context) => {
    const { memory, store } = await openMemory(backend);
    if (!store.characteristics().multiProcess) return context.skip();
    await memory.saveSkill("a", { name: "s", category: "c", content: "x" });
    const spec = JSON.stringify(backend.spec(store));
    const script = new URL("./fixtures/record-executions.ts", import.meta.url).href;
    const children = [1, 2].map(() =>
      runScript(script, [spec, "a", "s", "20000", "tolerate-missing"]),
    );
    // Delete once the children are counting.
    while (((await memory.getStats("a", "s"))?.usageCount ?? 0) < 300) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await memory.deleteSkill("a", "s")).toBe(true);
    const counted = (await Promise.all(children)).map(
      (out) => JSON.parse(out) as { ok: number; missing: number },
    );
    // Each went on until it met NOT_FOUND: the commits after the delete were all refused.
    expect(counted.every((c) => c.missing > 0)).toBe(true);
    expect(counted.reduce((sum, c) => sum + c.ok, 0)).toBeGreaterThanOrEqual(300);
    expect(await store.listKeys(tupleRange(["stat", "a"]).gte)).toEqual([]);
  }, 120_000);
});
