/**
 * The episodic benchmark's peer: SQLite FTS5 in memory and on disk, fresh for every backend's
 * run, loading the same turns in the same batches and answering the same queries as Mnemo,
 * each call taking turns with Mnemo's (`measureInterleaved`): on shared cores whose load
 * changes by the minute, figures taken minutes apart would compare the load, not the code.
 */
import type { TurnInput } from "@mnemo/episodic";
import type { Figure } from "../harness/component-bench.js";
import type { LatencyFigures } from "../harness/measure.js";
import { type Fts5Turn, Fts5Turns, loadFts5 } from "./fts5.js";

export const PEER_NAMES = ["SQLite FTS5 in memory", "SQLite FTS5 on disk"] as const;

/** Both FTS5 tables, or why the peer cannot run here. */
export async function openPeers(): Promise<Fts5Turns[] | string> {
  const driver = loadFts5();
  if ("missing" in driver) return driver.missing;
  return [
    await Fts5Turns.open(driver.Database, false),
    await Fts5Turns.open(driver.Database, true),
  ];
}

export const asPeerTurn = (t: TurnInput, i: number): Fts5Turn => ({
  id: `turn-${i}`,
  sessionId: t.sessionId,
  role: t.role,
  content: t.content,
  timestamp: t.timestamp ?? 0,
});

export interface PeerFigures {
  batchedRate: number;
  singleRate: number;
  search?: LatencyFigures;
  commonSearch?: LatencyFigures;
}

const ms = (us: number) => us / 1000;

/** The peer's figures under its own name, beside Mnemo's in the same backend's run. */
export function peerFigures(name: string, f: PeerFigures, total: number, batch: number): Figure[] {
  const latency = (work: string, l: LatencyFigures | undefined): Figure[] =>
    l === undefined
      ? []
      : [
          {
            name: `${name}: ${work}`,
            unit: "ms",
            value: ms(l.p50Us),
            p50: ms(l.p50Us),
            p95: ms(l.p95Us),
            p99: ms(l.p99Us),
          },
        ];
  return [
    { name: `${name}: append (batch of ${batch})`, unit: "turns/s", value: f.batchedRate },
    { name: `${name}: append (single)`, unit: "turns/s", value: f.singleRate },
    ...latency(`BM25 search, top 10 of ${total} turns`, f.search),
    ...latency(`BM25 search with a common term, top 10 of ${total} turns`, f.commonSearch),
  ];
}

/** A row saying plainly that the peer did not run, and how to build it. */
export function missingFigure(missing: string): Figure {
  return { name: "SQLite FTS5 peer", unit: "missing", value: 0, notes: missing };
}
