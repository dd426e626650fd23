import { forEachBackend } from "@mnemo/testing";
import { expect, it } from "vitest";
import { openMemory } from "./helpers.js";

forEachBackend((backend) => {
  it("ranks a category by the Wilson lower bound, not the raw rate", async () => {
    const { memory } = await openMemory(backend);
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
    const { memory, clock } = await openMemory(backend);
    for (const [name, category] of [
      ["a", "x"],
      ["b", "y"],
      ["c", "x"],
      ["never", "x"],
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
    expect((await memory.mostUsed("ag", { category: "x" })).map((r) => r.skill.name)).toEqual([
      "a",
      "c",
    ]);
    expect((await memory.recentlyUsed("ag")).map((r) => r.skill.name)).toEqual(["a", "c", "b"]);
    expect((await memory.recentlyUsed("ag", { category: "x" })).map((r) => r.skill.name)).toEqual([
      "a",
      "c",
    ]);
    // A deleted skill drops out of every ranking at once.
    await memory.deleteSkill("ag", "b");
    expect((await memory.mostUsed("ag")).map((r) => r.skill.name)).toEqual(["a", "c"]);
  });

  it("gives an exact top-k over many skills", async () => {
    const { memory } = await openMemory(backend);
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
  });
});
