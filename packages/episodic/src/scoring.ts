/**
 * BM25 accumulation with MaxScore pruning, term at a time, rarest term first. Once `limit`
 * turns have partial scores, a term whose best possible contribution plus every later term's
 * (their upper bounds, the sum of their largest posting scores) is below the current k-th
 * partial score cannot bring a new turn into the top `limit`: its postings then only add to
 * turns already scored. A common term's postings are still read and scored, but no longer
 * each made a candidate, sorted and kept. The result is exact: partial scores only grow, so
 * the k-th partial score is a lower bound of the k-th final one.
 */

/** A term's postings that pass the filters, column by column, and its document frequency. */
export interface TermPostings {
  df: number;
  readonly ids: string[];
  readonly sessions: string[];
  readonly timestamps: number[];
  readonly tfs: number[];
  readonly lengths: number[];
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

/** The `limit`-th largest score of `scores` (they hold at least `limit`). */
function kthScore(scores: ReadonlyMap<string, Candidate>, limit: number): number {
  const all = new Float64Array(scores.size);
  let i = 0;
  for (const c of scores.values()) all[i++] = c.score;
  all.sort();
  return all[all.length - limit]!;
}

/** The best `limit` turns, best first (ties: larger id first). */
export function topTurns(
  perTerm: readonly TermPostings[],
  { documents, averageLength, k1, b }: Bm25,
  limit: number,
): [string, Candidate][] {
  const terms = [...perTerm]
    .sort((x, y) => x.df - y.df)
    .map((t) => {
      const idf = Math.log(1 + (documents - t.df + 0.5) / (t.df + 0.5));
      const scores = new Float64Array(t.ids.length);
      let max = 0;
      for (let i = 0; i < scores.length; i++) {
        const tf = t.tfs[i]!;
        const s = (idf * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * t.lengths[i]!) / averageLength));
        scores[i] = s;
        if (s > max) max = s;
      }
      return { postings: t, scores, max };
    });
  // rest[i]: the most terms i.. can add to one turn.
  const rest = new Float64Array(terms.length + 1);
  for (let i = terms.length - 1; i >= 0; i--) rest[i] = rest[i + 1]! + terms[i]!.max;

  const candidates = new Map<string, Candidate>();
  terms.forEach(({ postings: p, scores }, t) => {
    const closed = candidates.size >= limit && rest[t]! < kthScore(candidates, limit);
    for (let i = 0; i < scores.length; i++) {
      const id = p.ids[i]!;
      const c = candidates.get(id);
      if (c !== undefined) c.score += scores[i]!;
      else if (!closed) {
        candidates.set(id, {
          score: scores[i]!,
          sessionId: p.sessions[i]!,
          timestamp: p.timestamps[i]!,
        });
      }
    }
  });
  let entries = [...candidates];
  if (entries.length > limit) {
    const floor = kthScore(candidates, limit);
    entries = entries.filter(([, c]) => c.score >= floor);
  }
  return entries
    .sort(([idA, a], [idB, b]) => b.score - a.score || (idA < idB ? 1 : -1))
    .slice(0, limit);
}
