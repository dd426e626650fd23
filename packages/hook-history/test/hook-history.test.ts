import { encodeTuple, MAX_TIMESTAMP_MS, type StorageBackend, StorageError } from "@mnemo/core";
import { forEachBackend, runScript } from "@mnemo/testing";
import { describe, expect, it } from "vitest";
import { type HookExecution, HookHistory, type HookRecord } from "../src/index.js";

const T0 = Date.UTC(2026, 10, 1);

/** A clock tests move by hand. */
function manualClock(start = T0) {
  let now = start;
  return {
    now: () => now,
    set: (t: number) => {
      now = t;
    },
  };
}

const execution = (i: number, overrides: Partial<HookExecution> = {}): HookExecution => ({
  hookId: `hook-${i % 3}`,
  hookType: "pre-tool",
  input: { i, nested: { b: 2, a: 1 } },
  output: { ok: i },
  startedAt: T0 + i * 1000,
  durationMs: i,
  ...overrides,
});

async function expectRefused(op: () => Promise<unknown>, code = "INVALID_ARGUMENT") {
  const error = await op().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(StorageError.is(error)).toBe(true);
  expect((error as StorageError).code).toBe(code);
}

const recKey = (seq: number) => encodeTuple(["rec", seq]);

async function snapshot(store: StorageBackend): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for await (const [key, value] of store.scan()) out.set(key, Buffer.from(value).toString("hex"));
  return out;
}

async function fill(history: HookHistory, n: number): Promise<HookRecord[]> {
  const out: HookRecord[] = [];
  for (let i = 0; i < n; i++) out.push(await history.record(execution(i)));
  return out;
}

