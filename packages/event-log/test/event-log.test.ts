import { decodeTuple, type StorageBackend, StorageError } from "@mnemo/core";
import { forEachBackend, runScript } from "@mnemo/testing";
import { describe, expect, it } from "vitest";
import { EventLog, type LoggedEvent, monthOf } from "../src/index.js";

const OCT = Date.UTC(2026, 9, 15);
const NOV = Date.UTC(2026, 10, 1);
const NOV_MID = Date.UTC(2026, 10, 15);
const DEC = Date.UTC(2026, 11, 1);
const DEC_MID = Date.UTC(2026, 11, 10);

const fixedClock = (t: number) => ({ now: () => t });

async function allKeys(store: StorageBackend): Promise<string[]> {
  return store.listKeys();
}

async function expectRefused(op: () => Promise<unknown>, code = "INVALID_ARGUMENT") {
  const error = await op().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(StorageError.is(error)).toBe(true);
  expect((error as StorageError).code).toBe(code);
}

/** The same handle, remembering every key its scans yielded. */
function recordingScans(store: StorageBackend): { store: StorageBackend; seen: string[] } {
  const seen: string[] = [];
  const proxy = new Proxy(store, {
    get(target, property, receiver) {
      if (property === "scan") {
        return (options: Parameters<StorageBackend["scan"]>[0]) =>
          (async function* () {
            for await (const entry of target.scan(options)) {
              seen.push(entry[0]);
              yield entry;
            }
          })();
      }
      const value = Reflect.get(target, property, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { store: proxy, seen };
}

async function drain(log: EventLog, query: Parameters<EventLog["query"]>[0]) {
  const out: LoggedEvent[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await log.query({ ...query, ...(cursor === undefined ? {} : { cursor }) });
    out.push(...page.items);
    cursor = page.nextCursor;
    pages++;
  } while (cursor !== undefined);
  return { items: out, pages };
}

forEachBackend((backend) => {
  describe("EventLog", () => {
    it("keeps events of one millisecond in append order, forward and reverse", async () => {
      const store = await backend.open({ namespace: "event_log" });
      const log = new EventLog(store, { clock: fixedClock(NOV_MID), sequenceBlockSize: 3 });
      await log.append({ type: "a", data: 0 });
      await log.appendBatch([1, 2, 3, 4].map((n) => ({ type: "a", data: n })));
      await Promise.all([5, 6, 7].map((n) => log.append({ type: "a", data: n })));
      const forward = await log.query();
      expect(forward.items.map((e) => e.data)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
      expect(new Set(forward.items.map((e) => e.seq)).size).toBe(8);
      const reverse = await log.query({ reverse: true, limit: 3 });
      expect(reverse.items.map((e) => e.data)).toEqual([7, 6, 5]);
      expect(forward.items[0]).toEqual({
        seq: forward.items[0]!.seq,
        type: "a",
        data: 0,
        timestamp: NOV_MID,
      });
    });

    it("reads a time range from only the months it covers", async () => {
      const store = await backend.open({ namespace: "event_log" });
      const log = new EventLog(store);
      for (const t of [OCT, OCT + 1, NOV, NOV_MID, DEC, DEC_MID]) {
        await log.append({ type: "t", data: t, timestamp: t });
      }
      const recording = recordingScans(store);
      const reader = new EventLog(recording.store);
      const nov = await reader.query({ from: NOV, to: DEC });
      expect(nov.items.map((e) => e.timestamp)).toEqual([NOV, NOV_MID]);
      const months = new Set(recording.seen.map((k) => decodeTuple(k)[1]));
      expect([...months]).toEqual(["2026-11"]);
      // Half-open: `to` excludes an event exactly at it, `from` includes one.
      const tail = await log.query({ from: NOV_MID, to: DEC_MID, reverse: true });
      expect(tail.items.map((e) => e.timestamp)).toEqual([DEC, NOV_MID]);
      expect((await log.query({ from: NOV, to: NOV })).items).toEqual([]);
    });

    it("filters by type and by correlation id, alone and together", async () => {
      const store = await backend.open({ namespace: "event_log" });
      const log = new EventLog(store, { clock: fixedClock(NOV_MID) });
      await log.appendBatch([
        { type: "click", data: 1, correlationId: "c1" },
        { type: "view", data: 2, correlationId: "c1" },
        { type: "click", data: 3, correlationId: "c2" },
        { type: "click", data: 4, timestamp: DEC },
        { type: "view", data: 5 },
      ]);
      const data = (page: { items: readonly LoggedEvent[] }) => page.items.map((e) => e.data);
      expect(data(await log.query({ type: "click" }))).toEqual([1, 3, 4]);
      expect(data(await log.query({ type: "click", to: DEC }))).toEqual([1, 3]);
      expect(data(await log.query({ correlationId: "c1", reverse: true }))).toEqual([2, 1]);
      expect(data(await log.query({ correlationId: "c1", type: "view" }))).toEqual([2]);
      expect(data(await log.query({ correlationId: "nope" }))).toEqual([]);
      const [withId] = (await log.query({ correlationId: "c2" })).items;
      expect(withId?.correlationId).toBe("c2");
    });

    it("pages with opaque cursors, without gaps or repeats, in both directions", async () => {
      const store = await backend.open({ namespace: "event_log" });
      const log = new EventLog(store);
      const inputs = Array.from({ length: 23 }, (_, i) => ({
        type: i % 2 === 0 ? "even" : "odd",
        data: i,
        correlationId: "run",
        // Three events per millisecond, spread over two months.
        timestamp: NOV_MID + Math.floor(i / 3) * 86_400_000 * 3,
      }));
      await log.appendBatch(inputs);
      const all = inputs.map((e) => e.data);
      const forward = await drain(log, { limit: 5 });
      expect(forward.items.map((e) => e.data)).toEqual(all);
      expect(forward.pages).toBe(5);
      const reverse = await drain(log, { limit: 4, reverse: true });
      expect(reverse.items.map((e) => e.data)).toEqual([...all].reverse());
      const evens = await drain(log, { limit: 2, type: "even", from: NOV_MID + 1 });
      expect(evens.items.map((e) => e.data)).toEqual(all.filter((n) => n % 2 === 0 && n >= 3));
      const byRun = await drain(log, {
        limit: 3,
        correlationId: "run",
        type: "odd",
        reverse: true,
      });
      expect(byRun.items.map((e) => e.data)).toEqual(all.filter((n) => n % 2 === 1).reverse());
      const exact = await log.query({ limit: 23 });
      expect(exact.nextCursor).toBeUndefined();
    });

    it("removes whole months before a date, with their index entries, and counts them", async () => {
      const store = await backend.open({ namespace: "event_log" });
      const log = new EventLog(store);
      const batch = (t: number, n: number) =>
        Array.from({ length: n }, (_, i) => ({
          type: "x",
          data: i,
          correlationId: `c${i % 2}`,
          timestamp: t + i,
        }));
      await log.appendBatch(batch(OCT, 700));
      await log.appendBatch(batch(NOV_MID, 3));
      await log.appendBatch(batch(DEC_MID, 2));
      // A date inside December keeps December whole and drops October and November.
      const removed = await log.deleteMonthsBefore(DEC_MID + 5);
      expect(removed).toEqual({ months: ["2026-10", "2026-11"], deletedEvents: 703 });
      expect((await log.query({ type: "x" })).items.map((e) => e.timestamp)).toEqual([
        DEC_MID,
        DEC_MID + 1,
      ]);
      expect((await log.query({ correlationId: "c0" })).items).toHaveLength(1);
      // Nothing of the removed events is left behind: 2 events × (record + 2 indexes) + counter.
      expect(await allKeys(store)).toHaveLength(7);
      expect(await log.deleteMonthsBefore(DEC_MID)).toEqual({ months: [], deletedEvents: 0 });
    });

    it("tails events appended after it started, filtered, until returned or aborted", async () => {
      const store = await backend.open({ namespace: "event_log" });
      const log = new EventLog(store, { clock: fixedClock(NOV_MID) });
      await log.append({ type: "before", data: 0 });
      const all = log.tail();
      const clicks = log.tail({ type: "click" });
      const controller = new AbortController();
      const aborted = log.tail({ signal: controller.signal });
      await log.append({ type: "click", data: 1 });
      await log.appendBatch([
        { type: "view", data: 2 },
        { type: "click", data: 3 },
      ]);
      const take = async (it: AsyncIterator<LoggedEvent>, n: number) => {
        const out: unknown[] = [];
        for (let i = 0; i < n; i++) out.push((await it.next()).value?.data);
        return out;
      };
      expect(await take(all, 3)).toEqual([1, 2, 3]);
      expect(await take(clicks, 2)).toEqual([1, 3]);
      const pending = clicks.next();
      await log.append({ type: "click", data: 4 });
      expect((await pending).value?.data).toBe(4);
      controller.abort();
      expect((await aborted.next()).done).toBe(true);
      await all.return?.();
      expect((await all.next()).done).toBe(true);
      const waiting = clicks.next();
      log.close();
      expect((await waiting).done).toBe(true);
      await expectRefused(() => log.append({ type: "x", data: 1 }), "CLOSED");
    });

    it("polls for other writers' events when asked, yielding each event once", async () => {
      const store = await backend.open({ namespace: "event_log" });
      const reader = new EventLog(store);
      const writer = new EventLog(store);
      await writer.append({ type: "old", data: 0 });
      const live = reader.tail({ pollIntervalMs: 10 });
      const clicks = reader.tail({ pollIntervalMs: 10, type: "click" });
      await writer.append({ type: "click", data: 1 });
      await reader.append({ type: "view", data: 2 });
      await writer.appendBatch([
        { type: "click", data: 3 },
        { type: "view", data: 4 },
      ]);
      const seen: unknown[] = [];
      for await (const event of live) {
        seen.push(event.data);
        if (seen.length === 4) break;
      }
      expect([...seen].sort()).toEqual([1, 2, 3, 4]);
      expect((await clicks.next()).value?.data).toBe(1);
      expect((await clicks.next()).value?.data).toBe(3);
      // Nothing is yielded twice: the next event is a new one.
      await writer.append({ type: "click", data: 5 });
      expect((await clicks.next()).value?.data).toBe(5);
      reader.close();
      expect((await clicks.next()).done).toBe(true);
      expect(() => new EventLog(store).tail({ pollIntervalMs: 0 })).toThrow(StorageError);
    });

    it("refuses bad input and writes nothing", async () => {
      const store = await backend.open({ namespace: "event_log" });
      const log = new EventLog(store);
      const circular: Record<string, unknown> = {};
      circular.self = circular;
      const bad: unknown[] = [
        { type: "", data: 1 },
        { type: 3, data: 1 },
        { type: "x" },
        { type: "x", data: 10n },
        { type: "x", data: () => 1 },
        { type: "x", data: circular },
        { type: "x", data: { n: Number.NaN } },
        { type: "x", data: 1, correlationId: "" },
        { type: "x", data: 1, timestamp: -1 },
        { type: "x", data: 1, timestamp: 1.5 },
        { type: "x".repeat(300), data: 1 },
        null,
      ];
      for (const event of bad) {
        await expectRefused(() => log.append(event as never));
        // One bad event refuses its whole batch.
        await expectRefused(() => log.appendBatch([{ type: "ok", data: 1 }, event as never]));
      }
      await expectRefused(() =>
        log.appendBatch(Array.from({ length: 1001 }, () => ({ type: "x", data: 1 }))),
      );
      expect(await allKeys(store)).toEqual([]);
      await expectRefused(() => log.query({ from: 10, to: 5 }));
      await expectRefused(() => log.query({ limit: 0 }));
      await expectRefused(() => log.query({ cursor: "not-a-cursor" }));
      await expectRefused(() => log.query({ type: "" }));
      await expectRefused(() => log.deleteMonthsBefore(Number.NaN));
      expect(() => log.tail({ correlationId: "" })).toThrow(StorageError);
      expect(await allKeys(store)).toEqual([]);
    });

    it("gives two writers on one store distinct sequence numbers and loses no append", async () => {
      const store = await backend.open({ namespace: "event_log" });
      const clock = fixedClock(NOV_MID);
      const a = new EventLog(store, { clock, sequenceBlockSize: 2 });
      const b = new EventLog(store, { clock, sequenceBlockSize: 3 });
      await Promise.all(
        Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? a : b).append({ type: "w", data: i })),
      );
      const { items: events } = await a.query({ limit: 100 });
      expect(events).toHaveLength(40);
      expect(new Set(events.map((e) => e.seq)).size).toBe(40);
      expect(new Set(events.map((e) => e.data)).size).toBe(40);
    });

    it("does not reuse sequence numbers after a restart", async (ctx) => {
      const store = await backend.open({ namespace: "event_log" });
      if (!store.characteristics().persistent) return ctx.skip();
      const first = await new EventLog(store, { clock: fixedClock(NOV_MID) }).append({
        type: "a",
        data: 1,
      });
      const reopened = await backend.reopen(store);
      const log = new EventLog(reopened, { clock: fixedClock(NOV_MID) });
      const second = await log.append({ type: "a", data: 2 });
      expect(second.seq).toBeGreaterThan(first.seq);
      expect((await log.query()).items.map((e) => e.data)).toEqual([1, 2]);
    });

    // Child processes start slowly on a loaded machine.
    it("keeps every append and one stable order with two writer processes", {
      timeout: 120_000,
    }, async (ctx) => {
      const store = await backend.open({ namespace: "event_log" });
      if (!store.characteristics().multiProcess) return ctx.skip();
      const spec = JSON.stringify(backend.spec(store));
      const log = new EventLog(store);
      const live = log.tail({ pollIntervalMs: 50 });
      await Promise.all([
        runScript(new URL("./fixtures/append-events.ts", import.meta.url), [spec, "a", "200"]),
        runScript(new URL("./fixtures/append-events.ts", import.meta.url), [spec, "b", "200"]),
      ]);
      // A polling tail in this process saw every event the two others appended, once.
      const tailed = new Set<number>();
      for await (const event of live) {
        tailed.add(event.seq);
        if (tailed.size === 400) break;
      }
      const first = await drain(log, { limit: 1000 });
      expect(first.items).toHaveLength(400);
      expect(new Set(first.items.map((e) => e.seq)).size).toBe(400);
      // Each writer's events stay in its own append order.
      for (const writer of ["a", "b"]) {
        const mine = first.items
          .map((e) => e.data as { writer: string; i: number })
          .filter((d) => d.writer === writer);
        expect(mine.map((d) => d.i)).toEqual(Array.from({ length: 200 }, (_, i) => i));
      }
      const again = await drain(log, { limit: 37 });
      expect(again.items).toEqual(first.items);
    });
  });
});

describe("monthOf", () => {
  it("names the UTC month", () => {
    expect(monthOf(Date.UTC(2026, 10, 30, 23, 59, 59, 999))).toBe("2026-11");
    expect(monthOf(Date.UTC(2026, 11, 1))).toBe("2026-12");
    expect(monthOf(0)).toBe("1970-01");
  });
});
