/**
 * Garbage collection, which reconciles everything a crash between the steps of a put or a
 * delete can leave:
 *
 * - an upload record (a put that died mid-stream, or after deduplicating but before deleting
 *   its redundant chunks, or a free or gc that died deleting chunks): its chunks are
 *   deleted, once it is older than `uploadGraceMs` or marked reclaiming;
 * - content whose last artifact was deleted but which was not freed (the delete died after
 *   its commit): freed;
 * - a reference counter that disagrees with the reference entries `("r", hash, id)` written
 *   with the artifact records: set to the count. The counter is read before the entries are
 *   counted and the correction is checked against its version, so a put or delete racing
 *   the count makes the correction fail (the next gc() comes back to it), never wrong.
 */
import { decodeCounter, decodeTuple, encodeCounter, type VersionedScanEntry } from "@mnemo/core";
import type { GcResult } from "./artifact.js";
import { after, type Context, type TupleRange } from "./context.js";
import { CONTENTS, refCountKey, referencesOf, UPLOADS } from "./keyspace.js";
import { uploadCodec } from "./records.js";
import { freeContent } from "./references.js";
import { discardUpload } from "./upload.js";

/** Records read per page, so no scan stays open across the writes that follow it. */
const PAGE = 100;

async function* pages(ctx: Context, range: TupleRange): AsyncGenerator<VersionedScanEntry[]> {
  let last: string | undefined;
  for (;;) {
    const page: VersionedScanEntry[] = [];
    const bounds = last === undefined ? range : after(range, last);
    for await (const entry of ctx.store.scan({ ...bounds, limit: PAGE, versions: true })) {
      page.push(entry);
    }
    if (page.length === 0) return;
    yield page;
    last = page[page.length - 1]![0];
    if (page.length < PAGE) return;
  }
}

async function countReferences(ctx: Context, hash: string): Promise<bigint> {
  let count = 0n;
  for await (const _ of ctx.store.scan(referencesOf(hash))) count++;
  return count;
}

export async function collectGarbage(ctx: Context): Promise<GcResult> {
  let contents = 0;
  let chunks = 0;
  let bytes = 0;
  let uploads = 0;
  let references = 0;

  for await (const page of pages(ctx, CONTENTS)) {
    for (const [key, value, version] of page) {
      const hash = decodeTuple(key)[1] as string;
      const countKey = refCountKey(hash);
      const counter = await ctx.store.getEntry(countKey);
      const stored = counter === undefined ? 0n : decodeCounter(counter.value, countKey);
      const actual = await countReferences(ctx, hash);
      if (actual === 0n) {
        const freed = await freeContent(ctx, hash, { value, version }, counter?.version ?? null);
        if (freed !== undefined) {
          contents++;
          chunks += freed.chunks;
          bytes += freed.bytes;
          if (stored !== 0n) references++;
        }
      } else if (actual !== stored) {
        const fixed = await ctx.store.commit(
          [{ key: countKey, version: counter?.version ?? null }],
          [{ type: "put", key: countKey, value: encodeCounter(actual) }],
        );
        if (fixed.ok) references++;
      }
    }
  }

  const now = ctx.clock.now();
  for await (const page of pages(ctx, UPLOADS)) {
    for (const [key, value, version] of page) {
      const upload = uploadCodec.decode(value, key);
      const generation = decodeTuple(key)[1] as string;
      if (upload.reclaiming !== true) {
        if (now - upload.startedAt < ctx.graceMs) continue;
        // Marking it changes its version: the put, if it still runs, can commit no chunk
        // and cannot end the upload.
        const marked = await ctx.store.commit(
          [{ key, version }],
          [{ type: "put", key, value: uploadCodec.encode({ startedAt: now, reclaiming: true }) }],
        );
        if (!marked.ok) continue;
      }
      const freed = await discardUpload(ctx, generation);
      uploads++;
      chunks += freed.chunks;
      bytes += freed.bytes;
    }
  }
  return { contents, chunks, bytes, uploads, references };
}
