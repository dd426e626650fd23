/** The sweeper: reads the expired part of the expiry index and removes what it names. */
import {
  decodeTuple,
  encodeTuple,
  prefixUpperBound,
  type ScanOptions,
  tupleRange,
} from "@mnemo/core";
import { type Context, isLive } from "./context.js";
import { EXPIRY_PREFIX, sessionCodec, sessionKey } from "./keyspace.js";
import { removeSession } from "./removal.js";

/** Expiry index entries the sweeper reads per round trip. */
const SWEEP_CHUNK = 256;

/** Removes the sessions expired at `at`; claims are timed by `clockNow`. */
export async function sweep(ctx: Context, at: number, clockNow: number): Promise<number> {
  const { store } = ctx;
  const lt = prefixUpperBound(encodeTuple([...EXPIRY_PREFIX, at]))!;
  let swept = 0;
  let after: string | undefined;
  for (;;) {
    const range: ScanOptions =
      after === undefined
        ? { ...tupleRange(EXPIRY_PREFIX), lt, limit: SWEEP_CHUNK }
        : { gt: after, lt, limit: SWEEP_CHUNK };
    const entries: { key: string; expiresAt: number; id: string }[] = [];
    for await (const [k] of store.scan(range)) {
      const [, expiresAt, id] = decodeTuple(k) as [string, number, string];
      entries.push({ key: k, expiresAt, id });
      after = k;
    }
    if (entries.length === 0) return swept;
    const records = await store.getEntries(entries.map((e) => sessionKey(e.id)));
    for (const entry of entries) {
      const sk = sessionKey(entry.id);
      const found = records.get(sk);
      const record = found === undefined ? undefined : sessionCodec.decode(found.value, sk);
      if (record === undefined || record.expiresAt !== entry.expiresAt) {
        // Stale entries are no longer written; one left by 0.1 points at nothing (or at a
        // record that moved on), and goes only if that is still so.
        await store.commit(
          [{ key: sk, version: found?.version ?? null }],
          [{ type: "del", key: entry.key }],
        );
      } else if (
        !isLive(record, at) &&
        (await removeSession(ctx, entry.id, found!, record, clockNow))
      ) {
        swept++;
      }
    }
    if (entries.length < SWEEP_CHUNK) return swept;
  }
}
