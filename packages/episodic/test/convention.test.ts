/** The component API convention (docs/conventions.md), checked where a machine can. */
import { encodeCursor, StorageError } from "@mnemo/core";
import { dump, forEachBackend, manualClock } from "@mnemo/testing";
import { expect, it } from "vitest";
import { EpisodicMemory, MAX_LIMIT } from "../src/index.js";

async function refusal(call: () => Promise<unknown>): Promise<StorageError> {
  const error = await Promise.resolve()
    .then(call)
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  expect(error).toBeInstanceOf(StorageError);
  return error as StorageError;
}

forEachBackend((backend) => {
  const open = async () => {
    const store = await backend.open({ namespace: "episodic" });
    const clock = manualClock(1_700_000_000_000);
    return { store, clock, memory: new EpisodicMemory(store, { clock }) };
  };

  it("pages every listing as { items, nextCursor? } with tagged cursors", async () => {
    const { clock, memory } = await open();
    for (let i = 0; i < 5; i++) {
      clock.advance(10);
      await memory.append({ sessionId: `s${i}`, role: "user", content: `hello ${i}` });
      await memory.append({ sessionId: "main", role: "assistant", content: `reply ${i}` });
    }
    for (const listing of [
      (cursor?: string) => memory.list("main", { limit: 2, ...(cursor ? { cursor } : {}) }),
      (cursor?: string) =>
        memory.list("main", { order: "desc", limit: 2, ...(cursor ? { cursor } : {}) }),
      (cursor?: string) =>
        memory.listSessions({ limit: 2, ...(cursor ? { cursor } : {}) }) as Promise<{
          items: readonly unknown[];
          nextCursor?: string;
        }>,
    ]) {
      const seen: unknown[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await listing(cursor);
        expect(Object.keys(page).sort()).toEqual(
          page.nextCursor === undefined ? ["items"] : ["items", "nextCursor"],
        );
        seen.push(...page.items);
        cursor = page.nextCursor;
        pages++;
      } while (cursor !== undefined);
      expect(seen.length).toBeGreaterThanOrEqual(5);
      expect(pages).toBe(Math.ceil(seen.length / 2));
    }
    expect((await memory.listSessions()).items).toContainEqual({ sessionId: "main", turns: 5 });
    const turnCursor = (await memory.list("main", { limit: 1 })).nextCursor!;
    const sessionCursor = (await memory.listSessions({ limit: 1 })).nextCursor!;
    for (const [call, cursor] of [
      [(c: string) => memory.list("main", { cursor: c }), sessionCursor],
      [(c: string) => memory.listSessions({ cursor: c }), turnCursor],
      [(c: string) => memory.list("main", { cursor: c }), encodeCursor(["artifacts", 1, "x"])],
    ] as const) {
      const error = await refusal(() => call(cursor));
      expect([error.code, error.details.field]).toEqual(["INVALID_ARGUMENT", "cursor"]);
    }
    // Default timestamps come from the clock.
    expect((await memory.recent("main", 1))[0]!.timestamp).toBe(1_700_000_000_050);
  });

  it("refuses a bad limit the same way everywhere", async () => {
    const { memory } = await open();
    for (const limit of [0, -1, 1.5, MAX_LIMIT + 1, "5", null, Number.NaN]) {
      for (const call of [
        () => memory.list("s", { limit: limit as number }),
        () => memory.listSessions({ limit: limit as number }),
        () => memory.search("x", { limit: limit as number }),
        () => memory.recent("s", limit as number),
      ]) {
        const error = await refusal(call);
        expect([error.code, error.details.field]).toEqual(["INVALID_ARGUMENT", "limit"]);
      }
    }
    await memory.list("s", { limit: MAX_LIMIT });
    await memory.search("x", { limit: 1 });
  });

  it("validates times as epoch milliseconds", async () => {
    const { memory } = await open();
    for (const time of [-1, 1.5, 253_402_300_800_000, Number.POSITIVE_INFINITY, "0"]) {
      const t = time as number;
      for (const [call, field] of [
        [
          () => memory.append({ sessionId: "s", role: "user", content: "x", timestamp: t }),
          "timestamp",
        ],
        [() => memory.list("s", { from: t }), "from"],
        [() => memory.search("x", { to: t }), "to"],
        [() => memory.deleteOlderThan(t), "before"],
      ] as const) {
        const error = await refusal(call);
        expect([error.code, error.details.field]).toEqual(["INVALID_ARGUMENT", field]);
      }
    }
    const error = await refusal(() => memory.list("s", { from: 10, to: 5 }));
    expect(error.details.field).toBe("to");
  });

  it("delete returns whether something was deleted; bulk deletes the number", async () => {
    const { memory } = await open();
    const turn = await memory.append({ sessionId: "s", role: "user", content: "x" });
    await memory.append({ sessionId: "s", role: "user", content: "y" });
    expect(await memory.delete(turn.id)).toBe(true);
    expect(await memory.delete(turn.id)).toBe(false);
    expect(await memory.deleteSession("s")).toBe(1);
    expect(await memory.deleteSession("s")).toBe(0);
    expect((await memory.listSessions()).items).toEqual([]);
  });

  it("refuses null or wrong-typed options with INVALID_ARGUMENT and writes nothing", async () => {
    const { store, memory } = await open();
    await memory.append({ sessionId: "s", role: "user", content: "x" });
    const before = await dump(store);
    for (const options of [null, 5, "x", []]) {
      for (const call of [
        () => memory.list("s", options as never),
        () => memory.listSessions(options as never),
        () => memory.search("x", options as never),
        () => memory.append(options as never),
      ]) {
        expect((await refusal(call)).code).toBe("INVALID_ARGUMENT");
      }
      expect(() => new EpisodicMemory(store, options as never)).toThrow(StorageError);
    }
    expect(await dump(store)).toEqual(before);
  });

  it("bounds the turns one role-filtered page reads, and pages on past them", async () => {
    const { memory } = await open();
    const tools = (from: number) =>
      Array.from({ length: 500 }, (_, i) => ({
        sessionId: "s",
        role: "tool" as const,
        content: "ok",
        timestamp: from + i,
      }));
    await memory.appendBatch(tools(0));
    await memory.appendBatch(tools(500));
    await memory.append({ sessionId: "s", role: "user", content: "hi", timestamp: 5_000 });
    const first = await memory.list("s", { roles: ["user"] });
    expect(first.items).toEqual([]);
    expect(first.nextCursor).toBeDefined();
    const second = await memory.list("s", { roles: ["user"], cursor: first.nextCursor! });
    expect(second.items.map((t) => t.content)).toEqual(["hi"]);
    expect(second.nextCursor).toBeUndefined();
  });
});
