import { key, StorageError, tupleRange } from "@mnemo/core";
import { dump, forEachBackend } from "@mnemo/testing";
import { expect, it } from "vitest";
import { ProceduralMemory } from "../src/index.js";
import { openMemory, refused } from "./helpers.js";

forEachBackend((backend) => {
  it("versions a skill's content and keeps every version readable", async () => {
    const { memory, clock } = await openMemory(backend);
    const v1 = await memory.saveSkill("a1", { name: "search", category: "web", content: "v1" });
    expect(v1).toMatchObject({ agentId: "a1", version: 1, content: "v1" });
    expect(v1).not.toHaveProperty("incarnation");
    clock.advance(10);
    expect(
      await memory.saveSkill("a1", { name: "search", category: "web", content: "v1" }),
    ).toEqual(v1);
    const v2 = await memory.saveSkill("a1", {
      name: "search",
      category: "web",
      steps: ["open", "read"],
      metadata: { lang: "en", nested: { b: 1, a: 2 } },
    });
    expect(v2).toMatchObject({ version: 2, createdAt: v1.createdAt, updatedAt: v1.createdAt + 10 });
    expect(v2.content).toBeUndefined();
    // Key order of metadata does not make a new version (canonical JSON).
    expect(
      await memory.saveSkill("a1", {
        name: "search",
        category: "web",
        steps: ["open", "read"],
        metadata: { nested: { a: 2, b: 1 }, lang: "en" },
      }),
    ).toEqual(v2);
    expect(await memory.getSkill("a1", "search", { version: 1 })).toEqual(v1);
    expect(await memory.getSkill("a1", "search")).toEqual(v2);
    expect(await memory.getSkill("a1", "search", { version: 3 })).toBeUndefined();
    expect((await memory.listVersions("a1", "search")).items.map((s) => s.version)).toEqual([1, 2]);
    expect(await memory.getSkill("a2", "search")).toBeUndefined();
  });

  it("pages a long history, oldest first, the current version last", async () => {
    const { memory } = await openMemory(backend);
    for (let i = 1; i <= 7; i++)
      await memory.saveSkill("a", { name: "s", category: "c", content: `${i}` });
    const seen: number[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await memory.listVersions("a", "s", { limit: 3, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((s) => s.version));
      cursor = page.nextCursor;
      pages++;
    } while (cursor !== undefined);
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(pages).toBe(3);
    expect((await memory.listVersions("a", "s", { limit: 7 })).nextCursor).toBeUndefined();
    expect(await memory.listVersions("a", "none")).toEqual({ items: [] });
  });

  it("ends a page early once it holds 8 MiB, in every listing", async () => {
    const { memory } = await openMemory(backend);
    const big = (i: number) => `${i}`.padEnd(3 * 1024 * 1024, "x");
    for (let i = 0; i < 4; i++)
      await memory.saveSkill("a", { name: `s${i}`, category: "c", content: big(i) });
    for (let i = 4; i < 7; i++)
      await memory.saveSkill("a", { name: "s0", category: "c", content: big(i) });
    const walk = async (
      list: (
        cursor?: string,
      ) => Promise<{ items: readonly { name: string; version: number }[]; nextCursor?: string }>,
    ) => {
      const sizes: number[] = [];
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await list(cursor);
        sizes.push(page.items.length);
        seen.push(...page.items.map((s) => `${s.name}@${s.version}`));
        cursor = page.nextCursor;
      } while (cursor !== undefined);
      return { sizes, seen };
    };
    const names = ["s0@4", "s1@1", "s2@1", "s3@1"];
    expect(await walk((cursor) => memory.listSkills("a", cursor ? { cursor } : {}))).toEqual({
      sizes: [2, 2],
      seen: names,
    });
    expect(
      await walk((cursor) =>
        memory.listSkills("a", { category: "c", ...(cursor ? { cursor } : {}) }),
      ),
    ).toEqual({ sizes: [2, 2], seen: names });
    expect(
      (await walk((cursor) => memory.listVersions("a", "s0", cursor ? { cursor } : {}))).seen,
    ).toEqual(["s0@1", "s0@2", "s0@3", "s0@4"]);
  }, 60_000);

  it("moves a skill between categories in one commit, leaving no stale entry", async () => {
    const { memory, store } = await openMemory(backend);
    await memory.saveSkill("a", { name: "s", category: "x", content: "1" });
    await memory.saveSkill("a", { name: "t", category: "x", content: "1" });
    await memory.saveSkill("a", { name: "s", category: "y", content: "1" });
    expect((await memory.listSkills("a", { category: "x" })).items.map((s) => s.name)).toEqual([
      "t",
    ]);
    expect((await memory.listSkills("a", { category: "y" })).items.map((s) => s.name)).toEqual([
      "s",
    ]);
    expect((await memory.listSkills("a")).items.map((s) => s.name)).toEqual(["s", "t"]);
    const entries = await store.listKeys(tupleRange(["by-category", "a"]).gte);
    expect(entries).toEqual([key("by-category", "a", "x", "t"), key("by-category", "a", "y", "s")]);
  });

  it("pages an agent's skills and a category's", async () => {
    const { memory } = await openMemory(backend);
    const names = Array.from({ length: 11 }, (_, i) => `s${String(i).padStart(2, "0")}`);
    for (const [i, name] of names.entries()) {
      await memory.saveSkill("a", { name, category: i % 2 ? "odd" : "even", content: "x" });
    }
    await memory.saveSkill("b", { name: "other", category: "even", content: "x" });
    const all = async (options: { category?: string }) => {
      const out: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await memory.listSkills("a", {
          ...options,
          limit: 4,
          ...(cursor ? { cursor } : {}),
        });
        expect(page.items.length).toBeLessThanOrEqual(4);
        out.push(...page.items.map((s) => s.name));
        cursor = page.nextCursor;
      } while (cursor !== undefined);
      return out;
    };
    expect(await all({})).toEqual(names);
    expect(await all({ category: "even" })).toEqual(names.filter((_, i) => i % 2 === 0));
  });

  it("lists the agents that hold skills, in pages, with their skill counts", async () => {
    const { memory } = await openMemory(backend);
    for (const agent of ["b", "a", "c", "d"]) {
      await memory.saveSkill(agent, { name: "s1", category: "c", content: "x" });
    }
    await memory.saveSkill("a", { name: "s2", category: "c", content: "x" });
    await memory.deleteSkill("c", "s1"); // c holds nothing now: not listed
    const first = await memory.listAgents({ limit: 2 });
    expect(first.items).toEqual([
      { agentId: "a", skillCount: 2 },
      { agentId: "b", skillCount: 1 },
    ]);
    const second = await memory.listAgents({ limit: 2, cursor: first.nextCursor! });
    expect(second).toEqual({ items: [{ agentId: "d", skillCount: 1 }] });
  });

  it("deletes a skill with its versions, stats and index entries; false when absent", async () => {
    const { memory, store } = await openMemory(backend);
    const before = await dump(store);
    for (let i = 0; i < 3; i++)
      await memory.saveSkill("a", { name: "s", category: "c", content: `${i}` });
    await memory.recordExecution("a", "s", { success: true, durationMs: 3 });
    expect(await memory.deleteSkill("a", "s")).toBe(true);
    expect(await memory.deleteSkill("a", "s")).toBe(false);
    expect(await memory.getSkill("a", "s")).toBeUndefined();
    expect(await memory.getStats("a", "s")).toBeUndefined();
    // Everything gone but the agent's skill counter, back at zero.
    const left = (await dump(store)).filter(([k]) => !before.some(([b]) => b === k));
    expect(left.map(([k]) => k)).toEqual([key("skill-count", "a")]);
    // Saved again it is a new skill: version 1, no old history, no old counts.
    const again = await memory.saveSkill("a", { name: "s", category: "c", content: "new" });
    expect(again.version).toBe(1);
    expect((await memory.listVersions("a", "s")).items).toEqual([again]);
    expect((await memory.getStats("a", "s"))?.usageCount).toBe(0);
  });

  it("leaves nothing behind when saves, deletes and executions of one name race", async () => {
    const { memory, store } = await openMemory(backend);
    const before = await dump(store);
    const instances = [memory, ...Array.from({ length: 2 }, () => new ProceduralMemory(store))];
    const ignoreExpected = (error: unknown) => {
      if (!StorageError.is(error, "NOT_FOUND")) throw error;
    };
    await Promise.all(
      instances.map(async (instance, k) => {
        for (let i = 0; i < 20; i++) {
          await instance.saveSkill("a", {
            name: "s",
            category: i % 2 ? "x" : "y",
            content: `${k}-${i}`,
          });
          await instance
            .recordExecution("a", "s", { success: true, durationMs: 1 })
            .catch(ignoreExpected);
          if (i % 3 === k) await instance.deleteSkill("a", "s");
        }
      }),
    );
    // Whatever survived is consistent: a dense history ending in the head, one category entry.
    const head = await memory.getSkill("a", "s");
    if (head !== undefined) {
      const versions = (await memory.listVersions("a", "s", { limit: 1000 })).items;
      expect(versions.map((v) => v.version)).toEqual(
        Array.from({ length: head.version }, (_, i) => i + 1),
      );
      expect(await store.listKeys(tupleRange(["by-category", "a"]).gte)).toEqual([
        key("by-category", "a", head.category, "s"),
      ]);
    }
    await memory.deleteSkill("a", "s");
    const left = (await dump(store)).filter(([k]) => !before.some(([b]) => b === k));
    expect(left.map(([k]) => k)).toEqual([key("skill-count", "a")]);
    expect(Array.from(left[0]![1])).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it("finishes a delete that crashed before its versions were purged", async () => {
    const { memory, store } = await openMemory(backend);
    for (let i = 0; i < 3; i++)
      await memory.saveSkill("a", { name: "s", category: "c", content: `${i}` });
    const versions = await store.listKeys(tupleRange(["version", "a", "s"]).gte);
    expect(versions).toHaveLength(2);
    // The delete's first commit (the tombstone), without the purge that follows it.
    const head = await store.get(key("skill", "a", "s"));
    const incarnation = JSON.parse(Buffer.from(head!.subarray(1)).toString()).incarnation;
    const tombstone = new Uint8Array([
      1,
      ...Buffer.from(JSON.stringify({ tombstone: true, incarnation })),
    ]);
    await store.set(key("skill", "a", "s"), tombstone);
    await store.delete(key("by-category", "a", "c", "s"));
    expect(await memory.getSkill("a", "s")).toBeUndefined();
    expect((await memory.listSkills("a")).items).toEqual([]);
    await refused(
      () => memory.recordExecution("a", "s", { success: true, durationMs: 1 }),
      "NOT_FOUND",
    );
    // Saving the name again purges the dead incarnation's history.
    const again = await memory.saveSkill("a", { name: "s", category: "c", content: "fresh" });
    expect(again.version).toBe(1);
    expect(await store.listKeys(tupleRange(["version", "a", "s"]).gte)).toEqual([]);
  });

  it("refuses one skill over maxSkillsPerAgent with FAILED_PRECONDITION, nothing written", async () => {
    const { memory, store } = await openMemory(backend, { maxSkillsPerAgent: 2 });
    await memory.saveSkill("a", { name: "s1", category: "c", content: "x" });
    await memory.saveSkill("a", { name: "s2", category: "c", content: "x" });
    const before = await dump(store);
    await refused(
      () => memory.saveSkill("a", { name: "s3", category: "c", content: "x" }),
      "FAILED_PRECONDITION",
    );
    expect(await dump(store)).toEqual(before);
    // Updating an existing skill is no new slot; deleting one frees one.
    await memory.saveSkill("a", { name: "s1", category: "c", content: "y" });
    await memory.deleteSkill("a", "s2");
    await memory.saveSkill("a", { name: "s3", category: "c", content: "x" });
    expect((await memory.listSkills("a")).items.map((s) => s.name)).toEqual(["s1", "s3"]);
  });

  it("refuses ids whose encoded keys would pass 1024 bytes before writing anything", async () => {
    const { memory, store } = await openMemory(backend);
    const before = await dump(store);
    // 250 x U+0001 is 250 UTF-8 bytes (a valid id) but 500 once escaped in a tuple key.
    const id = "\u0001".repeat(250);
    await refused(() => memory.saveSkill(id, { name: id, category: id, content: "x" }));
    await refused(() => memory.saveSkill(id, { name: id, category: "c", content: "x" }));
    await refused(() => memory.recordExecution(id, id, { success: true, durationMs: 1 }));
    expect(await dump(store)).toEqual(before);
  });
});
