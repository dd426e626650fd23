/**
 * Episodic memory: BM25 search latency over 100K turns (10K with --quick), append throughput
 * single and batched, and the per-session reads an agent makes every turn (recent N, a page).
 * Text is synthetic but varied: words drawn from a fixed vocabulary with a Zipf-like skew by
 * a seeded PRNG, so every run and every backend indexes the same corpus. SQLite FTS5 (in
 * memory and on disk, fresh for each backend) loads the same batches and answers the same
 * queries in the same process, each call taking turns with Mnemo's: each Mnemo figure's
 * baseline (memory beside FTS5 in memory, LevelDB and PostgreSQL beside FTS5 on disk).
 */
import { EpisodicMemory, type Role, type TurnInput } from "@mnemo/episodic";
import { seededRandom } from "@mnemo/testing/random";
import type { ComponentBenchmark, Figure } from "../harness/component-bench.js";
import { type LatencyFigures, measureInterleaved, measureLatency } from "../harness/measure.js";
import {
  asPeerTurn,
  missingFigure,
  openPeers,
  PEER_NAMES,
  type PeerFigures,
  peerFigures,
} from "../peers/fts5-episodic.js";
import { FLOOR_SHAPES, loadTurnsAlone } from "./episodic-floor.js";
import { vacuumNamespace } from "./postgres-vacuum.js";

const SYLLABLES = "ka lo mi nu pe ra si to vu ze bar cor den fin gal hum jor kel mor nix".split(
  " ",
);
const ROLES: readonly Role[] = ["user", "assistant", "system", "tool"];

/** 3,000 distinct pseudo-words, built deterministically from syllables. */
function vocabulary(size = 3000): string[] {
  const words = new Set<string>();
  const random = seededRandom(7);
  while (words.size < size) {
    const n = 2 + Math.floor(random() * 3);
    let word = "";
    for (let i = 0; i < n; i++) word += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
    words.add(word);
  }
  return [...words];
}

class Corpus {
  readonly #random = seededRandom(42);
  constructor(readonly words: readonly string[]) {}

  /**
   * Rank-skewed pick: low ranks are common, the tail is rare. The most common word is in
   * about a third of the turns, as a frequent content word would be once stop words are gone.
   */
  word(): string {
    const r = this.#random();
    return this.words[Math.floor(this.words.length * r * r)]!;
  }

  /** Any word of the vocabulary, equally likely: what a typical query asks for. */
  anyWord(): string {
    return this.words[this.int(this.words.length)]!;
  }

