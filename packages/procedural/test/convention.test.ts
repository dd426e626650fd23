/** docs/conventions.md, checked where a machine can. */
import { StorageError } from "@mnemo/core";
import { dump, forEachBackend } from "@mnemo/testing";
import { expect, it } from "vitest";
import { ProceduralMemory } from "../src/index.js";
import { openMemory, refused } from "./helpers.js";

forEachBackend((backend) => {
  it("pages are { items, nextCursor? } and cursors round-trip", async () => {
    const { memory } = await openMemory(backend);
    for (let i = 0; i < 3; i++)
      await memory.saveSkill("a", { name: `s${i}`, category: "c", content: `${i}` });
    for (let i = 0; i < 2; i++)
      await memory.saveSkill("a", { name: "s0", category: "c", content: `v${i}` });
    for (const list of [
      (cursor?: string) => memory.listSkills("a", { limit: 2, ...(cursor ? { cursor } : {}) }),
      (cursor?: string) =>
        memory.listSkills("a", { category: "c", limit: 2, ...(cursor ? { cursor } : {}) }),
      (cursor?: string) =>
        memory.listVersions("a", "s0", { limit: 2, ...(cursor ? { cursor } : {}) }),
    ]) {
      const first = await list();
      expect(Object.keys(first).sort()).toEqual(["items", "nextCursor"]);
      expect(typeof first.nextCursor).toBe("string");
      const second = await list(first.nextCursor);
      expect(Object.keys(second)).toEqual(["items"]);
      expect(second.items.length).toBe(1);
    }
  });

  it("a cursor from one listing is refused by every other", async () => {
    const { memory } = await openMemory(backend);
    for (let i = 0; i < 3; i++)
      await memory.saveSkill("a", { name: `s${i}`, category: "c", content: "x" });
    for (let i = 0; i < 3; i++)
      await memory.saveSkill("a", { name: "s0", category: "c", content: `${i}` });
    const skills = (await memory.listSkills("a", { limit: 1 })).nextCursor!;
    const inCategory = (await memory.listSkills("a", { category: "c", limit: 1 })).nextCursor!;
    const versions = (await memory.listVersions("a", "s0", { limit: 1 })).nextCursor!;
    await memory.saveSkill("b", { name: "s", category: "c", content: "x" });
    const agents = (await memory.listAgents({ limit: 1 })).nextCursor!;
    const cursorError = async (call: () => Promise<unknown>) => {
      const error = await refused(call);
      expect(error.details).toMatchObject({ field: "cursor" });
    };
    await cursorError(() => memory.listSkills("a", { cursor: versions }));
    await cursorError(() => memory.listSkills("a", { cursor: inCategory }));
    await cursorError(() => memory.listSkills("b", { cursor: skills }));
    await cursorError(() => memory.listSkills("a", { category: "c", cursor: skills }));
    await cursorError(() => memory.listVersions("a", "s0", { cursor: skills }));
    await cursorError(() => memory.listVersions("a", "s1", { cursor: versions }));
    await cursorError(() => memory.listAgents({ cursor: skills }));
    await cursorError(() => memory.listSkills("a", { cursor: agents }));
  });

  it("limits: a positive integer up to 1,000, the same error everywhere", async () => {
    const { memory } = await openMemory(backend);
    await memory.saveSkill("a", { name: "s", category: "c", content: "x" });
    for (const limit of [0, -1, 1.5, 1001, Number.NaN, "10", null]) {
      for (const call of [
        () => memory.listSkills("a", { limit: limit as number }),
        () => memory.listVersions("a", "s", { limit: limit as number }),
        () => memory.bestSkills("a", "c", { limit: limit as number }),
        () => memory.mostUsed("a", { limit: limit as number }),
        () => memory.recentlyUsed("a", { limit: limit as number }),
        () => memory.listAgents({ limit: limit as number }),
      ]) {
        const error = await refused(call);
        expect(error.details).toMatchObject({ field: "limit" });
      }
    }
    expect((await memory.listSkills("a", { limit: 1000 })).items).toHaveLength(1);
  });

  it("times come from the clock option and are validated", async () => {
    const { store } = await openMemory(backend);
    const at = 1_800_000_000_000;
    const memory = new ProceduralMemory(store, { clock: { now: () => at } });
    expect(
      (await memory.saveSkill("a", { name: "s", category: "c", content: "x" })).createdAt,
    ).toBe(at);
    await memory.recordExecution("a", "s", { success: true, durationMs: 1 });
    expect((await memory.getStats("a", "s"))?.lastUsedAt).toBe(at);
    const before = await dump(store);
    for (const bad of [-1, 1.5, 253_402_300_800_000, Number.NaN]) {
      const broken = new ProceduralMemory(store, { clock: { now: () => bad } });
      await refused(() => broken.saveSkill("a", { name: "t", category: "c", content: "x" }));
      await refused(() => broken.recordExecution("a", "s", { success: true, durationMs: 1 }));
    }
    expect(await dump(store)).toEqual(before);
  });

  it("delete returns whether something was deleted", async () => {
    const { memory } = await openMemory(backend);
    await memory.saveSkill("a", { name: "s", category: "c", content: "x" });
    expect(await memory.deleteSkill("a", "s")).toBe(true);
    expect(await memory.deleteSkill("a", "s")).toBe(false);
    expect(await memory.deleteSkill("a", "never")).toBe(false);
  });

  it("options are validated at construction; null options are INVALID_ARGUMENT", async () => {
    const { store } = await openMemory(backend);
    for (const options of [
      null,
      5,
      "x",
      { maxAttempts: Number.NaN },
      { maxAttempts: 1.5 },
      { clock: null },
    ]) {
      let error: unknown;
      try {
        new ProceduralMemory(store, options as never);
      } catch (e) {
        error = e;
      }
      expect(StorageError.is(error, "INVALID_ARGUMENT"), JSON.stringify(options)).toBe(true);
    }
    expect(() => new ProceduralMemory(store)).not.toThrow();
    expect(() => new ProceduralMemory(store, {})).not.toThrow();
  });

  it("a refused state change is FAILED_PRECONDITION, not retryable", async () => {
    const { memory } = await openMemory(backend, { maxSkillsPerAgent: 1 });
    await memory.saveSkill("a", { name: "s", category: "c", content: "x" });
    const error = await refused(
      () => memory.saveSkill("a", { name: "t", category: "c", content: "x" }),
      "FAILED_PRECONDITION",
    );
    expect(error.isRetryable).toBe(false);
  });
});
