/** BM25 over the inverted index: one scan of posting blocks per distinct query term, capped. */
import {
  describe,
  invalidArgument,
  requireLimit,
  requireOptions,
  StorageError,
  tupleRange,
} from "@mnemo/core";
import { decodeBlockRuns } from "./block-codec.js";
import { readStats } from "./corpus-stats.js";
import {
  blockCodec,
  blockPrefix,
  chunkFlushesKey,
  chunkOf,
  flushesKey,
  legacyTermPrefix,
  type PostingBlock,
  postingCodec,
  stagePrefix,
  turnCodec,
  turnKey,
} from "./keyspace.js";
import { holdsLegacy } from "./legacy.js";
import type { Context } from "./options.js";
import { readEntries } from "./point-reads.js";
import { type PostingColumns, type TermPostings, topTurns } from "./scoring.js";
import { decodeChunk } from "./stage-codec.js";
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
 * A term's postings, and what a flush moving them would change: the flush markers of the term
 * and of its chunk, each with the version read (null: absent).
 */
interface TermRead {
  readonly postings: TermPostings;
  readonly read: Map<string, string | null>;
}

/**
 * Reads the staged chunk of `term` and, at the same time, every posting block of `term` (and
 * 0.1's single postings when the store has any), each scan with its flush marker. A flush
 * committed between the two scans would show its postings twice or not at all; it rewrites
 * both markers, which `search` reads again with the hits. A delete of a staged turn between
 * them at most counts that turn in `df` once more: its turn is gone, so it is never returned.
 * A block's columns are scored as decoded; only a filtered search copies the postings it keeps.
 */
async function readTerm(ctx: Context, term: string, f: Filters): Promise<TermRead> {
  const out: TermPostings = { df: 0, blocks: [] };
  const read = new Map<string, string | null>([[flushesKey(term), null]]);
  const keep = filterOf(f);
  const add = (block: PostingBlock) => {
    const [ids, sessions, session, timestamps, tfs, lengths] = block;
    const columns = { ids: ids.split(","), sessions, session, timestamps, tfs, lengths };
    out.df += columns.ids.length;
    const kept = keep === undefined ? columns : filtered(columns, keep);
    if (kept.ids.length > 0) out.blocks.push(kept);
  };
  const staged: Uint8Array[] = [];
  const blocks: [string, Uint8Array][] = [];
  await Promise.all([
    (async () => {
      const chunk = chunkOf(term);
      const marker = chunkFlushesKey(chunk);
      read.set(marker, null);
      for await (const [k, v, version] of ctx.store.scan({
        ...tupleRange(stagePrefix(chunk)),
        versions: true,
      })) {
        if (k === marker) {
          read.set(k, version);
          continue;
        }
        const value = decodeChunk(v, k).get(term);
        if (value !== undefined) staged.push(value);
      }
    })(),
    (async () => {
      const counter = flushesKey(term);
      for await (const [k, v, version] of ctx.store.scan({
        ...tupleRange(blockPrefix(term)),
        versions: true,
      })) {
        if (k === counter) read.set(k, version);
        else blocks.push([k, v]);
      }
    })(),
  ]);
  for (const value of staged) add(blockCodec.decode(value));
  for (const [k, v] of blocks) for (const run of decodeBlockRuns(v, k)) add(run);
  // 0.1's postings, while the store holds some: then every term scans them too.
  if (await holdsLegacy(ctx, "postings")) {
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
    const { ids, sessions, session, timestamps, tfs, lengths } = legacy;
    if (ids.length > 0) add([ids.join(","), sessions, session, timestamps, tfs, lengths]);
  }
  return { postings: out, read };
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

  for (let attempt = 1; ; attempt++) {
    const hits = await searchOnce(ctx, terms, { sessionId, from, to }, limit);
    if (hits !== undefined) return hits;
    if (attempt >= ctx.maxAttempts) {
      throw new StorageError("CONFLICT", `search still raced flushes after ${attempt} attempts`, {
        details: { attempts: attempt },
      });
    }
  }
}

/** One search; `undefined` when a staged chunk it read changed before it finished. */
async function searchOnce(
  ctx: Context,
  terms: readonly string[],
  filters: Filters,
  limit: number,
): Promise<SearchHit[] | undefined> {
  // The statistics and every term's reads at once, then the hits: two round trips' wait.
  const [{ documents, totalLength }, ...reads] = await Promise.all([
    readStats(ctx),
    ...terms.map((term) => readTerm(ctx, term, filters)),
  ]);
  if (documents <= 0) return [];
  const averageLength = Math.max(totalLength / documents, 1);
  const perTerm = reads.map((r) => r.postings);
  const best = topTurns(perTerm, { documents, averageLength, k1: ctx.k1, b: ctx.b }, limit);
  const keys = best.map(([id, hit]) => turnKey(hit.sessionId, hit.timestamp, id));
  const read = new Map<string, string | null>();
  for (const r of reads) for (const [k, v] of r.read) read.set(k, v);
  // Read again with the hits: a flush since the term reads may have shown postings twice or
  // not at all; then the search runs again.
  const found = await readEntries(ctx.store, [...keys, ...read.keys()]);
  for (const [k, version] of read) {
    if ((found.get(k)?.version ?? null) !== version) return undefined;
  }
  const hits: SearchHit[] = [];
  best.forEach(([, hit], i) => {
    const bytes = found.get(keys[i]!)?.value;
    // Postings change with their turn in one commit; stay defensive all the same.
    if (bytes !== undefined)
      hits.push({ turn: turnCodec.decode(bytes, keys[i]), score: hit.score });
  });
  return hits;
}
