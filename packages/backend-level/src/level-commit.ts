/**
 * A checked commit on LevelDB, run inside its turn of the write gate (so nothing else of this
 * process writes its keys meanwhile): read the checked and summed keys (`getSync`, from the
 * current state), evaluate the checks, then one `db.batch` with the commit's number.
 */
import {
  addCounter,
  bytesEqual,
  type CommitResult,
  decodeCounter,
  type Entry,
  encodeCounter,
  formatVersion,
  type NormalizedCommit,
} from "@mnemo/core";
import { commitOf, sealedValue, sealWith, verifyWith } from "./envelope.js";
import type { Keyspace } from "./keyspace.js";
import type { LevelStore } from "./level-backend.js";

type BatchOp =
  | { readonly type: "put"; readonly key: string; readonly value: Uint8Array }
  | { readonly type: "del"; readonly key: string };

export async function applyCommit(
  store: LevelStore,
  keys: Keyspace,
  commit: NormalizedCommit,
): Promise<CommitResult> {
  const { db, clock, scheduler } = store;
  const current = (key: string): Uint8Array | undefined => {
    const stored = keys.stored(key);
    const sealed = db.getSync(stored);
    return sealed === undefined ? undefined : verifyWith(keys.checksum(key), stored, key, sealed);
  };
  const failed: string[] = [];
  for (const check of commit.checks) {
    const sealed = current(check.key);
    const holds =
      check.kind === "version"
        ? check.version === (sealed === undefined ? null : formatVersion(commitOf(sealed)))
        : check.value === undefined
          ? sealed === undefined
          : sealed !== undefined && bytesEqual(sealedValue(sealed), check.value);
    if (!holds) failed.push(check.key);
  }
  if (failed.length > 0) return { ok: false, failed };
  // Sums read their counters before the number is taken: a bad counter refuses the commit.
  const sums = new Map<string, Uint8Array>();
  for (const mutation of commit.mutations) {
    if (mutation.type !== "sum") continue;
    const sealed = current(mutation.key);
    const base = sealed === undefined ? 0n : decodeCounter(sealedValue(sealed), mutation.key);
    sums.set(mutation.key, encodeCounter(addCounter(base, mutation.delta, mutation.key)));
  }
  const number = await clock.take();
  if (commit.mutations.length === 0) return { ok: true, version: formatVersion(number) };
  const batch: BatchOp[] = commit.mutations.map((mutation) => {
    const key = keys.stored(mutation.key);
    if (mutation.type === "del") return { type: "del", key };
    const value = mutation.type === "put" ? mutation.value : sums.get(mutation.key)!;
    return { type: "put", key, value: sealWith(keys.checksum(mutation.key), number, value) };
  });
  await db.batch(batch, scheduler.writeOptions);
  return { ok: true, version: formatVersion(number) };
}

/**
 * `putAbsent` on LevelDB, inside its turn of the write gate for every key it names: the keys
 * stored now (`getSync`) are left alone, the others go in one `db.batch` with one commit number.
 * Returns the keys written.
 */
export async function applyPutAbsent(
  store: LevelStore,
  keys: Keyspace,
  entries: readonly Entry[],
): Promise<string[]> {
  const { db, clock, scheduler } = store;
  const absent = entries.filter(([key]) => db.getSync(keys.stored(key)) === undefined);
  if (absent.length === 0) return [];
  const number = await clock.take();
  const batch: BatchOp[] = absent.map(([key, value]) => ({
    type: "put",
    key: keys.stored(key),
    value: sealWith(keys.checksum(key), number, value),
  }));
  await db.batch(batch, scheduler.writeOptions);
  return absent.map(([key]) => key);
}
