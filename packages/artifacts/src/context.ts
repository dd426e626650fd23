/** What the store's modules share: the backend handle and the validated settings. */
import { type StorageBackend, StorageError } from "@mnemo/core";
import type { StoreSettings } from "./input.js";

export interface Context extends StoreSettings {
  readonly store: StorageBackend;
}

/** What `tupleRange` returns. */
export type TupleRange = { readonly gte: string; readonly lt?: string };

/** The part of `range` after `key`, as scan bounds. */
export function after(range: TupleRange, key: string): { gt: string; lt?: string } {
  return range.lt === undefined ? { gt: key } : { gt: key, lt: range.lt };
}

/** Keys deleted per write when removing many chunks, to keep each write bounded. */
export const DELETE_PAGE = 256;

export function contended(what: string, attempts: number): StorageError {
  return new StorageError("CONFLICT", `${what} still contended after ${attempts} attempts`, {
    details: { attempts },
  });
}

/** Deletes every chunk of `generation`, a page at a time; what it removed. */
export async function deleteChunks(
  ctx: Context,
  range: TupleRange,
): Promise<{ chunks: number; bytes: number }> {
  let chunks = 0;
  let bytes = 0;
  for (;;) {
    const keys: string[] = [];
    for await (const [k, v] of ctx.store.scan({ ...range, limit: DELETE_PAGE })) {
      keys.push(k);
      bytes += v.byteLength;
    }
    if (keys.length === 0) return { chunks, bytes };
    await ctx.store.deleteBatch(keys);
    chunks += keys.length;
  }
}