  text(): string {
    const n = 8 + Math.floor(this.#random() * 33);
    return Array.from({ length: n }, () => this.word()).join(" ");
  }

  int(n: number): number {
    return Math.floor(this.#random() * n);
  }
}

const ms = (us: number) => us / 1000;

function latencyFigure(name: string, f: LatencyFigures, notes?: string): Figure {
  return {
    name,
    unit: "ms",
    value: ms(f.p50Us),
    p50: ms(f.p50Us),
    p95: ms(f.p95Us),
    p99: ms(f.p99Us),
    ...(notes === undefined ? {} : { notes }),
  };
}

/** The suite's corpus and queries: the same for every backend and for the peer. */
interface Workload {
  readonly batch: readonly TurnInput[];
  readonly singles: readonly TurnInput[];
  readonly queries: readonly string[];
  readonly commonQueries: readonly string[];
  readonly sessions: number;
}

function workload(quick: boolean): Workload {
  const turns = quick ? 10_000 : 100_000;
  const sessions = turns / 100;
  const corpus = new Corpus(vocabulary());
  const start = Date.UTC(2025, 0, 1);
  const turnAt = (i: number): TurnInput => ({
    sessionId: `session-${i % sessions}`,
    role: ROLES[Math.floor(i / sessions) % ROLES.length]!,
    content: corpus.text(),
    timestamp: start + i * 1000,
  });
  const batch = Array.from({ length: turns }, (_, i) => turnAt(i));
  const singles = Array.from({ length: quick ? 200 : 2000 }, (_, i) => turnAt(turns + i));
  // Typical queries: two or three words of the vocabulary. Common-term queries add one of
  // the ten most frequent words, whose postings cover a large share of the corpus.
  const queries = Array.from({ length: 256 }, () =>
    Array.from({ length: 2 + corpus.int(2) }, () => corpus.anyWord()).join(" "),
  );
  const commonQueries = queries.map((q, i) => `${corpus.words[i % 10]} ${q}`);
  return { batch, singles, queries, commonQueries, sessions };
}

const BATCH = 500;
/** Where the queries measured after a VACUUM start: past the ones measured before it. */
const FRESH_QUERIES = 128;

/** Seconds spent in each of `ops`, run one after the other `n` times (interleaved). */
async function timeEach(
  n: number,
  ops: readonly ((i: number) => Promise<unknown> | unknown)[],
  progress?: (i: number) => void,
): Promise<number[]> {
  const spent = ops.map(() => 0);
  for (let i = 0; i < n; i++) {
    for (const [k, op] of ops.entries()) {
      const start = performance.now();
      await op(i);
      spent[k]! += (performance.now() - start) / 1000;
    }
    progress?.(i);
  }
  return spent;
}

export const episodicBenchmark: ComponentBenchmark = {
  component: "episodic",
  async run(ctx) {
    const { batch, singles, queries, commonQueries, sessions } = workload(ctx.quick);
    const turns = batch.length;
    const iterations = ctx.quick ? 30 : 100;
    const opened = await openPeers();
    if (typeof opened === "string") ctx.progress(opened);
    const peers = typeof opened === "string" ? [] : opened;
    const store = await ctx.open("episodic");
    const memory = new EpisodicMemory(store);
    const figures: Figure[] = [];
    const slice = (b: number) => batch.slice(b * BATCH, (b + 1) * BATCH);
    /** The faster FTS5's batched rate, for the floor figures' baseline. */
    let fts5Batched: number | undefined;
    try {
      ctx.progress(
        `episodic: loading ${turns} turns in batches of ${BATCH}` +
          (peers.length > 0 ? ", each batch also into SQLite FTS5 in memory and on disk" : ""),
      );
      const batched = await timeEach(
        turns / BATCH,
        [
          (b) => memory.appendBatch(slice(b)),
          ...peers.map(
            (p) => (b: number) =>
              p.appendBatch(slice(b).map((t, j) => asPeerTurn(t, b * BATCH + j))),
          ),
        ],
        (b) => {
          if ((b + 1) % 20 === 0) ctx.progress(`episodic: ${(b + 1) * BATCH} turns`);
        },
      );
      const single = await timeEach(singles.length, [
        (i) => memory.append(singles[i]!),
        ...peers.map((p) => (i: number) => p.appendBatch([asPeerTurn(singles[i]!, turns + i)])),
      ]);
      const total = turns + singles.length;
      ctx.progress(`episodic: searching ${total} turns`);
      const search = await measureInterleaved(
        [
          (i) => memory.search(queries[i % queries.length]!, { limit: 10 }),
          ...peers.map((p) => (i: number) => p.search(queries[i % queries.length]!.split(" "), 10)),
        ],
        { iterations, warmup: 5 },
      );
      const common = await measureInterleaved(
        [
          (i) => memory.search(commonQueries[i % commonQueries.length]!, { limit: 10 }),
          ...peers.map(
            (p) => (i: number) => p.search(commonQueries[i % commonQueries.length]!.split(" "), 10),
          ),
        ],
        { iterations, warmup: 5 },
      );
      // Each figure's baseline: FTS5 in memory beside the memory backend, on disk beside the others.
      const peerIndex = ctx.backend === "memory" ? 0 : 1;
      const base = (values: readonly number[]) =>
        peers.length === 0
          ? {}
          : { baseline: { name: PEER_NAMES[peerIndex]!, value: values[peerIndex + 1]! } };
      const rates = (spent: readonly number[], n: number) => spent.map((s) => n / s);
      const batchedRates = rates(batched, turns);
      if (peers.length > 0) fts5Batched = Math.max(...batchedRates.slice(1));
      const singleRates = rates(single, singles.length);
      figures.push({
        name: `episodic append (batch of ${BATCH})`,
        unit: "turns/s",
        value: batchedRates[0]!,
        ...base(batchedRates),
        notes: "includes tokenising, writing one posting block per distinct term, merging blocks",
      });
      figures.push({
        name: "episodic append (single)",
        unit: "turns/s",
        value: singleRates[0]!,
        ...base(singleRates),
      });
      const p50s = (l: readonly LatencyFigures[]) => l.map((f) => ms(f.p50Us));
      figures.push({
        ...latencyFigure(
          `episodic BM25 search, top 10 of ${total} turns`,
          search[0]!,
          "2-3 words drawn uniformly from a 3,000-word vocabulary",
        ),
        ...base(p50s(search)),
      });
      figures.push({
        ...latencyFigure(
          `episodic BM25 search with a common term, top 10 of ${total} turns`,
          common[0]!,
          "one query word is in 5-35% of turns",
        ),
        ...base(p50s(common)),
      });
      // PostgreSQL: the same search on other queries (their terms not read yet) after a
      // VACUUM, beside FTS5 again; with autovacuum off every term's first scan visits the rows
      // its merged blocks left behind.
      if (ctx.backend === "postgres" && ctx.postgresUrl !== undefined) {
        const vacuum = await vacuumNamespace(ctx.postgresUrl, "episodic");
        ctx.progress(
          `episodic: VACUUM took ${vacuum.seconds.toFixed(1)} s (${vacuum.deadRows} dead rows, autovacuum ${vacuum.autovacuum})`,
        );
        const fresh = (i: number) => queries[(FRESH_QUERIES + i) % queries.length]!;
        const vacuumed = await measureInterleaved(
          [
            (i) => memory.search(fresh(i), { limit: 10 }),
            ...peers.map((p) => (i: number) => p.search(fresh(i).split(" "), 10)),
          ],
          { iterations, warmup: 5 },
        );
        figures.push({
          ...latencyFigure(
            `episodic BM25 search after VACUUM, top 10 of ${total} turns`,
            vacuumed[0]!,
            `other 2-3 word queries; VACUUM of ${vacuum.deadRows} dead rows (server autovacuum ${vacuum.autovacuum}) took ${vacuum.seconds.toFixed(1)} s`,
          ),
          ...base(p50s(vacuumed)),
        });
        for (const [k, name] of PEER_NAMES.entries()) {
          const f = vacuumed[k + 1];
          if (f !== undefined) {
            figures.push(
              latencyFigure(`${name}: BM25 search after VACUUM, top 10 of ${total} turns`, f),
            );
          }
        }
      }
      for (const [k, name] of PEER_NAMES.entries()) {
        if (peers[k] === undefined) continue;
        const f: PeerFigures = {
          batchedRate: batchedRates[k + 1]!,
          singleRate: singleRates[k + 1]!,
          search: search[k + 1]!,
          commonSearch: common[k + 1]!,
        };
        figures.push(...peerFigures(name, f, total, BATCH));
      }
      if (typeof opened === "string") figures.push(missingFigure(opened));
    } finally {
      for (const p of peers) await p.close();
    }
    figures.push(
      latencyFigure(
        "episodic BM25 search in one session",
        await measureLatency(
          (i) =>
            memory.search(queries[i % queries.length]!, {
              sessionId: `session-${i % sessions}`,
              limit: 10,
            }),
          { iterations, warmup: 5 },
        ),
      ),
    );
    figures.push(
      latencyFigure(
        "episodic recent 20 turns of a session",
        await measureLatency((i) => memory.recent(`session-${(i * 7) % sessions}`, 20), {
          iterations: iterations * 5,
          warmup: 20,
        }),
      ),
    );
    figures.push(
      latencyFigure(
        "episodic page of 50 user turns (role filter)",
        await measureLatency(
          (i) => memory.list(`session-${(i * 13) % sessions}`, { roles: ["user"], limit: 50 }),
          { iterations: iterations * 5, warmup: 20 },
        ),
      ),
    );
    // The floor: the same batches stored with no index at all (`episodic-floor.ts`).
    const batches = Array.from({ length: turns / BATCH }, (_, b) => slice(b));
    for (const [i, shape] of FLOOR_SHAPES.entries()) {
      ctx.progress(`episodic: ${turns} turns alone (${shape}), no index`);
      const rate = await loadTurnsAlone(await ctx.open(`episodic_floor_${i}`), batches, shape);
      figures.push({
        name: `episodic floor: ${shape}, no index (batch of ${BATCH})`,
        unit: "turns/s",
        value: rate,
        ...(fts5Batched === undefined
          ? {}
          : { baseline: { name: "the faster SQLite FTS5", value: fts5Batched } }),
        notes: "tokenised, stored as JSON records; no posting written",
      });
    }
    return figures;
  },
};
