/**
 * Removing a session (sweep or `end`): a checked commit claims the record, the keys it owns
 * go in chunks of checked commits guarded by the claim, and a last one deletes the record
 * with its expiry entry. Whoever makes the last commit removed the session, so two removers
 * (in any processes) never both count it; a claim whose remover died is taken over after
 * the lease.
 */
import { MAX_COMMIT_MUTATIONS, type Mutation, tupleRange, type VersionedEntry } from "@mnemo/core";
import type { Context } from "./context.js";
import {
  artifactPrefix,
  expiryKey,
  type SessionRecord,
  sessionCodec,
  sessionKey,
  snapshotPrefix,
} from "./keyspace.js";

/** Owned keys deleted per commit. */
const OWNED_CHUNK = MAX_COMMIT_MUTATIONS - 1;

/** Removes the session seen as `entry`; true only for the caller that removed it. */
export async function removeSession(
  ctx: Context,
  id: string,
  entry: VersionedEntry,
  record: SessionRecord,
  now: number,
): Promise<boolean> {
  if (record.removing !== undefined && now - record.removing.at < ctx.leaseMs) return false;
  const k = sessionKey(id);
  const claim = sessionCodec.encode({ ...record, removing: { at: now } });
  const claimed = await ctx.store.commit(
    [{ key: k, version: entry.version }],
    [{ type: "put", key: k, value: claim }],
  );
  if (!claimed.ok) return false;
  const guard = [{ key: k, version: claimed.version }];
  for (const prefix of [snapshotPrefix(id), artifactPrefix(id)]) {
    for (;;) {
      const deletes: Mutation[] = [];
      for await (const [owned] of ctx.store.scan({ ...tupleRange(prefix), limit: OWNED_CHUNK })) {
        deletes.push({ type: "del", key: owned });
      }
      if (deletes.length === 0) break;
      // A remover that took the claim over meanwhile finishes the job; this one stops.
      if (!(await ctx.store.commit(guard, deletes)).ok) return false;
      if (deletes.length < OWNED_CHUNK) break;
    }
  }
  const done = await ctx.store.commit(guard, [
    { type: "del", key: k },
    { type: "del", key: expiryKey(record.expiresAt, id) },
  ]);
  return done.ok;
}
