import { forEachBackend } from "@mnemo/testing";
import { expect, it } from "vitest";
import { eventLog } from "../../src/operations/event-log.js";
import { roundTrip, runScenario } from "./harness.js";
import { expectAllRefused } from "./hostile.js";

const T0 = Date.UTC(2024, 0, 15);
const MARCH = Date.UTC(2024, 2, 1);

forEachBackend((backend) => {
  it("serves every event-log operation from JSON to JSON, tail as SSE", async () => {
    const run = await runScenario(eventLog, backend, async (api) => {
      const tail = eventLog.operations.find((op) => op.name === "eventLog.tail")!;
      const stop = new AbortController();
      const live = await api.events(
        "eventLog.tail",
        { type: "tool.called", pollIntervalMs: 50, bufferLimit: 100 },
        stop.signal,
      );
      const first = await api.call("eventLog.append", {
        type: "session.started",
        data: { user: "ada" },
        correlationId: "req-1",
        timestamp: T0,
      });
      expect(first).toMatchObject({ type: "session.started", timestamp: T0 });
      const batch = await api.call("eventLog.appendBatch", {
        events: [
          {
            type: "tool.called",
            data: { tool: "search" },
            correlationId: "req-1",
            timestamp: T0 + 1,
          },
          { type: "tool.called", data: ["fetch"], timestamp: MARCH },
        ],
      });
      expect(batch.items.map((e: { type: string }) => e.type)).toStrictEqual([
        "tool.called",
        "tool.called",
      ]);

      const messages = live.events[Symbol.asyncIterator]();
      const message = await messages.next();
      expect(message.done).toBe(false);
      expect(message.value?.id).toBe(String(batch.items[0].seq));
      expect(roundTrip(tail, message.value?.data)).toStrictEqual(batch.items[0]);
      stop.abort();

      const page1 = await api.call("eventLog.query", { correlationId: "req-1", limit: 1 });
      expect(page1.items).toStrictEqual([first]);
      const page2 = await api.call("eventLog.query", {
        correlationId: "req-1",
        cursor: page1.nextCursor,
      });
      expect(page2.items).toStrictEqual([batch.items[0]]);
      const newest = await api.call("eventLog.query", {
        reverse: true,
        from: T0,
        to: MARCH + 1,
        type: "tool.called",
      });
      expect(newest.items).toStrictEqual([batch.items[1], batch.items[0]]);
      const dropped = await api.call("eventLog.deleteMonthsBefore", { before: MARCH });
      expect(dropped).toStrictEqual({ months: ["2024-01"], deletedEvents: 2 });
      expect((await api.call("eventLog.query", {})).items).toStrictEqual([batch.items[1]]);
      await api.fails(
        "eventLog.appendBatch",
        {
          events: [
            { type: "x", data: 1 },
            { type: "", data: 1 },
          ],
        },
        "INVALID_ARGUMENT",
      );
    });
    for (const op of eventLog.operations) expectAllRefused(op, run.samples.get(op.name));
  });
});
