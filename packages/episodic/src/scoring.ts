/**
 * BM25 accumulation with MaxScore pruning, term at a time, rarest term first. Once `limit`
 * turns have partial scores, a term whose best possible contribution plus every later term's
 * (their upper bounds, the sum of their largest posting scores) is below the current k-th
 * partial score cannot bring a new turn into the top `limit`: its postings then only add to
 * turns already scored. A common term's postings are still read and scored, but no longer
 * each made a candidate. The result is exact: partial scores only grow, so the k-th partial
 * score is a lower bound of the k-th final one.
 *
 * Postings stay in the columns their blocks were decoded into (no copy per posting), and the
 * k-th score and the final top `limit` come from a bounded heap, not a sort of every candidate.
 */
import { TopK } from "./top-k.js";

/** Postings of one block (or the part of it that passed the filters), column by column. */
export interface PostingColumns {
  readonly ids: readonly string[];
  /** Distinct session ids; `session[i]` indexes them. */
  readonly sessions: readonly string[];
  readonly session: readonly number[];
  readonly timestamps: readonly number[];
  readonly tfs: readonly number[];
  readonly lengths: readonly number[];
}

/** A term's postings that pass the filters, and its document frequency (all its postings). */
export interface TermPostings {
  df: number;
  readonly blocks: PostingColumns[];
}

export interface Candidate {
  score: number;
  readonly sessionId: string;
  readonly timestamp: number;
}

export interface Bm25 {
  readonly documents: number;
  readonly averageLength: number;
  readonly k1: number;
  readonly b: number;
}

/** A turn with a partial score; where its session and time are is kept, not copied. */
interface Partial {
  score: number;
  readonly id: string;
  readonly columns: PostingColumns;
  readonly at: number;
}

/** Ranks `a` before `b`: higher score, then (ties) larger id. */
const better = (a: Partial, b: Partial) =>
  a.score > b.score || (a.score === b.score && a.id > b.id);

/** The `limit`-th largest partial score (the map holds at least `limit`). */
function kthScore(candidates: ReadonlyMap<string, Partial>, limit: number): number {
  const top = new TopK<number>(limit, (a, b) => a > b);
  for (const c of candidates.values()) top.offer(c.score);
  return top.worst!;
}

/** Each posting's BM25 contribution, in block order, and the largest. */
function termScores(t: TermPostings, { documents, averageLength, k1, b }: Bm25) {
  const idf = Math.log(1 + (documents - t.df + 0.5) / (t.df + 0.5));
  let n = 0;
  for (const block of t.blocks) n += block.ids.length;
  const scores = new Float64Array(n);
  let max = 0;
  let j = 0;
  for (const { tfs, lengths } of t.blocks) {
    for (let i = 0; i < tfs.length; i++) {
      const tf = tfs[i]!;
      const s = (idf * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * lengths[i]!) / averageLength));
      scores[j++] = s;
      if (s > max) max = s;
    }
  }
  return { postings: t, scores, max };
}

/** The best `limit` turns, best first (ties: larger id first). */
export function topTurns(
  perTerm: readonly TermPostings[],
  bm25: Bm25,
  limit: number,
): [string, Candidate][] {
  const terms = [...perTerm].sort((x, y) => x.df - y.df).map((t) => termScores(t, bm25));
  // rest[i]: the most terms i.. can add to one turn.
  const rest = new Float64Array(terms.length + 1);
  for (let i = terms.length - 1; i >= 0; i--) rest[i] = rest[i + 1]! + terms[i]!.max;

  const candidates = new Map<string, Partial>();
  terms.forEach(({ postings, scores }, t) => {
    const closed = candidates.size >= limit && rest[t]! < kthScore(candidates, limit);
    let j = 0;
    for (const columns of postings.blocks) {
      const ids = columns.ids;
      for (let i = 0; i < ids.length; i++, j++) {
        const id = ids[i]!;
        const c = candidates.get(id);
        if (c !== undefined) c.score += scores[j]!;
        else if (!closed) candidates.set(id, { score: scores[j]!, id, columns, at: i });
      }
    }
  });
  const top = new TopK<Partial>(limit, better);
  for (const c of candidates.values()) top.offer(c);
  return top.sorted().map(({ score, id, columns, at }) => [
    id,
    {
      score,
      sessionId: columns.sessions[columns.session[at]!]!,
      timestamp: columns.timestamps[at]!,
    },
  ]);
}
