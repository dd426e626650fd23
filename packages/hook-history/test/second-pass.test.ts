// Issues 12 and 13 for hook history: stale writers, racing retention, hostile JSON input and
// the API convention (page shapes, cursors, limits, times, options).
import { encodeTuple, MAX_TIMESTAMP_MS, type StorageBackend, StorageError } from "@mnemo/core";
import { dump, forEachBackend, manualClock, runScript } from "@mnemo/testing";
import { describe, expect, it } from "vitest";
import { type HookExecution, HookHistory } from "../src/index.js";

const T0 = Date.UTC(2026, 10, 1);
const HEAD = encodeTuple(["head"]);
const recKey = (seq: number) => encodeTuple(["rec", seq]);

const execution = (i: number, overrides: Record<string, unknown> = {}): HookExecution =>
  ({
    hookId: `hook-${i % 3}`,
    hookType: "pre-tool",
    input: { i },
    startedAt: T0 + i * 1000,
    durationMs: i,
    ...overrides,
  }) as HookExecution;

function deep(levels: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
}

/** The code of what `action` threw or rejected with; a non-StorageError fails the test. */
async function codeOf(action: () => unknown): Promise<string | undefined> {
  try {
    await action();
    return undefined;
  } catch (error) {
    if (!StorageError.is(error)) throw error;
    return error.code;
  }
}

