import { jsonRecordCodec, key, StorageError, tupleRange } from "@mnemo/core";
import { dump, forEachBackend, manualClock, runScript } from "@mnemo/testing";
import { describe, expect, it } from "vitest";
import { ProceduralMemory, wilsonLowerBound } from "../src/index.js";

describe("wilsonLowerBound", () => {
  it("trusts 95 of 100 more than 1 of 1", () => {
    expect(wilsonLowerBound(95, 100)).toBeGreaterThan(wilsonLowerBound(1, 1));
    expect(wilsonLowerBound(0, 0)).toBe(0);
    expect(wilsonLowerBound(1, 1)).toBeCloseTo(0.2065, 3);
  });
});

forEachBackend((backend) => {
  async function open() {
    const store = await backend.open({ namespace: "procedural" });
    const clock = manualClock();
    return { store, clock, memory: new ProceduralMemory(store, { clock }) };
  }

  it("versions a skill's content and keeps every version readable", async () => {
    const { memory, clock } = await open();
    const v1 = await memory.saveSkill("a1", { name: "search", category: "web", content: "v1" });
    expect(v1).toMatchObject({ agentId: "a1", version: 1, content: "v1" });
    clock.advance(10);
    expect(
      await memory.saveSkill("a1", { name: "search", category: "web", content: "v1" }),
    ).toEqual(v1);
    const v2 = await memory.saveSkill("a1", {
      name: "search",
      category: "web",
      steps: ["open", "read"],
      metadata: { lang: "en" },
    });
    expect(v2).toMatchObject({ version: 2, createdAt: v1.createdAt, updatedAt: v1.createdAt + 10 });
    expect(v2.content).toBeUndefined();
    expect(await memory.getSkill("a1", "search", { version: 1 })).toEqual(v1);
    expect(await memory.getSkill("a1", "search")).toEqual(v2);
    expect(await memory.getSkill("a1", "search", { version: 3 })).toBeUndefined();
    expect((await memory.listVersions("a1", "search")).map((s) => s.version)).toEqual([1, 2]);
    // Unique per (agentId, name): another agent's skill of the same name is separate.
    expect(await memory.getSkill("a2", "search")).toBeUndefined();
  });

  it("moves a skill between categories", async () => {
    const { memory } = await open();
    await memory.saveSkill("a", { name: "s", category: "x", content: "1" });
    await memory.saveSkill("a", { name: "t", category: "x", content: "1" });
    await memory.saveSkill("a", { name: "s", category: "y", content: "1" });
    expect((await memory.listSkills("a", { category: "x" })).map((s) => s.name)).toEqual(["t"]);
    expect((await memory.listSkills("a", { category: "y" })).map((s) => s.name)).toEqual(["s"]);
    expect((await memory.listSkills("a")).map((s) => s.name)).toEqual(["s", "t"]);
  });

  it("counts executions with running duration figures", async () => {
    const { memory, clock } = await open();
    await memory.saveSkill("a", { name: "s", category: "c", content: "x" });
    await memory.recordExecution("a", "s", { success: true, durationMs: 10 });
    clock.advance(5);
    await memory.recordExecution("a", "s", { success: false, durationMs: 30, error: "boom" });
    clock.advance(5);
    const stats = await memory.recordExecution("a", "s", { success: true, durationMs: 20 });
    expect(stats).toMatchObject({
      successCount: 2,
      failureCount: 1,
      usageCount: 3,
      lastUsedAt: clock.now(),
      lastError: "boom",
      minDurationMs: 10,
      maxDurationMs: 30,
    });
    expect(stats.meanDurationMs).toBeCloseTo(20);
    expect(stats.durationStdDevMs).toBeCloseTo(10);
    expect(stats.successRate).toBeCloseTo(2 / 3);
    expect(await memory.getStats("a", "s")).toEqual(stats);
  });

  it("uses the default agent when none is given", async () => {
    const store = await backend.open({ namespace: "procedural" });
    const memory = new ProceduralMemory(store, { defaultAgentId: "me" });
    await memory.saveSkill("me", { name: "s", category: "c", content: "x" });
    await memory.recordExecution("s", { success: true, durationMs: 1 });
    expect((await memory.getStats("me", "s"))?.usageCount).toBe(1);
  });

  it("loses no count with 32 executions in flight on one skill from 4 instances", async () => {
    const { memory, store } = await open();
    await memory.saveSkill("a", { name: "s", category: "c", content: "x" });
    // Separate instances do not share their in-process queues: they race on compareAndSwap.
    const instances = [memory, ...Array.from({ length: 3 }, () => new ProceduralMemory(store))];
    await Promise.all(
      Array.from({ length: 32 }, (_, i) =>
        instances[i % 4]!.recordExecution("a", "s", { success: i % 2 === 0, durationMs: i }),
      ),
    );
    expect(await memory.getStats("a", "s")).toMatchObject({
      usageCount: 32,
      successCount: 16,
      failureCount: 16,
    });
    const [top] = await memory.mostUsed("a");
    expect(top?.stats.usageCount).toBe(32);
  });

  it("ranks a category by the Wilson lower bound, not the raw rate", async () => {
    const { memory } = await open();
    for (const name of ["lucky", "proven", "poor", "unused"]) {
      await memory.saveSkill("a", { name, category: "c", content: name });
    }
    await memory.saveSkill("a", { name: "elsewhere", category: "d", content: "x" });
    await memory.recordExecution("a", "lucky", { success: true, durationMs: 1 });
    for (let i = 0; i < 100; i++) {
      await memory.recordExecution("a", "proven", { success: i >= 5, durationMs: 1 });
    }
    for (let i = 0; i < 4; i++) {
      await memory.recordExecution("a", "poor", { success: i === 0, durationMs: 1 });
    }
    await memory.recordExecution("a", "elsewhere", { success: true, durationMs: 1 });
    const best = await memory.bestSkills("a", "c");
    expect(best.map((r) => r.skill.name)).toEqual(["proven", "lucky", "poor", "unused"]);
    expect(best[0]!.stats.wilsonScore).toBeGreaterThan(best[1]!.stats.wilsonScore);
    expect(
      (await memory.bestSkills("a", "c", { minExecutions: 2, limit: 1 })).map((r) => r.skill.name),
    ).toEqual(["proven"]);
  });

  it("ranks by usage and by last use, optionally within a category", async () => {
    const { memory, clock } = await open();
    for (const [name, category] of [
      ["a", "x"],
      ["b", "y"],
      ["c", "x"],
    ] as const) {
      await memory.saveSkill("ag", { name, category, content: name });
    }
    const run = async (name: string, times: number) => {
      for (let i = 0; i < times; i++) {
        clock.advance(1);
        await memory.recordExecution("ag", name, { success: true, durationMs: 1 });
      }
    };
    await run("a", 3);
    await run("b", 5);
    await run("c", 1);
    await run("a", 1);
    expect((await memory.mostUsed("ag")).map((r) => r.skill.name)).toEqual(["b", "a", "c"]);
    expect((await memory.mostUsed("ag", { limit: 1 })).map((r) => r.skill.name)).toEqual(["b"]);
    expect((await memory.recentlyUsed("ag")).map((r) => r.skill.name)).toEqual(["a", "c", "b"]);
    expect((await memory.recentlyUsed("ag", { category: "x" })).map((r) => r.skill.name)).toEqual([
      "a",
      "c",
    ]);
  });

  it("keeps one usage entry per skill and an exact top-k across buckets", async () => {
    const { memory, store } = await open();
    const counts = [1, 2, 3, 5, 6, 7, 9, 12, 13, 16];
    await Promise.all(
      counts.map(async (count) => {
        await memory.saveSkill("a", { name: `s${count}`, category: "c", content: "x" });
        for (let i = 0; i < count; i++) {
          await memory.recordExecution("a", `s${count}`, { success: true, durationMs: 1 });
        }
      }),
    );
    expect((await memory.mostUsed("a", { limit: 3 })).map((r) => r.stats.usageCount)).toEqual([
      16, 13, 12,
    ]);
    expect((await memory.mostUsed("a", { limit: 100 })).map((r) => r.stats.usageCount)).toEqual(
      [...counts].reverse(),
    );
    const entries = await store.listKeys(tupleRange(["by-usage", "a"]).gte);
    expect(entries).toHaveLength(counts.length);
  });

  it("ignores and removes index entries a crashed or slower writer left behind", async () => {
    const { memory, store } = await open();
    await memory.saveSkill("a", { name: "s", category: "x", content: "1" });
    for (let i = 0; i < 4; i++)
      await memory.recordExecution("a", "s", { success: true, durationMs: 1 });
    const mark = (version: number) => jsonRecordCodec<{ version: number }>().encode({ version });
    // A bucket below the record's (stale for good) and one above it (a swap in flight).
    const below = key("by-usage", "a", 0, "s");
    const above = key("by-usage", "a", 40, "s");
    await store.set(below, mark(0));
    await store.set(above, mark(40));
    // A category entry of a save whose swap never happened.
    const ghost = key("by-category", "a", "y", "s");
    await store.set(ghost, mark(1));
    expect((await memory.mostUsed("a")).map((r) => r.stats.usageCount)).toEqual([4]);
    expect(await memory.listSkills("a", { category: "y" })).toEqual([]);
    expect(await store.get(below)).toBeUndefined();
    expect(await store.get(ghost)).toBeUndefined();
    expect(await store.get(above)).toBeDefined();
  });

  it("refuses bad input and writes nothing", async () => {
    const { memory, store } = await open();
    await memory.saveSkill("a", { name: "s", category: "c", content: "x" });
    const before = await dump(store);
    const refused = async (call: () => Promise<unknown>, code = "INVALID_ARGUMENT") => {
      const error = await call().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(StorageError);
      expect((error as StorageError).code).toBe(code);
    };
    await refused(() => memory.saveSkill("", { name: "s", category: "c", content: "x" }));
    await refused(() => memory.saveSkill("a", { name: "", category: "c", content: "x" }));
    await refused(() => memory.saveSkill("a", { name: "s", category: "", content: "x" }));
    await refused(() => memory.saveSkill("a", { name: "s", category: "c" }));
    await refused(() =>
      memory.saveSkill("a", { name: "s", category: "c", content: "x", metadata: { n: 10n } }),
    );
    await refused(() =>
      memory.saveSkill("a", { name: "s", category: "c", steps: [1 as unknown as string] }),
    );
    await refused(() => memory.recordExecution("a", "s", { success: true, durationMs: -1 }));
    await refused(() =>
      memory.recordExecution("a", "s", { success: true, durationMs: Number.NaN }),
    );
    await refused(() =>
      memory.recordExecution("a", "s", { success: "yes" as unknown as boolean, durationMs: 1 }),
    );
    await refused(() => memory.recordExecution("", "s", { success: true, durationMs: 1 }));
    await refused(
      () => memory.recordExecution("a", "nope", { success: true, durationMs: 1 }),
      "NOT_FOUND",
    );
    await refused(() => memory.bestSkills("a", "c", { limit: 0 }));
    await refused(() => memory.getSkill("a", "s", { version: 0 }));
    expect(await dump(store)).toEqual(before);
  });

  it("counts exactly 2,000 executions from two processes", async (context) => {
    const { memory, store } = await open();
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
});
