/**
 * Event log: appends per second (one at a time, 16 in flight, batches of 100) and the latency
 * of recent-range queries (the last hour, the last 100 events) over a log of 100K events
 * spread over two months (10K with --quick). The baseline is the backend doing the record's
 * bare write: one `set` per event, one `write` of 100 puts per batch.
 */
import { EventLog, type EventQuery } from "@mnemo/event-log";
import type {
  ComponentBenchContext,
  ComponentBenchmark,
  Figure,
} from "../harness/component-bench.js";
import { measureLatency, measureThroughput } from "../harness/measure.js";

const BATCH = 100;
const HOUR = 3_600_000;
const SPAN = 60 * 24 * HOUR;
const SEED_INGEST = "10K events/s";
const SEED_QUERY = "<100 ms recent query";

const payload = (i: number) => ({ user: `u${i % 97}`, action: "click", target: `#b${i % 13}` });
const eventOf = (i: number, timestamp?: number) => ({
  type: i % 5 === 0 ? "purchase" : "click",
  data: payload(i),
  correlationId: `req-${i % 1000}`,
  ...(timestamp === undefined ? {} : { timestamp }),
});

async function bareWrites(context: ComponentBenchContext, singles: number, batches: number) {
  const store = await context.open("event_log_baseline");
  const value = new TextEncoder().encode(JSON.stringify(eventOf(0)));
  const single = await measureThroughput((i) => store.set(`e${i}`, value), { operations: singles });
  const batched = await measureThroughput(
    (b) =>
      store.write(
        Array.from({ length: BATCH }, (_, j) => ({
          type: "put" as const,
          key: `b${b}-${j}`,
          value,
        })),
      ),
    { operations: batches },
  );
  await store.clear();
  return { single, batched: batched * BATCH };
}

export const eventLogBenchmark: ComponentBenchmark = {
  component: "event-log",
  async run(context) {
    const memory = context.backend === "memory";
    const singles = context.quick ? 200 : memory ? 20_000 : 2_000;
    const batches = context.quick ? 10 : memory ? 500 : 100;
    const logSize = context.quick ? 10_000 : 100_000;
    const queries = context.quick ? 20 : 200;
    const figures: Figure[] = [];
    const baseline = await bareWrites(context, singles, batches);

    const log = new EventLog(await context.open("event_log"));
    context.progress("event-log: single appends");
    figures.push({
      name: "event append (single, 1 in flight)",
      unit: "events/s",
      value: await measureThroughput((i) => log.append(eventOf(i)), { operations: singles }),
      baseline: { name: "backend set of one key", value: baseline.single },
      seed: SEED_INGEST,
      notes: "one atomic write (record + type and correlation index entries) per event",
    });
    figures.push({
      name: "event append (single, 16 in flight)",
      unit: "events/s",
      value: await measureThroughput((i) => log.append(eventOf(i)), {
        operations: singles,
        concurrency: 16,
      }),
      seed: SEED_INGEST,
    });
    context.progress("event-log: batched appends");
    const batch = Array.from({ length: BATCH }, (_, i) => eventOf(i));
    figures.push({
      name: `event append (batch of ${BATCH})`,
      unit: "events/s",
      value:
        (await measureThroughput(() => log.appendBatch(batch), { operations: batches })) * BATCH,
      baseline: { name: `backend write of ${BATCH} puts`, value: baseline.batched },
      seed: SEED_INGEST,
    });

    context.progress(`event-log: building a log of ${logSize} events`);
    const history = new EventLog(await context.open("event_log_query"));
    const now = Date.now();
    for (let start = 0; start < logSize; start += BATCH) {
      await history.appendBatch(
        Array.from({ length: BATCH }, (_, j) => {
          const i = start + j;
          return eventOf(i, now - SPAN + Math.floor((i * SPAN) / logSize));
        }),
      );
    }
    context.progress("event-log: recent queries");
    // Pages hold at most 1,000 events: the whole hour is read page by page.
    const drain = async (query: Omit<EventQuery, "cursor">): Promise<number> => {
      let count = 0;
      let cursor: string | undefined;
      do {
        const page = await history.query({ ...query, ...(cursor === undefined ? {} : { cursor }) });
        count += page.items.length;
        cursor = page.nextCursor;
      } while (cursor !== undefined);
      return count;
    };
    const lastHour = await measureLatency(
      () => drain({ from: now - HOUR, to: now + 1, limit: 1000 }),
      { iterations: queries },
    );
    const hourCount = await drain({ from: now - HOUR, to: now + 1, limit: 1000 });
    figures.push({
      name: `query last hour (${hourCount} of ${logSize} events)`,
      unit: "ms",
      value: lastHour.p50Us / 1000,
      p50: lastHour.p50Us / 1000,
      p95: lastHour.p95Us / 1000,
      p99: lastHour.p99Us / 1000,
      seed: SEED_QUERY,
    });
    const last100 = await measureLatency(() => history.query({ reverse: true, limit: 100 }), {
      iterations: queries,
    });
    figures.push({
      name: `query last 100 events (of ${logSize})`,
      unit: "ms",
      value: last100.p50Us / 1000,
      p50: last100.p50Us / 1000,
      p95: last100.p95Us / 1000,
      p99: last100.p99Us / 1000,
      seed: SEED_QUERY,
    });
    const lastHourByType = await measureLatency(
      () => drain({ type: "purchase", from: now - HOUR, to: now + 1, limit: 1000 }),
      { iterations: queries },
    );
    figures.push({
      name: "query last hour, one type (index + record reads)",
      unit: "ms",
      value: lastHourByType.p50Us / 1000,
      p50: lastHourByType.p50Us / 1000,
      p95: lastHourByType.p95Us / 1000,
      p99: lastHourByType.p99Us / 1000,
      seed: SEED_QUERY,
    });
    return figures;
  },
};
