/** BM25 over the inverted index: one scan of postings per distinct query term, capped. */
import { describe, invalidArgument, requireLimit, requireOptions, tupleRange } from "@mnemo/core";
import { readStats } from "./corpus-stats.js";
import { type Posting, postingCodec, termPrefix, turnCodec, turnKey } from "./keyspace.js";
import type { Context } from "./options.js";
import { tokenize } from "./tokenizer.js";
import { requireSessionId, requireTimeRange, type Turn } from "./turn.js";

/** Most distinct terms a query may have (after stop words and stemming): one scan each. */
export const MAX_QUERY_TERMS = 32;
/** Longest query, in UTF-16 code units. */
export const MAX_QUERY_LENGTH = 4096;
export const DEFAULT_SEARCH_LIMIT = 10;
export const MAX_SEARCH_LIMIT = 1000;

export interface SearchOptions {
  readonly sessionId?: string;
  /** Epoch ms, inclusive. */
  readonly from?: number;
  /** Epoch ms, exclusive. */
  readonly to?: number;
  /** Default 10, at most 1000. */
  readonly limit?: number;
}

export interface SearchHit {
  readonly turn: Turn;
  /** BM25; higher is better. */
  readonly score: number;
}

/** The distinct index terms of a query, refused past `MAX_QUERY_TERMS`. */
export function queryTerms(query: unknown): string[] {
  if (typeof query !== "string" || !query.isWellFormed()) {
    throw invalidArgument("query", `must be a well-formed string, got ${describe(query)}`);
  }
  if (query.length > MAX_QUERY_LENGTH) {
    throw invalidArgument("query", `is longer than ${MAX_QUERY_LENGTH} characters`);
  }
  const terms = [...new Set(tokenize(query))];
  if (terms.length > MAX_QUERY_TERMS) {
    throw invalidArgument(
      "query",
      `has ${terms.length} distinct terms; at most ${MAX_QUERY_TERMS} are searched in one call`,
    );
  }
  return terms;
}

export async function search(
  ctx: Context,
  query: string,
  options: SearchOptions | undefined,
): Promise<SearchHit[]> {
  const terms = queryTerms(query);
  const o = requireOptions(options);
  const sessionId = o.sessionId === undefined ? undefined : requireSessionId(o.sessionId);
  const { from, to } = requireTimeRange(o.from, o.to);
  const limit = requireLimit(o.limit, DEFAULT_SEARCH_LIMIT, MAX_SEARCH_LIMIT);
  if (terms.length === 0) return [];

  const { documents, totalLength } = await readStats(ctx);
  if (documents <= 0) return [];
  const averageLength = Math.max(totalLength / documents, 1);
  const scores = new Map<string, { score: number; sessionId: string; timestamp: number }>();
  const perTerm = await Promise.all(
    terms.map(async (term) => {
      let df = 0;
      const matches: [id: string, posting: Posting][] = [];
      const range = tupleRange(termPrefix(term));
      for await (const [k, v] of ctx.store.scan(range)) {
        df++;
        const posting = postingCodec.decode(v, k);
        const [s, ts] = posting;
        if (sessionId !== undefined && s !== sessionId) continue;
        if ((from !== undefined && ts < from) || (to !== undefined && ts >= to)) continue;
        // Ids are base-36, so the key ends with the plain id between its tag and terminator.
        matches.push([k.slice(range.gte.length + 1, -1), posting]);
      }
      return { df, matches };
    }),
  );
  for (const { df, matches } of perTerm) {
    const idf = Math.log(1 + (documents - df + 0.5) / (df + 0.5));
    for (const [id, [s, ts, tf, dl]] of matches) {
      const norm = tf + ctx.k1 * (1 - ctx.b + (ctx.b * dl) / averageLength);
      const score = (idf * tf * (ctx.k1 + 1)) / norm;
      const entry = scores.get(id);
      if (entry === undefined) scores.set(id, { score, sessionId: s, timestamp: ts });
      else entry.score += score;
    }
  }
  const best = [...scores]
    .sort(([idA, a], [idB, b]) => b.score - a.score || (idA < idB ? 1 : -1))
    .slice(0, limit);
  const keys = best.map(([id, hit]) => turnKey(hit.sessionId, hit.timestamp, id));
  const found = await ctx.store.getBatch(keys);
  const hits: SearchHit[] = [];
  best.forEach(([, hit], i) => {
    const bytes = found.get(keys[i]!);
    // Postings change with their turn in one commit; stay defensive all the same.
    if (bytes !== undefined)
      hits.push({ turn: turnCodec.decode(bytes, keys[i]), score: hit.score });
  });
  return hits;
}
