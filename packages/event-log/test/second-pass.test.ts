// Issues 12 and 13 for the event log: queries racing retention, bounded tails, core's time
// range, refused calls that write nothing, hostile JSON input and the API convention.
import { encodeTuple, MAX_TIMESTAMP_MS, type StorageBackend, StorageError } from "@mnemo/core";
import { dump, forEachBackend, runScript } from "@mnemo/testing";
import { describe, expect, it } from "vitest";
import { EventLog, type LoggedEvent } from "../src/index.js";

const NOV = Date.UTC(2026, 10, 15);
const DEC = Date.UTC(2026, 11, 15);
const LAST_MS = MAX_TIMESTAMP_MS; // 9999-12-31T23:59:59.999Z
const fixedClock = (t: number) => ({ now: () => t });

async function codeOf(action: () => unknown): Promise<string | undefined> {
  try {
    await action();
    return undefined;
  } catch (error) {
    if (!StorageError.is(error)) throw error;
    return error.code;
  }
}

function deep(levels: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
}

/** The handle, running `meanwhile` once right after the first getBatch returns. */
function afterFirstBatch(store: StorageBackend, meanwhile: () => Promise<void>): StorageBackend {
  let fired = false;
  return new Proxy(store, {
    get(target, prop) {
      if (prop === "getBatch") {
        return async (keys: Iterable<string>) => {
          const found = await target.getBatch(keys);
          if (!fired) {
            fired = true;
            await meanwhile();
            // What the read saw a moment ago is gone now: return what is there now.
            return target.getBatch(found.keys());
          }
          return found;
        };
      }
      const value = Reflect.get(target, prop);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

forEachBackend((backend) => {
  const open = () => backend.open({ namespace: "event_log" });

  describe("retention", () => {
    it("a query racing retention skips what it removed, never a false CORRUPTED", async () => {
      const store = await open();
      const log = new EventLog(store);
      await log.appendBatch(
        Array.from({ length: 10 }, (_, i) => ({ type: "t", data: i, timestamp: NOV + i })),
      );
      await log.append({ type: "t", data: "kept", timestamp: DEC });
      const racing = new EventLog(
        afterFirstBatch(store, async () => {
          await log.deleteMonthsBefore(DEC);
        }),
      );
      const { items } = await racing.query({ type: "t" });
      expect(items.map((e) => e.data)).toEqual(["kept"]);
    });

    it("still reports an index entry whose record is gone as CORRUPTED", async () => {
      const store = await open();
      const log = new EventLog(store);
      const event = await log.append({ type: "t", data: 1, timestamp: NOV });
      await store.delete(encodeTuple(["ev", "2026-11", NOV, event.seq]));
      expect(await codeOf(() => log.query({ type: "t" }))).toBe("CORRUPTED");
    });

    it("two retention runs racing remove and count each event once", async () => {
      const store = await open();
      const log = new EventLog(store);
      await log.appendBatch(
        Array.from({ length: 450 }, (_, i) => ({
          type: "t",
          data: i,
          correlationId: "c",
          timestamp: NOV + i,
        })),
      );
      await log.append({ type: "t", data: "kept", timestamp: DEC });
      const other = new EventLog(store);
      const [a, b] = await Promise.all([
        log.deleteMonthsBefore(DEC),
        other.deleteMonthsBefore(DEC),
      ]);
      expect(a.deletedEvents + b.deletedEvents).toBe(450);
      // The kept event with its type index entry, and the sequence counter.
      expect(await dump(store)).toHaveLength(3);
    });
  });

  describe("several processes", () => {
    // Child processes start slowly on a loaded machine.
    it("two retention processes remove and count each event once", {
      timeout: 120_000,
    }, async (ctx) => {
      const store = await open();
      if (!store.characteristics().multiProcess) return ctx.skip();
      const log = new EventLog(store);
      await log.appendBatch(
        Array.from({ length: 900 }, (_, i) => ({
          type: `t${i % 3}`,
          data: i,
          correlationId: `c${i % 7}`,
          timestamp: NOV + i,
        })),
      );
      await log.append({ type: "t0", data: "kept", timestamp: DEC });
      const spec = JSON.stringify(backend.spec(store));
      const script = new URL("./fixtures/retention.ts", import.meta.url);
      const counts = await Promise.all([
        runScript(script, [spec, String(DEC)]),
        runScript(script, [spec, String(DEC)]),
      ]);
      expect(counts.map(Number).reduce((a, b) => a + b)).toBe(900);
      expect((await log.query()).items.map((e) => e.data)).toEqual(["kept"]);
      expect(await dump(store)).toHaveLength(3);
    });
  });

  describe("one time range", () => {
    it("refuses year 10000 and keeps months sorting as time up to 9999", async () => {
      const store = await open();
      const log = new EventLog(store, { clock: fixedClock(NOV) });
      for (const t of [LAST_MS + 1, 8.64e15, 8.64e15 + 1]) {
        expect(await codeOf(() => log.append({ type: "t", data: 1, timestamp: t }))).toBe(
          "INVALID_ARGUMENT",
        );
        expect(await codeOf(() => log.query({ from: t }))).toBe("INVALID_ARGUMENT");
        expect(await codeOf(() => log.deleteMonthsBefore(t))).toBe("INVALID_ARGUMENT");
      }
      expect(await dump(store)).toEqual([]);
      await log.append({ type: "t", data: "future", timestamp: LAST_MS });
      await log.append({ type: "t", data: "now" });
      await log.append({ type: "t", data: "past", timestamp: 0 });
      expect((await log.query()).items.map((e) => e.data)).toEqual(["past", "now", "future"]);
      expect((await log.query({ from: DEC })).items.map((e) => e.data)).toEqual(["future"]);
      expect(await log.deleteMonthsBefore(DEC)).toEqual({
        months: ["1970-01", "2026-11"],
        deletedEvents: 2,
      });
      expect((await log.query()).items.map((e) => e.data)).toEqual(["future"]);
      // A clock beyond the range is refused too, before anything is written.
      const before = await dump(store);
      const broken = new EventLog(store, { clock: fixedClock(LAST_MS + 1) });
      expect(await codeOf(() => broken.append({ type: "t", data: 1 }))).toBe("INVALID_ARGUMENT");
      expect(await dump(store)).toEqual(before);
    });
  });

  describe("refused calls write nothing", () => {
    it("sizes a record exactly as the codec encodes it, without encoding it", async () => {
      const store = await open();
      const { checkEvent, codec, requireEventFits } = await import("../src/event-input.js");
      for (const input of [
        { type: "t", data: { a: "é😀", b: [1, 2.5, null] } },
        { type: "ü", data: "x", correlationId: "c", timestamp: 5 },
        { type: "t", data: JSON.parse('{"__proto__":1}') },
      ]) {
        const checked = checkEvent(input, "event", NOV);
        const encoded = codec.encode({ ...checked.event, seq: Number.MAX_SAFE_INTEGER });
        expect(requireEventFits(store, checked, "event")).toBe(encoded.byteLength);
      }
    });

    it("takes no sequence number for a 17 MiB event", async () => {
      const store = await open();
      await new EventLog(store, { sequenceBlockSize: 1 }).append({ type: "t", data: 0 });
      const before = await dump(store);
      // A fresh instance must reserve a block first: a refused value must not get that far.
      const fresh = new EventLog(store, { sequenceBlockSize: 1 });
      const big = { type: "t", data: "x".repeat(17 * 1024 * 1024) };
      expect(await codeOf(() => fresh.append(big))).toBe("VALUE_TOO_LARGE");
      expect(await codeOf(() => fresh.appendBatch([{ type: "t", data: 1 }, big]))).toBe(
        "VALUE_TOO_LARGE",
      );
      // Five 15 MiB events fit one by one, not in one batch (64 MiB at most).
      const large = { type: "t", data: "y".repeat(15 * 1024 * 1024) };
      expect(await codeOf(() => fresh.appendBatch([large, large, large, large, large]))).toBe(
        "VALUE_TOO_LARGE",
      );
      expect(await dump(store)).toEqual(before);
      expect((await fresh.append({ type: "t", data: 1 })).seq).toBe(2);
    });
  });

  describe("bounded tails", () => {
    it("ends an in-process tail that falls behind with an overflow error and a cursor", async () => {
      const store = await open();
      const log = new EventLog(store, { clock: fixedClock(NOV) });
      const tail = log.tail({ bufferLimit: 5 });
      for (let i = 0; i < 8; i++) await log.append({ type: "t", data: i });
      const got: unknown[] = [];
      const error = await (async () => {
        try {
          for await (const event of tail) got.push(event.data);
        } catch (e) {
          return e as StorageError;
        }
      })();
      expect(got).toEqual([0, 1, 2, 3, 4]);
      expect(error).toMatchObject({ code: "FAILED_PRECONDITION", isRetryable: false });
      expect(error!.details).toMatchObject({ reason: "TAIL_OVERFLOW", bufferLimit: 5 });
      // The cursor catches the reader up with what the tail could not hold.
      const rest = await log.query({ cursor: error!.details.cursor as string });
      expect(rest.items.map((e) => e.data)).toEqual([5, 6, 7]);
    });

    it("a polling tail waits for its reader instead of growing its buffer", async () => {
      const store = await open();
      const reader = new EventLog(store);
      const writer = new EventLog(store);
      const tail = reader.tail({ pollIntervalMs: 5, bufferLimit: 3 });
      await writer.appendBatch(Array.from({ length: 20 }, (_, i) => ({ type: "t", data: i })));
      const got: unknown[] = [];
      for await (const event of tail) {
        got.push(event.data);
        // A slow reader.
        await new Promise((resolve) => setTimeout(resolve, 2));
        if (got.length === 20) break;
      }
      expect(got).toEqual(Array.from({ length: 20 }, (_, i) => i));
      reader.close();
    });
  });

  describe("hostile JSON input", () => {
    const toStringKey = JSON.parse('{"toString":"x"}');
    const cases: [string, (log: EventLog, store: StorageBackend) => unknown][] = [
      ["null options", (_l, s) => new EventLog(s, null as never)],
      ["options as a number", (_l, s) => new EventLog(s, 5 as never)],
      ["maxAttempts NaN", (_l, s) => new EventLog(s, { maxAttempts: Number.NaN })],
      ["sequenceBlockSize 0", (_l, s) => new EventLog(s, { sequenceBlockSize: 0 })],
      ["clock null", (_l, s) => new EventLog(s, { clock: null as never })],
      ["append(null)", (l) => l.append(null as never)],
      ["append(string)", (l) => l.append("x" as never)],
      ["append({toString})", (l) => l.append(toStringKey)],
      ["type {toString}", (l) => l.append({ type: toStringKey, data: 1 })],
      ["data 4,000 deep", (l) => l.append({ type: "t", data: deep(4000) })],
      ["data with a Map", (l) => l.append({ type: "t", data: new Map() })],
      ["data BigInt", (l) => l.append({ type: "t", data: 1n })],
      ["timestamp string", (l) => l.append({ type: "t", data: 1, timestamp: "1" as never })],
      [
        "correlationId {toString}",
        (l) => l.append({ type: "t", data: 1, correlationId: toStringKey }),
      ],
      ["appendBatch(null)", (l) => l.appendBatch(null as never)],
      ["appendBatch(5)", (l) => l.appendBatch(5 as never)],
      ["appendBatch(string)", (l) => l.appendBatch("" as never)],
      ["appendBatch({})", (l) => l.appendBatch({} as never)],
      [
        "appendBatch 1,001",
        (l) => l.appendBatch(Array.from({ length: 1001 }, () => ({ type: "t", data: 1 }))),
      ],
      ["query(null)", (l) => l.query(null as never)],
      ["query(5)", (l) => l.query(5 as never)],
      ["query limit string", (l) => l.query({ limit: "5" as never })],
      ["query limit 1001", (l) => l.query({ limit: 1001 })],
      ["query reverse string", (l) => l.query({ reverse: "true" as never })],
      ["query type {toString}", (l) => l.query({ type: toStringKey })],
      ["query cursor {toString}", (l) => l.query({ cursor: toStringKey })],
      ["deleteMonthsBefore(null)", (l) => l.deleteMonthsBefore(null as never)],
      ["deleteMonthsBefore({toString})", (l) => l.deleteMonthsBefore(toStringKey)],
      ["tail(null)", (l) => l.tail(null as never)],
      ["tail bufferLimit 0", (l) => l.tail({ bufferLimit: 0 })],
      ["tail signal {toString}", (l) => l.tail({ signal: toStringKey })],
      ["tail pollIntervalMs string", (l) => l.tail({ pollIntervalMs: "5" as never })],
    ];
    it.each(cases)("%s is INVALID_ARGUMENT with nothing written", async (_name, call) => {
      const store = await open();
      const log = new EventLog(store);
      await log.append({ type: "t", data: 0 });
      const before = await dump(store);
      expect(await codeOf(() => call(log, store))).toBe("INVALID_ARGUMENT");
      expect(await dump(store)).toEqual(before);
      log.close();
    });
  });

  describe("the API convention", () => {
    it("pages with tagged cursors and one limit rule, and caps what a page examines", async () => {
      const store = await open();
      const log = new EventLog(store, { clock: fixedClock(NOV) });
      await log.appendBatch(Array.from({ length: 5 }, (_, i) => ({ type: "t", data: i })));
      const first = await log.query({ limit: 2 });
      expect(Object.keys(first).sort()).toEqual(["items", "nextCursor"]);
      const seen: LoggedEvent[] = [...first.items];
      let cursor = first.nextCursor;
      while (cursor !== undefined) {
        const next = await log.query({ limit: 2, cursor });
        seen.push(...next.items);
        cursor = next.nextCursor;
      }
      expect(seen.map((e) => e.data)).toEqual([0, 1, 2, 3, 4]);
      for (const limit of [0, -1, 1.5, 1001, Number.NaN]) {
        expect(await codeOf(() => log.query({ limit }))).toBe("INVALID_ARGUMENT");
      }
      // A cursor of another component's listing (same shape, other tag) is refused.
      const foreign = Buffer.from(JSON.stringify(["hook-history.records", NOV, 1])).toString(
        "base64url",
      );
      expect(await codeOf(() => log.query({ cursor: foreign }))).toBe("INVALID_ARGUMENT");
      const { MAX_SCANNED_PER_PAGE } = await import("../src/index.js");
      expect(MAX_SCANNED_PER_PAGE).toBe(10_000);
    });
  });
});
