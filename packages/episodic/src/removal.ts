/**
 * Deleting turns. Each turn goes with its pointer, age entry and postings, and the counters
 * move back, in a checked commit guarded by the pointer's version: of two processes deleting
 * the same turn (two retention jobs, say) exactly one commits, so it is removed and counted
 * once. Several turns share a commit up to the commit limits.
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
import { statsMutations } from "./corpus-stats.js";
import { ageKey, pointerCodec, pointerKey, postingKey, turnKey } from "./keyspace.js";
import type { Context } from "./options.js";

/** Keys a range delete reads per step. */
const DELETE_CHUNK = 256;

function removalMutations(id: string, entry: VersionedEntry): Mutation[] {
  const pointer = pointerCodec.decode(entry.value, pointerKey(id));
  const mutations: Mutation[] = [
    { type: "del", key: turnKey(pointer.sessionId, pointer.timestamp, id) },
    { type: "del", key: pointerKey(id) },
    { type: "del", key: ageKey(pointer.timestamp, pointer.sessionId, id) },
  ];
  for (const term of pointer.terms) mutations.push({ type: "del", key: postingKey(term, id) });
  mutations.push(
    ...statsMutations({
      documents: -1,
      length: -pointer.length,
      sessions: { [pointer.sessionId]: -1 },
    }),
  );
  return mutations;
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
        {
          details: { attempts: attempt },
        },
      );
    }
    const found = await ctx.store.getEntries(pending.map(pointerKey));
    const retry: string[] = [];
    let checks: CommitCheck[] = [];
    let mutations: Mutation[] = [];
    let group: string[] = [];
    const flush = async () => {
      if (group.length === 0) return;
      const result = await ctx.store.commit(checks, mutations);
      // A failed check: another deleter changed a turn meanwhile; read the group again.
      if (result.ok) removed += group.length;
      else retry.push(...group);
      checks = [];
      mutations = [];
      group = [];
    };
    for (const id of pending) {
      const entry = found.get(pointerKey(id));
      if (entry === undefined) continue;
      const own = removalMutations(id, entry);
      if (
        checks.length === MAX_COMMIT_CHECKS ||
        mutations.length + own.length > MAX_COMMIT_MUTATIONS
      ) {
        await flush();
      }
      checks.push({ key: pointerKey(id), version: entry.version });
      mutations.push(...own);
      group.push(id);
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
