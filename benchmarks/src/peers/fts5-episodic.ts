/**
 * The episodic benchmark's peer run: SQLite FTS5 in memory and on disk loads the same turns in
 * the same batches and answers the same queries as Mnemo, once per process (the figures are
 * shared by every backend's run), before any Mnemo store is opened.
 */
import type { TurnInput } from "@mnemo/episodic";
import type { Figure } from "../harness/component-bench.js";
import { type LatencyFigures, measureLatency, measureThroughput } from "../harness/measure.js";
import { type Fts5Turn, Fts5Turns, loadFts5 } from "./fts5.js";

export interface PeerRun {
  readonly name: string;
  readonly batchedRate: number;
  readonly singleRate: number;
  readonly search: { name: string; figures: LatencyFigures };
  readonly commonSearch: { name: string; figures: LatencyFigures };
}

export type PeerRuns =
  | { kind: "ok"; memory: PeerRun; disk: PeerRun; reported: boolean }
  | { kind: "missing"; missing: string };

interface Workload {
  readonly batch: readonly TurnInput[];
  readonly singles: readonly TurnInput[];
  readonly queries: readonly string[];
  readonly commonQueries: readonly string[];
}

const BATCH = 500;
let cached: Promise<PeerRuns> | undefined;

const asPeerTurn = (t: TurnInput, i: number): Fts5Turn => ({
  id: `turn-${i}`,
  sessionId: t.sessionId,
  role: t.role,
  content: t.content,
  timestamp: t.timestamp ?? 0,
});

async function runOne(
  Database: Parameters<typeof Fts5Turns.open>[0],
  onDisk: boolean,
  work: Workload,
  iterations: number,
): Promise<PeerRun> {
  const name = onDisk ? "SQLite FTS5 on disk" : "SQLite FTS5 in memory";
  const fts = await Fts5Turns.open(Database, onDisk);
  try {
    const batch = work.batch.map(asPeerTurn);
    const batchedRate =
      BATCH *
      (await measureThroughput(
        async (b) => fts.appendBatch(batch.slice(b * BATCH, (b + 1) * BATCH)),
        { operations: batch.length / BATCH },
      ));
    const singles = work.singles.map((t, i) => asPeerTurn(t, batch.length + i));
    const singleRate = await measureThroughput(async (i) => fts.appendBatch([singles[i]!]), {
      operations: singles.length,
    });
    const words = (q: string) => q.split(" ");
    const search = await measureLatency(
      async (i) => fts.search(words(work.queries[i % work.queries.length]!), 10),
      { iterations, warmup: 5 },
    );
    const commonSearch = await measureLatency(
      async (i) => fts.search(words(work.commonQueries[i % work.commonQueries.length]!), 10),
      { iterations, warmup: 5 },
    );
    return {
      name,
      batchedRate,
      singleRate,
      search: { name, figures: search },
      commonSearch: { name, figures: commonSearch },
    };
  } finally {
    await fts.close();
  }
}

/** Runs the peer once per process; later calls get the same figures. */
export function fts5Figures(
  work: Workload,
  iterations: number,
  progress: (line: string) => void,
): Promise<PeerRuns> {
  cached ??= (async (): Promise<PeerRuns> => {
    const driver = loadFts5();
    if ("missing" in driver) {
      progress(driver.missing);
      return { kind: "missing", missing: driver.missing };
    }
    progress(`episodic: SQLite FTS5 peer, in memory and on disk, ${work.batch.length} turns`);
    const memory = await runOne(driver.Database, false, work, iterations);
    const disk = await runOne(driver.Database, true, work, iterations);
    return { kind: "ok", memory, disk, reported: false };
  })();
  return cached;
}

const ms = (us: number) => us / 1000;

/** The peer's figures under its own name, for the table. */
export function peerFigures(run: PeerRun, total: number): Figure[] {
  const latency = (name: string, f: LatencyFigures): Figure => ({
    name,
    unit: "ms",
    value: ms(f.p50Us),
    p50: ms(f.p50Us),
    p95: ms(f.p95Us),
    p99: ms(f.p99Us),
  });
  return [
    { name: `${run.name}: append (batch of ${BATCH})`, unit: "turns/s", value: run.batchedRate },
    { name: `${run.name}: append (single)`, unit: "turns/s", value: run.singleRate },
    latency(`${run.name}: BM25 search, top 10 of ${total} turns`, run.search.figures),
    latency(
      `${run.name}: BM25 search with a common term, top 10 of ${total} turns`,
      run.commonSearch.figures,
    ),
  ];
}

/** A row saying plainly that the peer did not run, and how to build it. */
export function missingFigure(missing: string): Figure {
  return { name: "SQLite FTS5 peer", unit: "missing", value: 0, notes: missing };
}
