/** BM25 over the inverted index: one scan of posting blocks per distinct query term, capped. */
import { describe, invalidArgument, requireLimit, requireOptions, tupleRange } from "@mnemo/core";
import { readStatsForRanking } from "./corpus-stats.js";
import {
  blockCodec,
  blockPrefix,
  LEGACY_POSTING_PREFIX,
  legacyTermPrefix,
  postingCodec,
  turnCodec,
  turnKey,
} from "./keyspace.js";
import type { Context } from "./options.js";
import { readKeys } from "./point-reads.js";
import { type PostingColumns, type TermPostings, topTurns } from "./scoring.js";
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

interface Filters {
  readonly sessionId: string | undefined;
  readonly from: number | undefined;
  readonly to: number | undefined;
}

/** Whether a posting passes the filters; `undefined` when there are none. */
function filterOf(f: Filters): ((sessionId: string, timestamp: number) => boolean) | undefined {
  if (f.sessionId === undefined && f.from === undefined && f.to === undefined) return undefined;
  return (s, ts) =>
    (f.sessionId === undefined || s === f.sessionId) &&
    (f.from === undefined || ts >= f.from) &&
    (f.to === undefined || ts < f.to);
}

/** The postings of `block` that pass `keep`, in columns of their own. */
function filtered(
  block: PostingColumns,
  keep: (sessionId: string, timestamp: number) => boolean,
): PostingColumns {
  const out = { ids: [] as string[], session: [] as number[], timestamps: [] as number[] };
  const tfs: number[] = [];
  const lengths: number[] = [];
  for (let i = 0; i < block.ids.length; i++) {
    const ts = block.timestamps[i]!;
    if (!keep(block.sessions[block.session[i]!]!, ts)) continue;
    out.ids.push(block.ids[i]!);
    out.session.push(block.session[i]!);
    out.timestamps.push(ts);
    tfs.push(block.tfs[i]!);
    lengths.push(block.lengths[i]!);
  }
  return { ...out, sessions: block.sessions, tfs, lengths };
}

/**
 * Reads every posting block of `term` (and 0.1's single postings when the store has any). A
 * block's columns are scored as decoded; only a filtered search copies the postings it keeps.
 */
async function readTerm(ctx: Context, term: string, f: Filters): Promise<TermPostings> {
  const out: TermPostings = { df: 0, blocks: [] };
  const keep = filterOf(f);
  const add = (block: PostingColumns) => {
    out.df += block.ids.length;
    const kept = keep === undefined ? block : filtered(block, keep);
    if (kept.ids.length > 0) out.blocks.push(kept);
  };
  for await (const [k, v] of ctx.store.scan(tupleRange(blockPrefix(term)))) {
    const [ids, sessions, session, timestamps, tfs, lengths] = blockCodec.decode(v, k);
    add({ ids: ids.split(","), sessions, session, timestamps, tfs, lengths });
  }
  if (await hasLegacyPostings(ctx)) {
    const range = tupleRange(legacyTermPrefix(term));
    const legacy = {
      ids: [] as string[],
      sessions: [] as string[],
      session: [] as number[],
      timestamps: [] as number[],
      tfs: [] as number[],
      lengths: [] as number[],
    };
    for await (const [k, v] of ctx.store.scan(range)) {
      const [s, ts, tf, dl] = postingCodec.decode(v, k);
      // Ids are base-36, so the key ends with the plain id between its tag and terminator.
      legacy.ids.push(k.slice(range.gte.length + 1, -1));
      legacy.session.push(legacy.sessions.length);
      legacy.sessions.push(s);
      legacy.timestamps.push(ts);
      legacy.tfs.push(tf);
      legacy.lengths.push(dl);
    }
    add(legacy);
  }
  return out;
}

/**
 * Whether the store still holds 0.1's one-key postings (then every term scans them too).
 * Checked once per instance: this version never writes them, it only deletes them.
 */
async function hasLegacyPostings(ctx: Context): Promise<boolean> {
  if (ctx.legacy.present === undefined) {
    let present = false;
    for await (const _ of ctx.store.scan({ ...tupleRange(LEGACY_POSTING_PREFIX), limit: 1 })) {
      present = true;
    }
    ctx.legacy.present = present;
  }
  return ctx.legacy.present;
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

  // The statistics and every term's blocks are read at once: one round trip's wait in all.
  const [{ documents, totalLength }, ...perTerm] = await Promise.all([
    readStatsForRanking(ctx),
    ...terms.map((term) => readTerm(ctx, term, { sessionId, from, to })),
  ]);
  if (documents <= 0) return [];
  const averageLength = Math.max(totalLength / documents, 1);
  const best = topTurns(perTerm, { documents, averageLength, k1: ctx.k1, b: ctx.b }, limit);
  const keys = best.map(([id, hit]) => turnKey(hit.sessionId, hit.timestamp, id));
  const found = await readKeys(ctx.store, keys);
  const hits: SearchHit[] = [];
  best.forEach(([, hit], i) => {
    const bytes = found.get(keys[i]!);
    // Postings change with their turn in one commit; stay defensive all the same.
    if (bytes !== undefined)
      hits.push({ turn: turnCodec.decode(bytes, keys[i]), score: hit.score });
  });
  return hits;
}
