/**
 * The corpus statistics BM25 ranks with (turns indexed and their total length in terms), and
 * each session's turn count. All are `sum` counters changed in the same commit as the turns
 * they count; the number of their keys is fixed (`CORPUS_SHARDS` × 2, one per session), never
 * growing with writers or restarts. A batch too large for one commit carries its counts in a
 * delta record instead, merged by a checked commit right after (see keyspace.ts).
 */
import {
  decodeCounter,
  type Mutation,
  type Tuple,
  tupleRange,
  type VersionedScanEntry,
} from "@mnemo/core";
import {
  CORPUS_PREFIX,
  CORPUS_SHARDS,
  DELTA_PREFIX,
  deltaCodec,
  documentsKey,
  LEGACY_DELTA_PREFIX,
  lengthKey,
  type StatsDelta,
  sessionKey,
} from "./keyspace.js";
import type { Context } from "./options.js";

export interface CorpusStats {
  /** Turns indexed. */
  readonly documents: number;
  /** Sum of their lengths in terms. */
  readonly totalLength: number;
}

/** Deltas read per search at most; `stats()` merges leftovers, so there are few. */
const MAX_DELTAS_READ = 1000;
/** Counter key → true for a documents counter, false for a length counter. */
const COUNTERS = new Map<string, boolean>(
  Array.from({ length: CORPUS_SHARDS }, (_, i) => [
    [documentsKey(i), true] as const,
    [lengthKey(i), false] as const,
  ]).flat(),
);

/** The `sum` mutations that add `delta` to the counters (on one shard, chosen at random). */
export function statsMutations(delta: StatsDelta): Mutation[] {
  const shard = Math.floor(Math.random() * CORPUS_SHARDS);
  const mutations: Mutation[] = [];
  if (delta.documents !== 0) {
    mutations.push({ type: "sum", key: documentsKey(shard), delta: BigInt(delta.documents) });
  }
  if (delta.length !== 0) {
    mutations.push({ type: "sum", key: lengthKey(shard), delta: BigInt(delta.length) });
  }
  for (const [sessionId, n] of Object.entries(delta.sessions ?? {})) {
    if (n !== 0) mutations.push({ type: "sum", key: sessionKey(sessionId), delta: BigInt(n) });
  }
  return mutations;
}

/** Adds the delta record at `key` to the counters and deletes it, once: false if it was gone. */
export async function mergeDelta(ctx: Context, entry: VersionedScanEntry): Promise<boolean> {
  const [key, value, version] = entry;
  const delta = deltaCodec.decode(value, key);
  const result = await ctx.store.commit(
    [{ key, version }],
    [{ type: "del", key }, ...statsMutations(delta)],
  );
  return result.ok;
}

/** The delta records under `prefix`, up to `max`, with their versions. */
async function deltaEntries(ctx: Context, prefix: Tuple, max: number) {
  const entries: VersionedScanEntry[] = [];
  for await (const entry of ctx.store.scan({ ...tupleRange(prefix), limit: max, versions: true })) {
    entries.push(entry);
  }
  return entries;
}

/**
 * Merges up to `max` delta records left by batches whose process died before merging (and
 * those earlier versions left under `LEGACY_DELTA_PREFIX`).
 */
export async function mergeDeltas(ctx: Context, max = 100): Promise<number> {
  const [entries, legacy] = await Promise.all([
    deltaEntries(ctx, DELTA_PREFIX, max),
    deltaEntries(ctx, LEGACY_DELTA_PREFIX, max),
  ]);
  let merged = 0;
  for (const entry of [...entries, ...legacy]) if (await mergeDelta(ctx, entry)) merged++;
  // None left there: searches stop looking. Some merged: the next read looks once more.
  ctx.legacy.deltas = legacy.length === 0 ? false : undefined;
  return merged;
}

/** The deltas under `LEGACY_DELTA_PREFIX` not merged yet, summed. */
async function legacyDeltas(ctx: Context): Promise<CorpusStats> {
  let documents = 0;
  let totalLength = 0;
  for await (const [key, value] of ctx.store.scan({
    ...tupleRange(LEGACY_DELTA_PREFIX),
    limit: MAX_DELTAS_READ,
  })) {
    const delta = deltaCodec.decode(value, key);
    documents += delta.documents;
    totalLength += delta.length;
  }
  return { documents, totalLength };
}

/**
 * Whether the store may hold deltas where earlier versions wrote them; looked at once per
 * instance (and again after `stats()` merged them), since this version never writes there.
 */
async function mayHoldLegacyDeltas(ctx: Context): Promise<boolean> {
  if (ctx.legacy.deltas === undefined) {
    let found = false;
    for await (const _ of ctx.store.scan({ ...tupleRange(LEGACY_DELTA_PREFIX), limit: 1 })) {
      found = true;
    }
    ctx.legacy.deltas = found;
  }
  return ctx.legacy.deltas;
}

const DELTA_START = tupleRange(DELTA_PREFIX).gte;

/**
 * The counters and the deltas not merged yet, in one scan of `CORPUS_PREFIX`: one read (and
 * on LevelDB, memory and within a PostgreSQL page, one snapshot), so a delta merged meanwhile
 * is counted once, never 0 or 2 times.
 */
async function corpusScan(ctx: Context): Promise<CorpusStats> {
  let documents = 0n;
  let totalLength = 0n;
  let deltaDocuments = 0;
  let deltaLength = 0;
  for await (const [key, value] of ctx.store.scan({
    ...tupleRange(CORPUS_PREFIX),
    limit: 2 * CORPUS_SHARDS + MAX_DELTAS_READ,
  })) {
    if (key.startsWith(DELTA_START)) {
      const delta = deltaCodec.decode(value, key);
      deltaDocuments += delta.documents;
      deltaLength += delta.length;
    } else if (COUNTERS.has(key)) {
      const counter = decodeCounter(value, key);
      if (COUNTERS.get(key)) documents += counter;
      else totalLength += counter;
    }
  }
  return {
    documents: Number(documents) + deltaDocuments,
    totalLength: Number(totalLength) + deltaLength,
  };
}

/**
 * The counters with the deltas not merged yet. With deltas where earlier versions wrote them
 * (a store they wrote), those are read at the same time: a batch of theirs merged at that
 * very moment may be counted 0 or 2 times in the `N` and average length of that one search;
 * it never changes which turns match.
 */
export async function readStats(ctx: Context): Promise<CorpusStats> {
  if (!(await mayHoldLegacyDeltas(ctx))) return corpusScan(ctx);
  const [total, legacy] = await Promise.all([corpusScan(ctx), legacyDeltas(ctx)]);
  return {
    documents: total.documents + legacy.documents,
    totalLength: total.totalLength + legacy.totalLength,
  };
}
