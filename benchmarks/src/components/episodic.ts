/**
 * Episodic memory: BM25 search latency over 100K turns (10K with --quick), append throughput
 * single and batched, and the per-session reads an agent makes every turn (recent N, a page).
 * Text is synthetic but varied: words drawn from a fixed vocabulary with a Zipf-like skew by
 * a seeded PRNG, so every run and every backend indexes the same corpus.
 */
import { EpisodicMemory, type Role, type TurnInput } from "@mnemo/episodic";
import { seededRandom } from "@mnemo/testing/random";
import type { ComponentBenchmark, Figure } from "../harness/component-bench.js";
import { type LatencyFigures, measureLatency, measureThroughput } from "../harness/measure.js";

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

export const episodicBenchmark: ComponentBenchmark = {
  component: "episodic",
  async run(ctx) {
    const turns = ctx.quick ? 10_000 : 100_000;
    const sessions = turns / 100;
    const batch = 500;
    const corpus = new Corpus(vocabulary());
    const store = await ctx.open("episodic");
    const memory = new EpisodicMemory(store);
    const start = Date.UTC(2025, 0, 1);
    const figures: Figure[] = [];

    const turnAt = (i: number): TurnInput => ({
      sessionId: `session-${i % sessions}`,
      role: ROLES[Math.floor(i / sessions) % ROLES.length]!,
      content: corpus.text(),
      timestamp: start + i * 1000,
    });

    ctx.progress(`episodic: loading ${turns} turns in batches of ${batch}`);
    const batches = turns / batch;
    const batchedRate = await measureThroughput(
      async (b) => {
        await memory.appendBatch(Array.from({ length: batch }, (_, j) => turnAt(b * batch + j)));
        if ((b + 1) % 20 === 0) ctx.progress(`episodic: ${(b + 1) * batch} turns`);
      },
      { operations: batches },
    );
    figures.push({
      name: `episodic append (batch of ${batch})`,
      unit: "turns/s",
      value: batchedRate * batch,
      notes: "includes tokenising and writing the postings (~25 per turn)",
    });

    const singles = ctx.quick ? 200 : 2000;
    const singleRate = await measureThroughput((i) => memory.append(turnAt(turns + i)), {
      operations: singles,
    });
    figures.push({ name: "episodic append (single)", unit: "turns/s", value: singleRate });

    // Typical queries: two or three words of the vocabulary. Common-term queries add one of
    // the ten most frequent words, whose postings cover a large share of the corpus.
    const queries = Array.from({ length: 256 }, () =>
      Array.from({ length: 2 + corpus.int(2) }, () => corpus.anyWord()).join(" "),
    );
    const commonQueries = queries.map((q, i) => `${corpus.words[i % 10]} ${q}`);
    const iterations = ctx.quick ? 30 : 100;
    const total = turns + singles;
    ctx.progress(`episodic: searching ${total} turns`);
    figures.push(
      latencyFigure(
        `episodic BM25 search, top 10 of ${total} turns`,
        await measureLatency((i) => memory.search(queries[i % queries.length]!, { limit: 10 }), {
          iterations,
          warmup: 5,
        }),
        "2-3 words drawn uniformly from a 3,000-word vocabulary",
      ),
    );
    figures.push(
      latencyFigure(
        `episodic BM25 search with a common term, top 10 of ${total} turns`,
        await measureLatency(
          (i) => memory.search(commonQueries[i % commonQueries.length]!, { limit: 10 }),
          { iterations: Math.ceil(iterations / 4), warmup: 2 },
        ),
        "one query word is in 5-35% of turns: every one of its postings is read",
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
    return figures;
  },
};
