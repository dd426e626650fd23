/**
 * What earlier versions left in a store, which this one reads and clears but never writes:
 * 0.1's one-key postings (`("post", …)`) and deltas under `("stats", …)`. Whether a store
 * holds any is learnt by one one-key scan per instance and remembered in `ctx.legacy`.
 */
import { type Tuple, tupleRange } from "@mnemo/core";
import { LEGACY_DELTA_PREFIX, LEGACY_POSTING_PREFIX } from "./keyspace.js";
import type { Context, LegacyLeft } from "./options.js";

const PREFIXES: Readonly<Record<keyof LegacyLeft, Tuple>> = {
  postings: LEGACY_POSTING_PREFIX,
  deltas: LEGACY_DELTA_PREFIX,
};

/** Whether the store holds `which`; scanned the first time it is asked (or after a reset). */
export async function holdsLegacy(ctx: Context, which: keyof LegacyLeft): Promise<boolean> {
  let held = ctx.legacy[which];
  if (held === undefined) {
    held = false;
    for await (const _ of ctx.store.scan({ ...tupleRange(PREFIXES[which]), limit: 1 })) {
      held = true;
    }
    ctx.legacy[which] = held;
  }
  return held;
}
