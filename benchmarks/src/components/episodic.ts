/**
 * Episodic memory: BM25 search latency over 100K turns (10K with --quick), append throughput
 * single and batched, and the per-session reads an agent makes every turn (recent N, a page).
 * Text is synthetic but varied: words drawn from a fixed vocabulary with a Zipf-like skew by
 * a seeded PRNG, so every run and every backend indexes the same corpus. SQLite FTS5 (in
 * memory and on disk) loads the same turns and answers the same queries in the same process:
 * each Mnemo figure's baseline (memory beside FTS5 in memory, LevelDB and PostgreSQL beside
 * FTS5 on disk).
 */
import { EpisodicMemory, type Role, type TurnInput } from "@mnemo/episodic";
import { seededRandom } from "@mnemo/testing/random";
import type { ComponentBenchmark, Figure } from "../harness/component-bench.js";
import { type LatencyFigures, measureLatency, measureThroughput } from "../harness/measure.js";
import { fts5Figures, missingFigure, peerFigures } from "../peers/fts5-episodic.js";

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

function latencyFigure(
  name: string,
  f: LatencyFigures,
  notes?: string,
  peer?: { name: string; figures: LatencyFigures },
): Figure {
  return {
    name,
    unit: "ms",
    value: ms(f.p50Us),
    p50: ms(f.p50Us),
    p95: ms(f.p95Us),
    p99: ms(f.p99Us),
    ...(peer === undefined ? {} : { baseline: { name: peer.name, value: ms(peer.figures.p50Us) } }),
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

export const episodicBenchmark: ComponentBenchmark = {
  component: "episodic",
  async run(ctx) {
    const work = workload(ctx.quick);
    const { batch, singles, queries, commonQueries, sessions } = work;
    const turns = batch.length;
    const iterations = ctx.quick ? 30 : 100;
    const peers = await fts5Figures(work, iterations, ctx.progress);
    const peer =
      peers.kind === "ok" ? peers[ctx.backend === "memory" ? "memory" : "disk"] : undefined;
    const against = (value: number | undefined) =>
      peer === undefined || value === undefined ? {} : { baseline: { name: peer.name, value } };
    const store = await ctx.open("episodic");
    const memory = new EpisodicMemory(store);
    const figures: Figure[] = [];

    ctx.progress(`episodic: loading ${turns} turns in batches of ${BATCH}`);
    const batchedRate = await measureThroughput(
      async (b) => {
        await memory.appendBatch(batch.slice(b * BATCH, (b + 1) * BATCH));
        if ((b + 1) % 20 === 0) ctx.progress(`episodic: ${(b + 1) * BATCH} turns`);
      },
      { operations: turns / BATCH },
    );
    figures.push({
      name: `episodic append (batch of ${BATCH})`,
      unit: "turns/s",
      value: batchedRate * BATCH,
      ...against(peer?.batchedRate),
      notes: "includes tokenising and writing one posting block per distinct term",
    });

    const singleRate = await measureThroughput((i) => memory.append(singles[i]!), {
      operations: singles.length,
    });
    figures.push({
      name: "episodic append (single)",
      unit: "turns/s",
      value: singleRate,
      ...against(peer?.singleRate),
    });

    const total = turns + singles.length;
    ctx.progress(`episodic: searching ${total} turns`);
    figures.push(
      latencyFigure(
        `episodic BM25 search, top 10 of ${total} turns`,
        await measureLatency((i) => memory.search(queries[i % queries.length]!, { limit: 10 }), {
          iterations,
          warmup: 5,
        }),
        "2-3 words drawn uniformly from a 3,000-word vocabulary",
        peer?.search,
      ),
    );
    figures.push(
      latencyFigure(
        `episodic BM25 search with a common term, top 10 of ${total} turns`,
        await measureLatency(
          (i) => memory.search(commonQueries[i % commonQueries.length]!, { limit: 10 }),
          { iterations, warmup: 5 },
        ),
        "one query word is in 5-35% of turns",
        peer?.commonSearch,
      ),
    );
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
    // The peer's own figures, once per run (on the first backend), so the table lists them.
    if (peers.kind === "ok" && !peers.reported) {
      peers.reported = true;
      figures.push(...peerFigures(peers.memory, total), ...peerFigures(peers.disk, total));
    }
    if (peers.kind === "missing") figures.push(missingFigure(peers.missing));
    return figures;
  },
};
