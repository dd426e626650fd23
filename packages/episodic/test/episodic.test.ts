import { type StorageBackend, StorageError, tupleRange } from "@mnemo/core";
import { dump, forEachBackend, manualClock, runScript } from "@mnemo/testing";
import { describe, expect, it } from "vitest";
import { EpisodicMemory, type TurnInput } from "../src/index.js";

const childScript = new URL("./fixtures/episodic-child.ts", import.meta.url);

async function expectInvalid(promise: Promise<unknown>): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(StorageError.is(error, "INVALID_ARGUMENT"), String(error)).toBe(true);
}

forEachBackend((backend) => {
  const open = async (): Promise<{
    store: StorageBackend;
    memory: EpisodicMemory;
    clock: ReturnType<typeof manualClock>;
  }> => {
    const store = await backend.open({ namespace: "episodic" });
    const clock = manualClock();
    return { store, memory: new EpisodicMemory(store, { clock }), clock };
  };

  describe("reads", () => {
    it("returns a session in order, in reverse, by range, by role, in pages", async () => {
      const { memory } = await open();
      const roles = ["user", "assistant", "tool", "system"] as const;
      const appended = await memory.appendBatch(
        Array.from({ length: 10 }, (_, i) => ({
          sessionId: "s1",
          role: roles[i % 4]!,
          content: `turn ${i}`,
          timestamp: 1000 + i * 10,
        })),
      );
      await memory.append({ sessionId: "s2", role: "user", content: "other", timestamp: 1005 });

      const asc = await memory.list("s1");
      expect(asc.items.map((t) => t.content)).toEqual(appended.map((t) => t.content));
      expect(asc.nextCursor).toBeUndefined();
      const desc = await memory.list("s1", { order: "desc" });
      expect(desc.items.map((t) => t.timestamp)).toEqual(
        appended.map((t) => t.timestamp).reverse(),
      );

      const range = await memory.list("s1", { from: 1020, to: 1050 });
      expect(range.items.map((t) => t.timestamp)).toEqual([1020, 1030, 1040]);
      const users = await memory.list("s1", { roles: ["user", "system"] });
      expect(users.items.map((t) => t.role)).toEqual(["user", "system", "user", "system", "user"]);

      const seen: number[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await memory.list("s1", {
          order: "desc",
          limit: 3,
          ...(cursor ? { cursor } : {}),
        });
        seen.push(...page.items.map((t) => t.timestamp));
        cursor = page.nextCursor;
        pages++;
      } while (cursor !== undefined);
      expect(seen).toEqual(appended.map((t) => t.timestamp).reverse());
      expect(pages).toBe(4);

      const rolePage1 = await memory.list("s1", { roles: ["assistant"], limit: 2 });
      const rolePage2 = await memory.list("s1", {
        roles: ["assistant"],
        limit: 2,
        cursor: rolePage1.nextCursor!,
      });
      expect([...rolePage1.items, ...rolePage2.items].map((t) => t.timestamp)).toEqual([
        1010, 1050, 1090,
      ]);

      expect((await memory.recent("s1", 3)).map((t) => t.timestamp)).toEqual([1070, 1080, 1090]);
      expect(await memory.count("s1")).toBe(10);
      expect(await memory.count("s2")).toBe(1);
      expect(await memory.count("none")).toBe(0);
    });

    it("gives ids that sort by time and are unique, and keeps fields as given", async () => {
      const { memory, clock } = await open();
      const ids: string[] = [];
      for (let i = 0; i < 20; i++) {
        ids.push((await memory.append({ sessionId: "s", role: "user", content: "x" })).id);
        if (i % 5 === 0) clock.advance(1);
      }
      expect(new Set(ids).size).toBe(20);
      expect([...ids].sort()).toEqual(ids);

      const turn = await memory.append({
        sessionId: "s",
        role: "tool",
        content: "called",
        metadata: { tool: "grep", args: [1, "a"] },
        embeddingRef: "vec-42",
      });
      expect(turn.timestamp).toBe(clock.now());
      expect(await memory.get(turn.id)).toEqual(turn);
      expect(await memory.get("nope")).toBeUndefined();
    });
    it("pages within a time range and keeps concurrent appends of one instance", async () => {
      const { memory } = await open();
      await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          memory.append({
            sessionId: "s",
            role: "user",
            content: `parallel ${i}`,
            timestamp: 100 + i,
          }),
        ),
      );
      expect(await memory.count("s")).toBe(12);
      expect(await memory.stats()).toEqual({ documents: 12, totalLength: 24 });
      const first = await memory.list("s", { from: 103, to: 109, limit: 4 });
      expect(first.items.map((t) => t.timestamp)).toEqual([103, 104, 105, 106]);
      const second = await memory.list("s", {
        from: 103,
        to: 109,
        limit: 4,
        cursor: first.nextCursor!,
      });
      expect(second.items.map((t) => t.timestamp)).toEqual([107, 108]);
      expect(second.nextCursor).toBeUndefined();
      const back = await memory.list("s", { order: "desc", from: 103, to: 109, limit: 4 });
      const back2 = await memory.list("s", {
        order: "desc",
        from: 103,
        to: 109,
        cursor: back.nextCursor!,
      });
      expect(back2.items.map((t) => t.timestamp)).toEqual([104, 103]);
    });
  });

  describe("search", () => {
    const corpus: TurnInput[] = [
      {
        sessionId: "a",
        role: "user",
        content: "How do I reset my router password?",
        timestamp: 100,
      },
      {
        sessionId: "a",
        role: "assistant",
        content: "Hold the reset button of the router for ten seconds.",
        timestamp: 200,
      },
      {
        sessionId: "b",
        role: "user",
        content: "The cat is running after the dogs",
        timestamp: 300,
      },
      {
        sessionId: "b",
        role: "assistant",
        content: "Cats often run; a dog runs too. Router unrelated.",
        timestamp: 400,
      },
      {
        sessionId: "c",
        role: "user",
        content: "Passwords and routers and reset routers",
        timestamp: 500,
      },
    ];

    it("ranks by BM25 with stemming and filters by session and time", async () => {
      const { memory } = await open();
      const turns = await memory.appendBatch(corpus);
      expect(await memory.stats()).toMatchObject({ documents: 5 });

      const hits = await memory.search("reset router");
      expect(hits.map((h) => h.turn.id)).toEqual(
        expect.arrayContaining([turns[0]!.id, turns[1]!.id, turns[4]!.id]),
      );
      expect(hits[0]!.turn.id).toBe(turns[4]!.id); // both terms, "router" twice, short document
      for (let i = 1; i < hits.length; i++)
        expect(hits[i - 1]!.score).toBeGreaterThanOrEqual(hits[i]!.score);
      expect(hits.at(-1)!.turn.id).toBe(turns[3]!.id); // one weak match

      const stemmed = await memory.search("runner dog running");
      expect(stemmed.map((h) => h.turn.sessionId)).toEqual(["b", "b"]);

      expect(
        (await memory.search("router", { sessionId: "a" })).map((h) => h.turn.id).sort(),
      ).toEqual([turns[0]!.id, turns[1]!.id].sort());
      expect(
        (await memory.search("router", { from: 200, to: 500 })).map((h) => h.turn.timestamp).sort(),
      ).toEqual([200, 400]);
      expect(await memory.search("router", { limit: 1 })).toHaveLength(1);
      expect(await memory.search("the of and")).toEqual([]);
      expect(await memory.search("zebra")).toEqual([]);
    });

    it("never returns a deleted turn and keeps the statistics right", async () => {
      const { memory } = await open();
      const turns = await memory.appendBatch(corpus);
      const before = await memory.stats();
      expect(await memory.delete(turns[4]!.id)).toBe(true);
      expect(await memory.delete(turns[4]!.id)).toBe(false);
      expect((await memory.search("router")).map((h) => h.turn.id)).not.toContain(turns[4]!.id);
      const after = await memory.stats();
      expect(after.documents).toBe(before.documents - 1);
      expect(after.totalLength).toBeLessThan(before.totalLength);

      expect(await memory.deleteSession("b")).toBe(2);
      expect(await memory.search("cat dog")).toEqual([]);
      expect(await memory.count("b")).toBe(0);
      expect(await memory.deleteSession("a")).toBe(2);
      expect(await memory.stats()).toEqual({ documents: 0, totalLength: 0 });
    });
  });

  it("keeps its statistics exact after a write that failed but committed", async () => {
    const { store } = await open();
    let failNext = false;
    // A dropped connection after COMMIT: the write happened, the caller saw an error.
    const flaky = new Proxy(store, {
      get(target, prop) {
        if (prop === "commit") {
          return async (...args: Parameters<StorageBackend["commit"]>) => {
            const result = await target.commit(...args);
            if (failNext) {
              failNext = false;
              throw new Error("connection lost");
            }
            return result;
          };
        }
        const value = Reflect.get(target, prop);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const memory = new EpisodicMemory(flaky);
    await memory.append({ sessionId: "s", role: "user", content: "one" });
    failNext = true;
    await expect(memory.append({ sessionId: "s", role: "user", content: "two" })).rejects.toThrow();
    await memory.append({ sessionId: "s", role: "user", content: "three" });
    expect(await memory.count("s")).toBe(3);
    expect(await memory.stats()).toEqual({ documents: 3, totalLength: 3 });
  });

  describe("retention", () => {
    it("deletes turns older than a date across sessions, once even with two deleters", async () => {
      const { store, memory, clock } = await open();
      const other = new EpisodicMemory(store, { clock }); // a second writer on the same data
      const inputs = Array.from({ length: 320 }, (_, i) => ({
        sessionId: `s${i % 7}`,
        role: "user" as const,
        content: `message number ${i} about retention`,
        timestamp: i,
      }));
      await memory.appendBatch(inputs.slice(0, 160));
      await other.appendBatch(inputs.slice(160));

      const [a, b] = await Promise.all([memory.deleteOlderThan(300), other.deleteOlderThan(300)]);
      expect(a + b).toBe(300);
      expect(await memory.stats()).toMatchObject({ documents: 20 });
      expect((await memory.list("s0", { limit: 1 })).items[0]!.timestamp).toBe(301);
      expect(await memory.deleteOlderThan(300)).toBe(0);
      const hits = await memory.search("retention", { limit: 1000 });
      expect(hits).toHaveLength(20);
      expect(Math.min(...hits.map((h) => h.turn.timestamp))).toBe(300);
    });
  });

  describe("bad input", () => {
    it("is refused with INVALID_ARGUMENT and nothing is written", async () => {
      const { store, memory } = await open();
      await memory.append({ sessionId: "s", role: "user", content: "keep me", timestamp: 10 });
      const before = await dump(store);
      const circular: Record<string, unknown> = {};
      circular.self = circular;
      const bad: unknown[] = [
        { sessionId: "s", role: "robot", content: "x" },
        { sessionId: "", role: "user", content: "x" },
        { sessionId: 7, role: "user", content: "x" },
        { sessionId: "s", role: "user", content: 42 },
        { sessionId: "s", role: "user", content: "x", metadata: { n: 10n } },
        { sessionId: "s", role: "user", content: "x", metadata: { f: () => 1 } },
        { sessionId: "s", role: "user", content: "x", metadata: circular },
        { sessionId: "s", role: "user", content: "x", metadata: [1] },
        { sessionId: "s", role: "user", content: "x", timestamp: -1 },
        { sessionId: "s", role: "user", content: "x", timestamp: Number.NaN },
        { sessionId: "s", role: "user", content: "x", embeddingRef: "" },
      ];
      for (const input of bad) {
        await expectInvalid(memory.append(input as TurnInput));
        await expectInvalid(
          memory.appendBatch([
            { sessionId: "s", role: "user", content: "fine" },
            input as TurnInput,
          ]),
        );
      }
      await expectInvalid(memory.list("s", { from: 20, to: 10 }));
      await expectInvalid(memory.list("", {}));
      await expectInvalid(memory.list("s", { roles: ["robot" as "user"] }));
      await expectInvalid(memory.list("s", { cursor: "not-a-cursor" }));
      await expectInvalid(memory.list("s", { limit: -1 }));
      await expectInvalid(memory.search("x", { from: 20, to: 10 }));
      await expectInvalid(memory.search("x", { sessionId: "" }));
      await expectInvalid(memory.deleteOlderThan(Number.POSITIVE_INFINITY));
      await expectInvalid(memory.deleteSession(""));
      await expectInvalid(memory.recent("s", -2));
      expect(await dump(store)).toEqual(before);
    });
  });

  it("reads and searches the same data after a restart", async () => {
    const { store, memory } = await open();
    if (!store.characteristics().persistent) return;
    await memory.appendBatch([
      { sessionId: "s", role: "user", content: "persistent kangaroo", timestamp: 1 },
      { sessionId: "s", role: "assistant", content: "a second kangaroo", timestamp: 2 },
    ]);
    const reopened = new EpisodicMemory(await backend.reopen(store));
    expect(await reopened.count("s")).toBe(2);
    expect(await reopened.search("kangaroos")).toHaveLength(2);
    await reopened.append({
      sessionId: "s",
      role: "user",
      content: "third kangaroo",
      timestamp: 3,
    });
    expect(await reopened.stats()).toMatchObject({ documents: 3 });
  });

  describe("several processes", () => {
    it("loses no append and removes each old turn once", async () => {
      const { store, memory } = await open();
      if (!store.characteristics().multiProcess) return;
      const spec = backend.spec(store);
      // Each child appends 40 turns (timestamps 1000..1039), then both delete those before 1030.
      const outputs = await Promise.all(
        ["p1", "p2"].map((tag) =>
          runScript(childScript, [JSON.stringify(spec), "shared", tag, "40", "80", "1030"]),
        ),
      );
      let appended = 0;
      let removed = 0;
      for (const line of outputs) {
        const [a, r] = line.trim().split(" ").map(Number);
        appended += a!;
        removed += r!;
      }
      expect(appended).toBe(80);
      expect(removed).toBe(60);
      const left = (await memory.list("shared", { limit: 1000 })).items;
      expect(left).toHaveLength(20);
      expect(new Set(left.map((t) => t.id)).size).toBe(20);
      expect(await memory.stats()).toMatchObject({ documents: 20 });
      expect(await memory.count("shared")).toBe(20);
      expect(await memory.search("shared", { limit: 100 })).toHaveLength(20);
      // Two processes and this one: the statistics are still the fixed counters, no shards.
      for (const prefix of [["stats"], ["corpus", "delta"]]) {
        expect(await store.listKeys(tupleRange(prefix).gte)).toEqual([]);
      }
    });
  });
});
