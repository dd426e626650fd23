/**
 * The staged index: an append call writes its posting blocks grouped by chunk (`chunkOf`, 64
 * chunks), one value per chunk, under ("stage", chunk, segmentId): a batch of 500 turns
 * writes ~64 values instead of one per distinct term (~2,700). Once an instance has written
 * `FLUSH_SEGMENTS` segments it flushes every staged chunk: each term's blocks from all of
 * them become one block ("block", term, smallest segment id holding it), in checked commits
 * that delete the chunks they flushed (so a posting is in exactly one place at any time) and
 * rewrite the flush markers of each term and chunk (so a search that read them meanwhile
 * knows).
 * Flushed blocks are then merged tier by tier (`compaction.ts`).
 *
 * Deletes rely on: a posting first written to segment `o` is in ("stage", chunkOf(term), o)
 * or in a block of its term whose id is at most `o`. A flush checks the chunks' versions
 * (a delete rewrote one meanwhile, or another instance flushed it) and the deletes counters;
 * a failed flush is retried on fresh reads, then left: staged chunks are valid and searched.
 */
import {
  type CommitCheck,
  decodeTuple,
  MAX_COMMIT_BYTES,
  MAX_COMMIT_CHECKS,
  MAX_COMMIT_MUTATIONS,
  type Mutation,
  tupleRange,
  type VersionedScanEntry,
} from "@mnemo/core";
import { blockPostings, encodeRuns } from "./block-codec.js";
import { type Merge, runMerges } from "./compaction.js";
import {
  blockCodec,
  blockKey,
  chunkFlushesKey,
  DELETES_KEYS,
  EMPTY,
  flushesKey,
  type PostingBlock,
  STAGE_PREFIX,
} from "./keyspace.js";
import type { Context } from "./options.js";
import { withoutTurns } from "./posting-block.js";
import { decodeChunk, encodeChunk } from "./stage-codec.js";

/** Segments (append calls) an instance writes before it flushes the staged chunks. */
export const FLUSH_SEGMENTS = 8;
/** Staged chunks one flush reads at most. */
const MAX_FLUSH_ENTRIES = 4096;
/** Chunks of one chunk number one flush takes at most: each is a check, with 8 others. */
const MAX_CHUNK_ENTRIES = MAX_COMMIT_CHECKS - DELETES_KEYS.length - 2;
/** Flush rounds retried after a concurrent delete or flush failed their commit. */
const MAX_FLUSH_RETRIES = 3;

/** Counts a segment written; flushes (and runs the merges that makes due) every few. */
export async function stagedSegment(ctx: Context): Promise<void> {
  if (++ctx.staged.segments < FLUSH_SEGMENTS) return;
  ctx.staged.segments = 0;
  const due: Merge[] = [];
  for (let attempt = 0; attempt <= MAX_FLUSH_RETRIES; attempt++) {
    if (await flushOnce(ctx, due)) break;
  }
  await runMerges(ctx, due);
}

/**
 * The first staged entries of one chunk number whose flush fits one commit: a check each
 * and a delete each, plus a put and a flush counter per distinct term. An entry too large alone stays staged
 * (correct, searched; only a chunk of hundreds of terms hashing alike could be one).
 */
function flushable(entries: readonly VersionedScanEntry[]): Staged[] {
  const terms = new Set<string>();
  const out: Staged[] = [];
  for (const entry of entries) {
    if (out.length === MAX_CHUNK_ENTRIES) break;
    const blocks = decodeChunk(entry[1], entry[0]);
    let added = 0;
    for (const t of blocks.keys()) if (!terms.has(t)) added++;
    if (out.length + 2 + 2 * (terms.size + added) > MAX_COMMIT_MUTATIONS) break;
    for (const t of blocks.keys()) terms.add(t);
    out.push({ entry, blocks });
  }
  return out;
}

/** A staged entry and its blocks by term. */
interface Staged {
  readonly entry: VersionedScanEntry;
  readonly blocks: Map<string, Uint8Array>;
}

