/**
 * Deleting turns. Each turn goes with its pointer, age entry and postings, and the counters
 * move back, in a checked commit guarded by the pointer's version: of two processes deleting
 * the same turn (two retention jobs, say) exactly one commits, so it is removed and counted
 * once. A posting block other turns still use is rewritten without the turn's postings under
 * a check of the block's version, so two deleters of neighbours in one block never undo each
 * other; a block left empty is deleted (only deleters of its turns, all checked, touch it).
 * Several turns share a commit up to the commit limits.
 */
import {
  type CommitCheck,
  decodeTuple,
  MAX_COMMIT_CHECKS,
  MAX_COMMIT_MUTATIONS,
  type Mutation,
  type ScanOptions,
  StorageError,
  type VersionedEntry,
} from "@mnemo/core";
import { findBlock } from "./compaction.js";
import { statsMutations } from "./corpus-stats.js";
import {
  ageKey,
  blockCodec,
  blockKey,
  chunkOf,
  DELETE_SHARDS,
  deletesKey,
  legacyPostingKey,
  pointerCodec,
  pointerKey,
  stageKey,
  type TurnPointer,
  turnKey,
} from "./keyspace.js";
import type { Context } from "./options.js";
import { MAX_SHARED_TERMS, withoutTurns } from "./posting-block.js";
import { chunkWithoutTurns, isStageKey } from "./staging.js";

/** Keys a range delete reads per step. */
const DELETE_CHUNK = 256;

interface Doomed {
  readonly id: string;
  readonly pointer: TurnPointer;
  readonly version: string;
  /** Its posting blocks (none for a turn indexed by 0.1). */
  readonly blocks: readonly string[];
  /** Those it may share with other turns: each may cost a check. */
  readonly shared: readonly string[];
}

/** The deletes and counter moves of one turn, postings aside. */
function turnMutations(id: string, pointer: TurnPointer): Mutation[] {
  const mutations: Mutation[] = [
    { type: "del", key: turnKey(pointer.sessionId, pointer.timestamp, id) },
    { type: "del", key: pointerKey(id) },
    { type: "del", key: ageKey(pointer.timestamp, pointer.sessionId, id) },
  ];
  if (pointer.block === undefined) {
    for (const term of pointer.terms) {
      mutations.push({ type: "del", key: legacyPostingKey(term, id) });
    }
  }
  mutations.push(
    ...statsMutations({
      documents: -1,
      length: -pointer.length,
      sessions: { [pointer.sessionId]: -1 },
    }),
  );
  return mutations;
}

/** One checked commit removing `group` (and its postings from `blocks`); false on a conflict. */
async function commitGroup(
  ctx: Context,
  group: readonly Doomed[],
  blocks: Map<string, VersionedEntry | undefined>,
): Promise<boolean> {
  const checks: CommitCheck[] = group.map((d) => ({ key: pointerKey(d.id), version: d.version }));
  const mutations: Mutation[] = group.flatMap((d) => turnMutations(d.id, d.pointer));
  const ids = new Set(group.map((d) => d.id));
  const shared = new Set(group.flatMap((d) => d.shared));
  const rewritten: [string, Uint8Array][] = [];
  for (const key of new Set(group.flatMap((d) => d.blocks))) {
    const entry = blocks.get(key);
    if (entry === undefined) continue;
    if (isStageKey(key)) {
      // A staged chunk: other append calls' turns are never in it, its other terms stay.
      const value = chunkWithoutTurns(entry.value, key, ids);
      checks.push({ key, version: entry.version });
      if (value === undefined) mutations.push({ type: "del", key });
      else {
        mutations.push({ type: "put", key, value });
        rewritten.push([key, value]);
      }
      continue;
    }
    const rest = withoutTurns(blockCodec.decode(entry.value, key), ids);
    if (rest === undefined) {
      // A shared block may have been merged away meanwhile: checked even when deleted.
      if (shared.has(key)) checks.push({ key, version: entry.version });
      mutations.push({ type: "del", key });
    } else {
      const value = blockCodec.encode(rest);
      checks.push({ key, version: entry.version });
      mutations.push({ type: "put", key, value });
      rewritten.push([key, value]);
    }
  }
  // Fails any merge that read these blocks before this commit (compaction.ts).
  const shard = Math.floor(Math.random() * DELETE_SHARDS);
  mutations.push({ type: "sum", key: deletesKey(shard), delta: 1n });
  const result = await ctx.store.commit(checks, mutations);
  if (!result.ok) return false;
  // Later groups of this pass start from what this commit left.
  for (const key of new Set(group.flatMap((d) => d.blocks))) blocks.set(key, undefined);
  for (const [key, value] of rewritten) blocks.set(key, { value, version: result.version });
  return true;
}

