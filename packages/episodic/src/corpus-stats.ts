/**
 * The corpus statistics BM25 ranks with (turns indexed and their total length in terms), and
 * each session's turn count. All are `sum` counters changed in the same commit as the turns
 * they count; the number of their keys is fixed (`CORPUS_SHARDS` × 2, one per session), never
 * growing with writers or restarts. A batch too large for one commit carries its counts in a
 * delta record instead, merged by a checked commit right after (see keyspace.ts).
 */
import { decodeCounter, type Mutation, tupleRange, type VersionedScanEntry } from "@mnemo/core";
import {
  CORPUS_SHARDS,
  DELTA_PREFIX,
  deltaCodec,
  documentsKey,
  lengthKey,
  type StatsDelta,
  sessionKey,
} from "./keyspace.js";
import type { Context } from "./options.js";
import { readKeys } from "./point-reads.js";

export interface CorpusStats {
  /** Turns indexed. */
  readonly documents: number;
  /** Sum of their lengths in terms. */
  readonly totalLength: number;
}

/** Deltas read per search at most; `stats()` merges leftovers, so there are few. */
const MAX_DELTAS_READ = 1000;
const SHARD_KEYS = Array.from({ length: CORPUS_SHARDS }, (_, i) => [
  documentsKey(i),
  lengthKey(i),
]).flat();

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

/** Merges up to `max` delta records left by batches whose process died before merging. */
export async function mergeDeltas(ctx: Context, max = 100): Promise<number> {
  const entries: VersionedScanEntry[] = [];
  for await (const entry of ctx.store.scan({
    ...tupleRange(DELTA_PREFIX),
    limit: max,
    versions: true,
  })) {
    entries.push(entry);
  }
  let merged = 0;
  for (const entry of entries) if (await mergeDelta(ctx, entry)) merged++;
  return merged;
}

/** The deltas not merged yet, summed. */
async function unmergedDeltas(ctx: Context): Promise<CorpusStats> {
  let documents = 0;
  let totalLength = 0;
  for await (const [key, value] of ctx.store.scan({
    ...tupleRange(DELTA_PREFIX),
    limit: MAX_DELTAS_READ,
  })) {
    const delta = deltaCodec.decode(value, key);
    documents += delta.documents;
    totalLength += delta.length;
  }
  return { documents, totalLength };
}

/** The sharded counters, summed. */
async function counters(ctx: Context): Promise<CorpusStats> {
  const found = await readKeys(ctx.store, SHARD_KEYS);
  let documents = 0n;
  let totalLength = 0n;
  for (let i = 0; i < CORPUS_SHARDS; i++) {
    const d = found.get(documentsKey(i));
    const l = found.get(lengthKey(i));
    if (d !== undefined) documents += decodeCounter(d, documentsKey(i));
    if (l !== undefined) totalLength += decodeCounter(l, lengthKey(i));
  }
  return { documents: Number(documents), totalLength: Number(totalLength) };
}

const plus = (a: CorpusStats, b: CorpusStats): CorpusStats => ({
  documents: a.documents + b.documents,
  totalLength: a.totalLength + b.totalLength,
});

/**
 * The counters, then any delta not merged yet. A delta leaves in the commit that adds it to
 * the counters, so a batch merged between the two reads is missed, never counted twice.
 */
export async function readStats(ctx: Context): Promise<CorpusStats> {
  const total = await counters(ctx);
  return plus(total, await unmergedDeltas(ctx));
}

/**
 * `readStats` for ranking, both reads at once (one round trip's wait instead of two, beside
 * the term scans). A batch whose delta is merged at that very moment may be counted 0 or 2
 * times in the `N` and average length of that one search; it never changes which turns match.
 */
export async function readStatsForRanking(ctx: Context): Promise<CorpusStats> {
  const [total, deltas] = await Promise.all([counters(ctx), unmergedDeltas(ctx)]);
  return plus(total, deltas);
}