forEachBackend((backend) => {
  describe("HookHistory", () => {
    it("records executions in a chain and queries them by hook, time and outcome", async () => {
      const store = await backend.open({ namespace: "hook_history" });
      const history = new HookHistory(store, { clock: manualClock() });
      const recorded: HookRecord[] = [];
      for (let i = 0; i < 12; i++) {
        recorded.push(
          await history.record(execution(i, i % 4 === 0 ? { error: `boom ${i}` } : {})),
        );
      }
      expect(recorded.map((r) => r.seq)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
      expect(recorded[1]!.prevHash).toBe(recorded[0]!.hash);
      const seqs = (records: readonly HookRecord[]) => records.map((r) => r.seq);
      expect(seqs((await history.query({ hookId: "hook-1" })).items)).toEqual([2, 5, 8, 11]);
      expect(seqs((await history.query({ outcome: "error" })).items)).toEqual([1, 5, 9]);
      expect(
        seqs((await history.query({ hookId: "hook-0", outcome: "success", reverse: true })).items),
      ).toEqual([10, 7, 4]);
      expect(seqs((await history.query({ from: T0 + 3000, to: T0 + 6000 })).items)).toEqual([
        4, 5, 6,
      ]);
      const [first] = (await history.query({ limit: 1 })).items;
      expect(first).toEqual(recorded[0]);
      expect(first?.input).toEqual({ i: 0, nested: { a: 1, b: 2 } });

      const pages: number[][] = [];
      let cursor: string | undefined;
      do {
        const page = await history.query({
          reverse: true,
          limit: 5,
          ...(cursor === undefined ? {} : { cursor }),
        });
        pages.push(seqs(page.items));
        cursor = page.nextCursor;
      } while (cursor !== undefined);
      expect(pages).toEqual([
        [12, 11, 10, 9, 8],
        [7, 6, 5, 4, 3],
        [2, 1],
      ]);
    });

    it("computes count, error rate and duration percentiles per hook over a window", async () => {
      const store = await backend.open({ namespace: "hook_history" });
      const history = new HookHistory(store);
      for (let d = 1; d <= 100; d++) {
        await history.record({
          hookId: "a",
          hookType: "post",
          input: d,
          startedAt: T0 + d,
          durationMs: 101 - d,
          ...(d % 10 === 0 ? { error: "failed" } : {}),
        });
      }
      await history.record({
        hookId: "b",
        hookType: "post",
        input: 0,
        startedAt: T0 + 50,
        durationMs: 7,
      });
      const [a, b] = (await history.stats()).items;
      expect(a).toEqual({
        hookId: "a",
        count: 100,
        errors: 10,
        errorRate: 0.1,
        p50Ms: 50,
        p95Ms: 95,
        p99Ms: 99,
      });
      expect(b).toEqual({
        hookId: "b",
        count: 1,
        errors: 0,
        errorRate: 0,
        p50Ms: 7,
        p95Ms: 7,
        p99Ms: 7,
      });
      // Window [T0+1, T0+11): durations 100..91, one error (d = 10).
      expect((await history.stats({ hookId: "a", from: T0 + 1, to: T0 + 11 })).items).toEqual([
        { hookId: "a", count: 10, errors: 1, errorRate: 0.1, p50Ms: 95, p95Ms: 100, p99Ms: 100 },
      ]);
      expect((await history.stats({ from: T0 + 50, to: T0 + 51 })).items).toHaveLength(2);
      expect(await history.stats({ hookId: "none" })).toEqual({ items: [] });
    });

    it("verifies an untouched chain", async () => {
      const store = await backend.open({ namespace: "hook_history" });
      const history = new HookHistory(store);
      expect(await history.verify()).toMatchObject({ ok: true, checked: 0, headSeq: 0 });
      const records = await fill(history, 5);
      expect(await history.verify()).toEqual({
        ok: true,
        checked: 5,
        headSeq: 5,
        headHash: records[4]!.hash,
      });
    });

    it("names a record edited behind its back", async () => {
      const store = await backend.open({ namespace: "hook_history" });
      const history = new HookHistory(store);
      const records = await fill(history, 6);
      const target = records[2]!;
      const raw = await store.get(recKey(3));
      const edited = JSON.parse(Buffer.from(raw!.subarray(1)).toString("utf8")) as HookRecord;
      const tampered = { ...edited, output: { ok: "forged" } };
      const encode = (value: unknown) =>
        new Uint8Array([raw![0]!, ...Buffer.from(JSON.stringify(value))]);
      await store.set(recKey(3), encode(tampered));
      expect(await history.verify()).toMatchObject({
        ok: false,
        checked: 2,
        firstBadSeq: 3,
        id: target.id,
        reason: "changed",
      });
      // Garbage bytes where the record was.
      await store.set(recKey(3), new Uint8Array([9, 9, 9]));
      expect(await history.verify()).toMatchObject({
        ok: false,
        firstBadSeq: 3,
        reason: "changed",
      });
      // A careful forger recomputes the hash: the next record's link still gives it away.
      const { hashRecord } = await import("../src/chain.js");
      const rehashed = { ...tampered, hash: hashRecord(tampered) };
      await store.set(recKey(3), encode(rehashed));
      expect(await history.verify()).toMatchObject({
        ok: false,
        firstBadSeq: 3,
        id: target.id,
        reason: "unlinked",
      });
    });

    it("names a removed record and a reordered one", async () => {
      const store = await backend.open({ namespace: "hook_history" });
      const history = new HookHistory(store);
      await fill(history, 6);
      const four = (await store.get(recKey(4)))!;
      const five = (await store.get(recKey(5)))!;
      await store.set(recKey(4), five);
      await store.set(recKey(5), four);
      expect(await history.verify()).toMatchObject({
        ok: false,
        firstBadSeq: 4,
        reason: "reordered",
      });
      await store.set(recKey(4), four);
      await store.set(recKey(5), five);
      expect(await history.verify()).toMatchObject({ ok: true, checked: 6 });
      await store.delete(recKey(2));
      expect(await history.verify()).toMatchObject({
        ok: false,
        firstBadSeq: 2,
        reason: "removed",
        checked: 1,
      });
      await store.delete(recKey(1));
      expect(await history.verify()).toMatchObject({
        ok: false,
        firstBadSeq: 1,
        reason: "removed",
      });
    });

    it("finishes a record a 0.1 writer left behind its head", async () => {
      const store = await backend.open({ namespace: "hook_history" });
      const history = new HookHistory(store);
      await fill(history, 3);
      const three = (await history.query({ reverse: true, limit: 1 })).items[0]!;
      // 0.1 moved a head carrying the record first and wrote the record after: as if the
      // writer of record 3 died between the two.
      const { headCodec } = await import("../src/chain.js");
      await store.set(
        encodeTuple(["head"]),
        headCodec.encode({ seq: 3, hash: three.hash, record: three }),
      );
      const before = await snapshot(store);
      const orphanKeys = [...before.keys()].filter((k) => k !== encodeTuple(["head"]));
      await store.write(
        orphanKeys
          .filter((k) => k === recKey(3) || k.endsWith(encodeTuple([three.startedAt, 3])))
          .map((key) => ({ type: "del" as const, key })),
      );
      expect(await store.get(recKey(3))).toBeUndefined();
      expect(await history.verify()).toMatchObject({ ok: true, checked: 3 });
      const other = new HookHistory(store);
      await other.record(execution(9));
      // Record 3 and its index entries are back, byte for byte.
      const after = await snapshot(store);
      for (const [key, value] of before) {
        if (key !== encodeTuple(["head"])) expect(after.get(key)).toBe(value);
      }
      expect((await history.query({ limit: 10 })).items.map((r) => r.seq)).toEqual([1, 2, 3, 4]);
      expect(await history.verify()).toMatchObject({ ok: true, checked: 4 });
    });

    it("retains a verifiable chain after removing old records", async () => {
      const store = await backend.open({ namespace: "hook_history" });
      const clock = manualClock();
      const history = new HookHistory(store, { clock });
      const records: HookRecord[] = [];
      for (let i = 0; i < 10; i++) {
        clock.set(T0 + i * 60_000);
        records.push(await history.record(execution(i)));
      }
      const result = await history.deleteBefore(T0 + 5 * 60_000);
      expect(result).toEqual({ deletedRecords: 5, anchorSeq: 5, anchorHash: records[4]!.hash });
      expect(await history.verify()).toMatchObject({ ok: true, checked: 5, headSeq: 10 });
      expect((await history.query()).items.map((r) => r.seq)).toEqual([6, 7, 8, 9, 10]);
      expect((await history.stats()).items.reduce((n, s) => n + s.count, 0)).toBe(5);
      // 5 records × (record + 3 index entries) + head + anchor.
      expect((await store.listKeys()).length).toBe(22);
      clock.set(T0 + 3_600_000);
      await history.record(execution(10));
      // Retention never removes the head record, so the next append still links to it.
      expect(await history.deleteBefore(T0 + 7_200_000)).toMatchObject({
        deletedRecords: 5,
        anchorSeq: 10,
      });
      expect(await history.verify()).toMatchObject({ ok: true, checked: 1, headSeq: 11 });
      const anchors = (await store.listKeys()).filter((k) => k.startsWith(encodeTuple(["anchor"])));
      expect(anchors).toHaveLength(1);
      // Removing the record right after the anchor is still caught.
      await history.record(execution(12));
      await store.delete(recKey(11));
      expect(await history.verify()).toMatchObject({
        ok: false,
        firstBadSeq: 11,
        reason: "removed",
      });
    });

    it("refuses to remove a tampered record by retention", async () => {
      const store = await backend.open({ namespace: "hook_history" });
      const history = new HookHistory(store);
      await fill(history, 4);
      const raw = (await store.get(recKey(2)))!;
      const text = Buffer.from(raw.subarray(1))
        .toString("utf8")
        .replace('"pre-tool"', '"post-tool"');
      await store.set(recKey(2), new Uint8Array([raw[0]!, ...Buffer.from(text)]));
      // A time beyond core's range (year 9999) is bad input, not a reason to look at records.
      await expectRefused(() => history.deleteBefore(Number.MAX_SAFE_INTEGER));
      await expectRefused(() => history.deleteBefore(MAX_TIMESTAMP_MS), "CORRUPTED");
      expect(await history.verify()).toMatchObject({ ok: false, firstBadSeq: 2 });
    });

    it("refuses bad input and writes nothing", async () => {
      const store = await backend.open({ namespace: "hook_history" });
      const history = new HookHistory(store);
      await fill(history, 2);
      const before = await snapshot(store);
      const circular: Record<string, unknown> = {};
      circular.self = circular;
      const bad: Partial<Record<keyof HookExecution, unknown>>[] = [
        { hookId: "" },
        { hookId: 7 },
        { hookType: "" },
        { input: undefined },
        { input: 1n },
        { input: circular },
        { output: () => 1 },
        { output: { x: Number.POSITIVE_INFINITY } },
        { error: "" },
        { error: 42 },
        { startedAt: -1 },
        { startedAt: "yesterday" },
        { durationMs: -1 },
        { durationMs: Number.NaN },
        { correlationId: "" },
      ];
      for (const overrides of bad) {
        await expectRefused(() =>
          history.record({ ...execution(5), ...overrides } as HookExecution),
        );
      }
      await expectRefused(() => history.record(null as never));
      await expectRefused(() => history.query({ from: 10, to: 5 }));
      await expectRefused(() => history.query({ outcome: "maybe" as never }));
      await expectRefused(() => history.query({ limit: 10_001 }));
      await expectRefused(() => history.query({ cursor: "abc" }));
      await expectRefused(() => history.stats({ from: 10, to: 5 }));
      await expectRefused(() => history.deleteBefore(-5));
      expect(await snapshot(store)).toEqual(before);
    });

    it("keeps one unbroken chain with two writers on one store", async () => {
      const store = await backend.open({ namespace: "hook_history" });
      const a = new HookHistory(store);
      const b = new HookHistory(store);
      await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? a : b).record(execution(i))));
      expect(await a.verify()).toMatchObject({ ok: true, checked: 30, headSeq: 30 });
      const inputs = (await a.query({ limit: 100 })).items.map((r) => (r.input as { i: number }).i);
      expect(inputs.sort((x, y) => x - y)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    });

    // Child processes start slowly on a loaded machine.
    it("keeps one unbroken chain with two writer processes", { timeout: 120_000 }, async (ctx) => {
      const store = await backend.open({ namespace: "hook_history" });
      if (!store.characteristics().multiProcess) return ctx.skip();
      const spec = JSON.stringify(backend.spec(store));
      await Promise.all([
        runScript(new URL("./fixtures/record-executions.ts", import.meta.url), [spec, "a", "40"]),
        runScript(new URL("./fixtures/record-executions.ts", import.meta.url), [spec, "b", "40"]),
      ]);
      const history = new HookHistory(store);
      expect(await history.verify()).toMatchObject({ ok: true, checked: 80, headSeq: 80 });
      for (const writer of ["a", "b"]) {
        const { items: records } = await history.query({ hookId: `hook-${writer}`, limit: 100 });
        expect(records.map((r) => (r.input as { i: number }).i)).toEqual(
          Array.from({ length: 40 }, (_, i) => i),
        );
      }
    });
  });
});