/**
 * The blocks holding a turn's postings: the block its append wrote, or (merged since) the
 * one below it that holds the turn (`findBlock`); adds those it read to `blocks`.
 */
async function locateBlocks(
  ctx: Context,
  id: string,
  pointer: TurnPointer,
  version: string,
  blocks: Map<string, VersionedEntry | undefined>,
): Promise<Doomed> {
  const first = pointer.block;
  const keys: string[] = [];
  if (first !== undefined) {
    const found = await Promise.all(
      pointer.terms.map(async (term): Promise<string | undefined> => {
        const staged = stageKey(chunkOf(term), first);
        if (blocks.get(staged) !== undefined) return staged;
        const key = blockKey(term, first);
        if (blocks.get(key) !== undefined) return key;
        const below = await findBlock(ctx, term, first, id);
        if (below === undefined) return undefined;
        blocks.set(below[0], below[1]);
        return below[0];
      }),
    );
    for (const key of new Set(found)) if (key !== undefined) keys.push(key);
  }
  const shared = pointer.terms.length > MAX_SHARED_TERMS ? [] : keys;
  return { id, pointer, version, blocks: keys, shared };
}

/** Removes the turns that exist among `ids`; how many this call removed. */
export async function removeTurns(ctx: Context, ids: readonly string[]): Promise<number> {
  let pending = [...new Set(ids)];
  let removed = 0;
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt === ctx.maxAttempts) {
      throw new StorageError(
        "CONFLICT",
        `deleting ${pending.length} turns still contended after ${attempt} attempts`,
        { details: { attempts: attempt } },
      );
    }
    const found = await ctx.store.getEntries(pending.map(pointerKey));
    const pointers: [string, TurnPointer, string][] = [];
    for (const id of pending) {
      const entry = found.get(pointerKey(id));
      if (entry === undefined) continue;
      pointers.push([id, pointerCodec.decode(entry.value, pointerKey(id)), entry.version]);
    }
    // Where each posting was first written: its staged chunk, or the block it was flushed to.
    const firstKeys = new Set<string>();
    for (const [, p] of pointers) {
      if (p.block === undefined) continue;
      for (const t of p.terms) {
        firstKeys.add(stageKey(chunkOf(t), p.block));
        firstKeys.add(blockKey(t, p.block));
      }
    }
    const blocks = new Map<string, VersionedEntry | undefined>(
      await ctx.store.getEntries(firstKeys),
    );
    const doomed = await Promise.all(
      pointers.map(([id, pointer, version]) => locateBlocks(ctx, id, pointer, version, blocks)),
    );
    const retry: string[] = [];
    let group: Doomed[] = [];
    let touched = new Set<string>();
    let mutations = 0;
    const flush = async () => {
      if (group.length === 0) return;
      if (await commitGroup(ctx, group, blocks)) removed += group.length;
      // A failed check: another deleter changed a turn or block meanwhile; read it again.
      else retry.push(...group.map((d) => d.id));
      group = [];
      touched = new Set();
      mutations = 0;
    };
    for (const d of doomed) {
      const fresh = d.shared.filter((b) => !touched.has(b));
      // Checks: a pointer each, and at most one per block touched (a rewritten one).
      const own = d.pointer.terms.length + 8;
      if (
        group.length + 1 + touched.size + fresh.length > MAX_COMMIT_CHECKS ||
        mutations + own > MAX_COMMIT_MUTATIONS
      ) {
        await flush();
      }
      group.push(d);
      for (const b of d.shared) touched.add(b);
      mutations += own;
    }
    await flush();
    pending = retry;
  }
  return removed;
}

/** Walks a key range in chunks, removing the turn each key names (its last tuple element). */
export async function removeRange(
  ctx: Context,
  range: { gte: string; lt?: string },
): Promise<number> {
  let removed = 0;
  let after: string | undefined;
  for (;;) {
    const scan: ScanOptions =
      after === undefined
        ? { ...range, limit: DELETE_CHUNK }
        : { gt: after, ...(range.lt === undefined ? {} : { lt: range.lt }), limit: DELETE_CHUNK };
    const ids: string[] = [];
    for await (const [k] of ctx.store.scan(scan)) {
      ids.push(decodeTuple(k).at(-1) as string);
      after = k;
    }
    if (ids.length === 0) return removed;
    removed += await removeTurns(ctx, ids);
    if (ids.length < DELETE_CHUNK) return removed;
  }
}