/** The handle, with a hook that runs once right after the first read of `key`. */
function afterFirstRead(
  store: StorageBackend,
  key: string,
  meanwhile: () => Promise<void>,
): StorageBackend {
  let fired = false;
  return new Proxy(store, {
    get(target, prop) {
      if (prop === "get" || prop === "getEntry") {
        const read = Reflect.get(target, prop).bind(target) as (k: string) => Promise<unknown>;
        return async (k: string) => {
          const value = await read(k);
          if (k === key && !fired) {
            fired = true;
            await meanwhile();
          }
          return value;
        };
      }
      const value = Reflect.get(target, prop);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

forEachBackend((backend) => {
  const open = () => backend.open({ namespace: "hook_history" });

  describe("writers and retention", () => {
    it("an instance holding a stale head cannot bring back a record retention removed", async () => {
      const store = await open();
      const main = new HookHistory(store);
      for (let i = 0; i < 5; i++) await main.record(execution(i));
      // While the stale instance holds head 5, others append and retention removes 1..7.
      const stale = new HookHistory(
        afterFirstRead(store, HEAD, async () => {
          for (let i = 5; i < 8; i++) await main.record(execution(i));
          await main.deleteBefore(MAX_TIMESTAMP_MS);
        }),
      );
      const record = await stale.record(execution(8));
      expect(record.seq).toBe(9);
      for (let seq = 1; seq <= 7; seq++) expect(await store.get(recKey(seq))).toBeUndefined();
      expect((await main.query()).items.map((r) => r.seq)).toEqual([8, 9]);
      expect(await main.verify()).toMatchObject({ ok: true, checked: 2, headSeq: 9 });
    });

    it("two retention runs racing remove and count each record once", async () => {
      const store = await open();
      const clock = manualClock(T0);
      const history = new HookHistory(store, { clock });
      for (let i = 0; i < 250; i++) {
        clock.advance(10);
        await history.record(execution(i));
      }
      const other = new HookHistory(store, { clock });
      const [a, b] = await Promise.all([
        history.deleteBefore(MAX_TIMESTAMP_MS),
        other.deleteBefore(MAX_TIMESTAMP_MS),
      ]);
      expect(a.deletedRecords + b.deletedRecords).toBe(249);
      expect(await history.verify()).toMatchObject({ ok: true, checked: 1, headSeq: 250 });
      // The head record with its 3 index entries, the head, and one anchor.
      expect(await dump(store)).toHaveLength(6);
    });

    it("verify calls a stored record nested 4,000 deep changed, without a stack overflow", async () => {
      const store = await open();
      const history = new HookHistory(store);
      for (let i = 0; i < 4; i++) await history.record(execution(i));
      const raw = (await store.get(recKey(2)))!;
      const record = JSON.parse(Buffer.from(raw.subarray(1)).toString("utf8"));
      const forged = { ...record, input: deep(4000) };
      await store.set(recKey(2), new Uint8Array([raw[0]!, ...Buffer.from(JSON.stringify(forged))]));
      expect(await history.verify()).toMatchObject({
        ok: false,
        firstBadSeq: 2,
        reason: "changed",
      });
      expect(await codeOf(() => history.deleteBefore(MAX_TIMESTAMP_MS))).toBe("CORRUPTED");
      // Retention removed the verified record before the forged one, and stopped there.
      expect(await store.get(recKey(1))).toBeUndefined();
      expect(await store.get(recKey(2))).toBeDefined();
    });

    it("refuses a 17 MiB input with nothing written", async () => {
      const store = await open();
      const history = new HookHistory(store);
      await history.record(execution(0));
      const before = await dump(store);
      const code = await codeOf(() =>
        history.record(execution(1, { input: "x".repeat(17 * 1024 * 1024) })),
      );
      expect(code).toBe("VALUE_TOO_LARGE");
      expect(await dump(store)).toEqual(before);
      expect((await history.record(execution(2))).seq).toBe(2);
    });
  });

  describe("several processes", () => {
    // Child processes start slowly on a loaded machine.
    it("two writer processes and a retention process: one chain, nothing brought back", {
      timeout: 120_000,
    }, async (ctx) => {
      const store = await open();
      if (!store.characteristics().multiProcess) return ctx.skip();
      const spec = JSON.stringify(backend.spec(store));
      const fixture = (name: string) => new URL(`./fixtures/${name}.ts`, import.meta.url);
      const [, , removed] = await Promise.all([
        runScript(fixture("record-executions"), [spec, "a", "60"]),
        runScript(fixture("record-executions"), [spec, "b", "60"]),
        runScript(fixture("retention-loop"), [spec, "40"]),
      ]);
      const history = new HookHistory(store);
      const final = await history.deleteBefore(MAX_TIMESTAMP_MS);
      // Every record but the head was removed, each counted by exactly one run.
      expect(Number(removed) + final.deletedRecords).toBe(119);
      expect(final.anchorSeq).toBe(119);
      expect(await history.verify()).toMatchObject({ ok: true, checked: 1, headSeq: 120 });
      // The head record with its 3 index entries, the head and one anchor: no record below
      // the anchor was written back by a writer holding an old head.
      expect(await dump(store)).toHaveLength(6);
    });
  });

  describe("hostile JSON input", () => {
    const toStringKey = JSON.parse('{"toString":"x"}');
    const cases: [string, (h: HookHistory, store: StorageBackend) => unknown][] = [
      ["null options", (_h, s) => new HookHistory(s, null as never)],
      ["options as a number", (_h, s) => new HookHistory(s, 5 as never)],
      ["maxAttempts NaN", (_h, s) => new HookHistory(s, { maxAttempts: Number.NaN })],
      ["maxAttempts 0", (_h, s) => new HookHistory(s, { maxAttempts: 0 })],
      ["a clock without now", (_h, s) => new HookHistory(s, { clock: {} as never })],
      ["record(null)", (h) => h.record(null as never)],
      ["record(5)", (h) => h.record(5 as never)],
      ["record(string)", (h) => h.record("x" as never)],
      ["record([])", (h) => h.record([] as never)],
      ["record({toString})", (h) => h.record(toStringKey)],
      ["hookId {toString}", (h) => h.record(execution(1, { hookId: toStringKey }))],
      ["hookType array", (h) => h.record(execution(1, { hookType: ["a"] }))],
      ["input 4,000 deep", (h) => h.record(execution(1, { input: deep(4000) }))],
      ["output 4,000 deep", (h) => h.record(execution(1, { output: deep(4000) }))],
      ["input 64 deep", (h) => h.record(execution(1, { input: deep(64) }))],
      ["input with a Map", (h) => h.record(execution(1, { input: { m: new Map() } }))],
      ["durationMs {toString}", (h) => h.record(execution(1, { durationMs: toStringKey }))],
      ["durationMs string", (h) => h.record(execution(1, { durationMs: "5" }))],
      ["startedAt string", (h) => h.record(execution(1, { startedAt: "1" }))],
      ["startedAt year 10000", (h) => h.record(execution(1, { startedAt: MAX_TIMESTAMP_MS + 1 }))],
      ["startedAt 8.64e15", (h) => h.record(execution(1, { startedAt: 8.64e15 }))],
      ["error {toString}", (h) => h.record(execution(1, { error: toStringKey }))],
      ["error 1 MiB", (h) => h.record(execution(1, { error: "e".repeat(1 << 20) }))],
      ["correlationId number", (h) => h.record(execution(1, { correlationId: 5 }))],
      ["query(null)", (h) => h.query(null as never)],
      ["query(5)", (h) => h.query(5 as never)],
      ["query(string)", (h) => h.query("x" as never)],
      ["query limit string", (h) => h.query({ limit: "10" as never })],
      ["query reverse string", (h) => h.query({ reverse: "true" as never })],
      ["query hookId {toString}", (h) => h.query({ hookId: toStringKey })],
      ["query outcome {toString}", (h) => h.query({ outcome: toStringKey })],
      ["query outcome bigint", (h) => h.query({ outcome: 1n as never })],
      ["query cursor number", (h) => h.query({ cursor: 5 as never })],
      ["query from 1e16", (h) => h.query({ from: 1e16 })],
      ["stats(null)", (h) => h.stats(null as never)],
      ["stats limit 0", (h) => h.stats({ limit: 0 })],
      ["stats cursor of a query", (h) => h.stats({ cursor: toStringKey })],
      ["deleteBefore(null)", (h) => h.deleteBefore(null as never)],
      ["deleteBefore(string)", (h) => h.deleteBefore("1" as never)],
      ["deleteBefore({toString})", (h) => h.deleteBefore(toStringKey)],
    ];
    it.each(cases)("%s is INVALID_ARGUMENT with nothing written", async (_name, call) => {
      const store = await open();
      const history = new HookHistory(store);
      await history.record(execution(0));
      const before = await dump(store);
      expect(await codeOf(() => call(history, store))).toBe("INVALID_ARGUMENT");
      expect(await dump(store)).toEqual(before);
    });

    it("keeps a __proto__ key as data, without touching any prototype", async () => {
      const store = await open();
      const history = new HookHistory(store);
      const input = JSON.parse('{"__proto__":{"polluted":true},"a":1}');
      const record = await history.record(execution(0, { input }));
      const [read] = (await history.query()).items;
      expect(Object.keys(read!.input as object)).toEqual(["__proto__", "a"]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(await history.verify()).toMatchObject({ ok: true, headHash: record.hash });
    });
  });

  describe("the API convention", () => {
    it("pages with tagged cursors, one limit rule and core's time range", async () => {
      const store = await open();
      const history = new HookHistory(store);
      for (let i = 0; i < 7; i++) await history.record(execution(i));
      const first = await history.query({ limit: 3 });
      expect(Object.keys(first).sort()).toEqual(["items", "nextCursor"]);
      const second = await history.query({ limit: 3, cursor: first.nextCursor! });
      const third = await history.query({ limit: 3, cursor: second.nextCursor! });
      expect([...first.items, ...second.items, ...third.items].map((r) => r.seq)).toEqual([
        1, 2, 3, 4, 5, 6, 7,
      ]);
      expect(third).not.toHaveProperty("nextCursor");
      for (const limit of [0, -1, 1.5, 1001, Number.NaN]) {
        expect(await codeOf(() => history.query({ limit }))).toBe("INVALID_ARGUMENT");
      }
      expect((await history.query({ limit: 1000 })).items).toHaveLength(7);
      // Stats pages cover hooks; a cursor of one listing is refused by the other.
      const stats = await history.stats({ limit: 2 });
      expect(stats.items.map((s) => s.hookId)).toEqual(["hook-0", "hook-1"]);
      const rest = await history.stats({ limit: 2, cursor: stats.nextCursor! });
      expect(rest).toEqual({ items: [expect.objectContaining({ hookId: "hook-2" })] });
      expect(await codeOf(() => history.query({ cursor: stats.nextCursor! }))).toBe(
        "INVALID_ARGUMENT",
      );
      expect(await codeOf(() => history.stats({ cursor: first.nextCursor! }))).toBe(
        "INVALID_ARGUMENT",
      );
      for (const t of [-1, 1.5, MAX_TIMESTAMP_MS + 1]) {
        expect(await codeOf(() => history.query({ from: t }))).toBe("INVALID_ARGUMENT");
        expect(await codeOf(() => history.deleteBefore(t))).toBe("INVALID_ARGUMENT");
      }
      // A clock outside the range is refused too, before anything is written.
      const before = await dump(store);
      const future = new HookHistory(store, { clock: { now: () => MAX_TIMESTAMP_MS + 1 } });
      expect(await codeOf(() => future.record(execution(9)))).toBe("INVALID_ARGUMENT");
      expect(await dump(store)).toEqual(before);
      // Retention reports how many records it deleted.
      expect((await history.deleteBefore(MAX_TIMESTAMP_MS)).deletedRecords).toBe(6);
    });

    it("ends a page early with a cursor when a filter matches rarely", async () => {
      const store = await open();
      const history = new HookHistory(store);
      const { MAX_SCANNED_PER_PAGE } = await import("../src/query.js");
      expect(MAX_SCANNED_PER_PAGE).toBe(10_000);
      // hook-0 errors are rare: the page scans the hook's index, not beyond its budget.
      for (let i = 0; i < 30; i++) {
        await history.record(execution(i * 3, i === 29 ? { error: "boom" } : {}));
      }
      const { items } = await history.query({ hookId: "hook-0", outcome: "error" });
      expect(items.map((r) => r.error)).toEqual(["boom"]);
    });
  });
});
