/**
 * Appending turns. A turn, its pointer, its postings and the counters it moves
 * are written together; the postings of one call go in one block per distinct term
 * (`posting-block.ts`), staged in one value per chunk of terms (`staging.ts`) under a fresh
 * segment id. They are written in one checked commit when they fit one (up to 1,000 mutations and
 * 64 MiB: a single turn always does), else in one atomic `write()` carrying a delta record of
 * the counts, which a checked commit then merges into the counters (`corpus-stats.ts`).
 */
import { randomUUID } from "node:crypto";
import {
  invalidArgument,
  MAX_COMMIT_BYTES,
  MAX_COMMIT_MUTATIONS,
  type Mutation,
  requireArray,
  type WriteOp,
} from "@mnemo/core";
import { BatchPostings } from "./batch-postings.js";
import { type Merge, runMerges } from "./compaction.js";
import { mergeDelta, statsMutations } from "./corpus-stats.js";
import {
  blockKey,
  chunkOf,
  deltaCodec,
  deltaKey,
  pointerCodec,
  pointerKey,
  STAGE_CHUNKS,
  type StatsDelta,
  stageKey,
  type TurnPointer,
  turnCodec,
  turnKey,
} from "./keyspace.js";
import type { Context } from "./options.js";
import { blockOf } from "./posting-block.js";
import { writeChunk } from "./stage-codec.js";
import { stagedSegment } from "./staging.js";
import { termFrequencies } from "./tokenizer.js";
import { MAX_CONTENT_BYTES, type Turn, type TurnInput, validateTurnInput } from "./turn.js";
import { newTurnId } from "./turn-id.js";

/** Most turns in one `appendBatch`. */
export const MAX_BATCH_TURNS = 500;
/** Most content in one `appendBatch`, in UTF-8 bytes. */
export const MAX_BATCH_BYTES = 16 * MAX_CONTENT_BYTES;

export function checkBatch(inputs: unknown): readonly TurnInput[] {
  return requireArray(inputs, "turns", MAX_BATCH_TURNS) as TurnInput[];
}

export async function appendTurns(
  ctx: Context,
  inputs: readonly TurnInput[],
  batch: boolean,
): Promise<Turn[]> {
  const now = ctx.clock.now();
  let bytes = 0;
  const turns = inputs.map((input, i): Turn => {
    const fields = validateTurnInput(input, batch ? i : -1, now);
    bytes += Buffer.byteLength(fields.content);
    return { id: newTurnId(fields.timestamp), ...fields };
  });
  if (bytes > MAX_BATCH_BYTES) {
    throw invalidArgument(
      "turns",
      `hold over ${MAX_BATCH_BYTES} bytes of content; split the batch`,
    );
  }
  if (turns.length === 0) return [];

  const puts: { key: string; value: Uint8Array }[] = [];
  const sessions: Record<string, number> = Object.create(null);
  // A fresh id (never a turn's, which a turn with blocks of its own uses): time-ordered.
  const shared = newTurnId(turns[0]!.timestamp);
  const postings = new BatchPostings();
  // Turns with blocks of their own (`blockOf`): one set of blocks each, never merged.
  const own: [block: string, postings: BatchPostings][] = [];
  let length = 0;
  for (const turn of turns) {
    const { frequencies, length: dl } = termFrequencies(turn.content);
    const block = blockOf(turn.id, frequencies.size, shared);
    const pointer: TurnPointer = {
      sessionId: turn.sessionId,
      timestamp: turn.timestamp,
      length: dl,
      terms: [...frequencies.keys()],
      block,
    };
    puts.push(
      { key: turnKey(turn.sessionId, turn.timestamp, turn.id), value: turnCodec.encode(turn) },
      { key: pointerKey(turn.id), value: pointerCodec.encode(pointer) },
    );
    if (block === shared) postings.add(turn, frequencies, dl);
    else {
      const alone = new BatchPostings();
      alone.add(turn, frequencies, dl);
      own.push([block, alone]);
    }
    sessions[turn.sessionId] = (sessions[turn.sessionId] ?? 0) + 1;
    length += dl;
  }
  for (const [block, alone] of own) {
    alone.terms.forEach((term, t) => {
      puts.push({ key: blockKey(term, block), value: alone.encodeTerm(t) });
    });
  }
  // The call's segment: its blocks grouped by chunk, one value each (`staging.ts`), when
  // that writes fewer values than a block per term would (a single turn never does); else
  // one block per term, merged later.
  const { terms } = postings;
  const stage = terms.length > STAGE_CHUNKS;
  const due: Merge[] = [];
  if (!stage) {
    terms.forEach((term, t) => {
      puts.push({ key: blockKey(term, shared), value: postings.encodeTerm(t) });
      ctx.tiers.wrote(term, shared, postings.count(t), due);
    });
  } else {
    const chunks = new Map<number, number[]>();
    terms.forEach((term, t) => {
      const chunk = chunkOf(term);
      const list = chunks.get(chunk);
      if (list === undefined) chunks.set(chunk, [t]);
      else list.push(t);
    });
    for (const [chunk, list] of chunks) {
      let size = 0;
      for (const t of list) size += terms[t]!.length * 3 + 64 + postings.count(t) * 48;
      const value = writeChunk(
        list.map((t) => terms[t]!),
        (w, i) => postings.writeTerm(w, list[i]!),
        size,
      );
      puts.push({ key: stageKey(chunk, shared), value });
    }
  }
  const delta: StatsDelta = { documents: turns.length, length, sessions: { ...sessions } };
  const counters = statsMutations(delta);
  let commitBytes = 0;
  for (const put of puts) commitBytes += put.key.length * 3 + put.value.byteLength;

  if (puts.length + counters.length <= MAX_COMMIT_MUTATIONS && commitBytes < MAX_COMMIT_BYTES / 2) {
    const mutations: Mutation[] = puts.map((p) => ({ type: "put", ...p }));
    const result = await ctx.store.commit([], [...mutations, ...counters]);
    if (!result.ok) throw new Error("a commit without checks cannot fail its checks");
    await afterAppend(ctx, stage, due);
    return turns;
  }
  // Too large for one commit: one atomic write with the counts in a delta record, then the
  // delta merged (a crash in between leaves it for stats() to merge; searches count it).
  const key = deltaKey(`batch-${randomUUID()}`);
  const ops: WriteOp[] = puts.map((p) => ({ type: "put", ...p }));
  ops.push({ type: "put", key, value: deltaCodec.encode(delta) });
  await ctx.store.write(ops);
  const entry = await ctx.store.getEntry(key);
  if (entry !== undefined) await mergeDelta(ctx, [key, entry.value, entry.version]);
  await afterAppend(ctx, stage, due);
  return turns;
}

/**
 * Counts the segment just staged and flushes when due (`staging.ts`), or merges the blocks
 * now due (`compaction.ts`). The turns are stored and indexed already, and staged chunks and
 * unmerged blocks are searched as they are, so a failed flush or merge (a closed store, say)
 * must not turn a stored append into an error its caller would retry.
 */
async function afterAppend(ctx: Context, staged: boolean, due: Merge[]): Promise<void> {
  try {
    if (staged) await stagedSegment(ctx);
    else await runMerges(ctx, due);
  } catch {
    // Staged chunks and unmerged blocks are valid; the next flush or merge starts over.
  }
}
