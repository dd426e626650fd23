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
import { holdsLegacy } from "./legacy.js";
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

/**
 * The counters and the deltas not merged yet under `prefix`, in one scan: under
 * `CORPUS_PREFIX` one read (on LevelDB, memory and within a PostgreSQL page one snapshot), so
 * a delta merged meanwhile is counted once, never 0 or 2 times. Every key there that is not
 * a counter is a delta.
 */
async function statsUnder(ctx: Context, prefix: Tuple): Promise<CorpusStats> {
  let documents = 0n;
  let totalLength = 0n;
  let deltaDocuments = 0;
  let deltaLength = 0;
  for await (const [key, value] of ctx.store.scan({
    ...tupleRange(prefix),
    limit: 2 * CORPUS_SHARDS + MAX_DELTAS_READ,
  })) {
    const isDocuments = COUNTERS.get(key);
    if (isDocuments === undefined) {
      const delta = deltaCodec.decode(value, key);
      deltaDocuments += delta.documents;
      deltaLength += delta.length;
    } else if (isDocuments) documents += decodeCounter(value, key);
    else totalLength += decodeCounter(value, key);
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
  if (!(await holdsLegacy(ctx, "deltas"))) return statsUnder(ctx, CORPUS_PREFIX);
  const [total, legacy] = await Promise.all([
    statsUnder(ctx, CORPUS_PREFIX),
    statsUnder(ctx, LEGACY_DELTA_PREFIX),
  ]);
  return {
    documents: total.documents + legacy.documents,
    totalLength: total.totalLength + legacy.totalLength,
  };
}
