/** Reads: pages of records through one of the indexes, and per-hook statistics. */
import {
  compareKeys,
  encodeTuple,
  optional,
  page,
  prefixUpperBound,
  requireBoolean,
  requireId,
  requireLimit,
  requireOptions,
  requireOrderedRange,
  requireTimestamp,
  type StorageBackend,
} from "@mnemo/core";
import { recordCodec } from "./chain.js";
import {
  decodeRecordsCursor,
  decodeStatsCursor,
  encodeRecordsCursor,
  encodeStatsCursor,
} from "./cursor.js";
import { checkOutcome, type HookIndexValue, hookIndexCodec } from "./execution.js";
import {
  hookOfKey,
  indexKey,
  type Position,
  positionOfKey,
  recordKey,
  type Source,
  sourcePrefix,
  timeBoundKey,
} from "./keys.js";
import { percentile } from "./percentile.js";
import type {
  HookPage,
  HookQuery,
  HookRecord,
  HookStats,
  HookStatsPage,
  StatsQuery,
} from "./types.js";

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;
/**
 * Index entries one query page examines at most. A filter that matches rarely (a hook's
 * errors) would otherwise read the whole index for one page; past this the page ends early
 * with a `nextCursor` at the last entry examined.
 */
export const MAX_SCANNED_PER_PAGE = 10_000;
/** Hooks one stats page covers by default / at most: each costs one index scan. */
export const DEFAULT_STATS_LIMIT = 20;
export const MAX_STATS_LIMIT = 100;
/** Records resolved per getBatch. */
const INDEX_PAGE = 128;

function scanIndex(
  store: StorageBackend,
  source: Source,
  from: number | undefined,
  to: number | undefined,
  after?: Position,
  reverse = false,
): AsyncIterable<readonly [string, Uint8Array]> {
  let lower: { key: string; inclusive: boolean } | undefined =
    from === undefined ? undefined : { key: timeBoundKey(source, from), inclusive: true };
  let upper = to === undefined ? undefined : timeBoundKey(source, to);
  if (after !== undefined) {
    const cursorKey = indexKey(source, after);
    if (!reverse) {
      if (lower === undefined || compareKeys(cursorKey, lower.key) >= 0) {
        lower = { key: cursorKey, inclusive: false };
      }
    } else if (upper === undefined || compareKeys(cursorKey, upper) < 0) {
      upper = cursorKey;
    }
  }
  return store.scan({
    prefix: encodeTuple(sourcePrefix(source)),
    ...(lower === undefined ? {} : lower.inclusive ? { gte: lower.key } : { gt: lower.key }),
    ...(upper === undefined ? {} : { lt: upper }),
    reverse,
  });
}

export async function queryRecords(
  store: StorageBackend,
  input: HookQuery | undefined,
): Promise<HookPage> {
  const query = requireOptions(input, "query");
  const hookId = optional(query.hookId, "hookId", requireId);
  const outcome = optional(query.outcome, "outcome", checkOutcome);
  const from = optional(query.from, "from", requireTimestamp);
  const to = optional(query.to, "to", requireTimestamp);
  requireOrderedRange(from, to);
  const reverse = optional(query.reverse, "reverse", requireBoolean) ?? false;
  const limit = requireLimit(query.limit, DEFAULT_LIMIT, MAX_LIMIT);
  const after = query.cursor === undefined ? undefined : decodeRecordsCursor(query.cursor);
  const source: Source =
    hookId !== undefined
      ? { kind: "hook", hookId }
      : outcome !== undefined
        ? { kind: "outcome", outcome }
        : { kind: "time" };
  const items: HookRecord[] = [];
  let pending: Position[] = [];
  let examined = 0;
  let last: Position | undefined;
  let more = false;
  const resolve = async () => {
    const values = await store.getBatch(pending.map((p) => recordKey(p.seq)));
    for (const position of pending) {
      const key = recordKey(position.seq);
      const value = values.get(key);
      // Absent only when retention removed it (and its index entries, in one commit)
      // between the index read and this one: it is gone, not corrupt.
      if (value !== undefined) items.push(recordCodec.decode(value, key));
    }
    pending = [];
  };
  for await (const [key, value] of scanIndex(store, source, from, to, after, reverse)) {
    if (items.length + pending.length >= limit || examined >= MAX_SCANNED_PER_PAGE) {
      more = true;
      break;
    }
    examined++;
    const position = positionOfKey(key);
    last = position;
    // The hook index carries the outcome, so that filter needs no record read.
    if (source.kind === "hook" && outcome !== undefined) {
      if (hookIndexCodec.decode(value, key).e !== (outcome === "error")) continue;
    }
    pending.push(position);
    if (pending.length >= INDEX_PAGE) await resolve();
  }
  if (pending.length > 0) await resolve();
  return page(items, more && last !== undefined ? encodeRecordsCursor(last) : undefined);
}

/** The hook ids that have index entries, in key order, after `after`. */
async function* hookIds(store: StorageBackend, after: string | undefined): AsyncGenerator<string> {
  const prefix = encodeTuple(["hook"]);
  let gte = after === undefined ? prefix : prefixUpperBound(encodeTuple(["hook", after]));
  while (gte !== undefined) {
    let next: string | undefined;
    for await (const [key] of store.scan({ prefix, gte, limit: 1 })) {
      next = hookOfKey(key);
    }
    if (next === undefined) return;
    yield next;
    gte = prefixUpperBound(encodeTuple(["hook", next]));
  }
}

async function statsOf(
  store: StorageBackend,
  hookId: string,
  from: number | undefined,
  to: number | undefined,
): Promise<HookStats | undefined> {
  const durations: number[] = [];
  let errors = 0;
  for await (const [key, value] of scanIndex(store, { kind: "hook", hookId }, from, to)) {
    const entry: HookIndexValue = hookIndexCodec.decode(value, key);
    durations.push(entry.d);
    if (entry.e) errors++;
  }
  if (durations.length === 0) return undefined;
  durations.sort((a, b) => a - b);
  return {
    hookId,
    count: durations.length,
    errors,
    errorRate: errors / durations.length,
    p50Ms: percentile(durations, 50),
    p95Ms: percentile(durations, 95),
    p99Ms: percentile(durations, 99),
  };
}

/**
 * Statistics of the hooks with executions in the window, by hook id, a page of hooks at a
 * time: each hook's index is read over the window only.
 */
export async function statsPage(
  store: StorageBackend,
  input: StatsQuery | undefined,
): Promise<HookStatsPage> {
  const query = requireOptions(input, "query");
  const hookId = optional(query.hookId, "hookId", requireId);
  const from = optional(query.from, "from", requireTimestamp);
  const to = optional(query.to, "to", requireTimestamp);
  requireOrderedRange(from, to);
  const limit = requireLimit(query.limit, DEFAULT_STATS_LIMIT, MAX_STATS_LIMIT);
  const after = query.cursor === undefined ? undefined : decodeStatsCursor(query.cursor);
  if (hookId !== undefined) {
    const stats = await statsOf(store, hookId, from, to);
    return page(stats === undefined ? [] : [stats], undefined);
  }
  const items: HookStats[] = [];
  let visited = 0;
  let last: string | undefined;
  for await (const hook of hookIds(store, after)) {
    if (visited === limit) return page(items, encodeStatsCursor(last!));
    visited++;
    last = hook;
    const stats = await statsOf(store, hook, from, to);
    if (stats !== undefined) items.push(stats);
  }
  return page(items, undefined);
}