/** A chunk number's staged entries, turned into one block per term. */
function blocksOf(entries: readonly Staged[]): [string, string, Uint8Array][] {
  const terms = new Map<string, { into: string; values: Uint8Array[] }>();
  for (const { entry, blocks } of entries) {
    const segment = decodeTuple(entry[0])[2] as string;
    for (const [term, block] of blocks) {
      const t = terms.get(term);
      if (t === undefined) terms.set(term, { into: segment, values: [block] });
      else {
        if (segment < t.into) t.into = segment;
        t.values.push(block);
      }
    }
  }
  const out: [string, string, Uint8Array][] = [];
  for (const [term, { into, values }] of terms) {
    // One segment's block is stored as it is; several as runs, not decoded (a merge joins them).
    out.push([term, into, values.length === 1 ? values[0]! : encodeRuns(values)]);
  }
  return out;
}

/** One pass over the staged chunks; true when every commit went through. */
async function flushOnce(ctx: Context, due: Merge[]): Promise<boolean> {
  const guard = await ctx.store.getEntries(DELETES_KEYS);
  const base: CommitCheck[] = DELETES_KEYS.map((key) => ({
    key,
    version: guard.get(key)?.version ?? null,
  }));
  const chunks = new Map<number, VersionedScanEntry[]>();
  for await (const entry of ctx.store.scan({
    ...tupleRange(STAGE_PREFIX),
    versions: true,
    limit: MAX_FLUSH_ENTRIES,
  })) {
    const [, chunk, segment] = decodeTuple(entry[0]) as [string, number, string | null];
    if (segment === null) continue; // the chunk's flush marker
    let list = chunks.get(chunk);
    if (list === undefined) {
      list = [];
      chunks.set(chunk, list);
    }
    list.push(entry);
  }
  let checks = [...base];
  let mutations: Mutation[] = [];
  let bytes = 0;
  let wrote: [string, string, Uint8Array][] = [];
  let ok = true;
  const commit = async () => {
    if (mutations.length === 0) return;
    const result = await ctx.store.commit(checks, mutations);
    if (result.ok) {
      for (const [term, into, value] of wrote)
        ctx.tiers.wrote(term, into, blockPostings(value), due);
    } else ok = false;
    checks = [...base];
    mutations = [];
    bytes = 0;
    wrote = [];
  };
  for (const [chunk, staged] of chunks) {
    const entries = flushable(staged);
    if (entries.length === 0) continue;
    const blocks = blocksOf(entries);
    let size = 0;
    for (const [, , value] of blocks) size += value.byteLength + 256;
    if (
      checks.length + entries.length > MAX_COMMIT_CHECKS ||
      mutations.length + entries.length + 1 + 2 * blocks.length > MAX_COMMIT_MUTATIONS ||
      bytes + size > MAX_COMMIT_BYTES / 4
    ) {
      await commit();
    }
    for (const {
      entry: [key, , version],
    } of entries) {
      checks.push({ key, version });
      mutations.push({ type: "del", key });
    }
    mutations.push({ type: "put", key: chunkFlushesKey(chunk), value: EMPTY });
    for (const [term, into, value] of blocks) {
      mutations.push(
        { type: "put", key: blockKey(term, into), value },
        // Any write gives it a new version, which is all a search compares.
        { type: "put", key: flushesKey(term), value: EMPTY },
      );
      wrote.push([term, into, value]);
    }
    bytes += size;
  }
  await commit();
  return ok;
}

const STAGE_START = tupleRange(STAGE_PREFIX).gte;
export const isStageKey = (key: string): boolean => key.startsWith(STAGE_START);

/** The staged chunk without the postings of `ids`; `undefined` when no term is left. */
export function chunkWithoutTurns(
  value: Uint8Array,
  key: string,
  ids: ReadonlySet<string>,
): Uint8Array | undefined {
  const kept: [string, PostingBlock][] = [];
  for (const [term, block] of decodeChunk(value, key)) {
    const rest = withoutTurns(blockCodec.decode(block, key), ids);
    if (rest !== undefined) kept.push([term, rest]);
  }
  return kept.length === 0 ? undefined : encodeChunk(kept);
}
