/**
 * Hook execution audit trail over one backend handle: records in a blake3 hash chain,
 * indexes by hook, time and outcome, per-hook statistics, verification and retention.
 */
import { randomUUID } from "node:crypto";
import {
  compareKeys,
  encodeTuple,
  jsonRecordCodec,
  optional,
  requireBoolean,
  requireId,
  requireInteger,
  requireObject,
  requireOrderedRange,
  requireTimestamp,
  type StorageBackend,
  StorageError,
  systemClock,
  toJson,
  type WriteOp,
} from "@mnemo/core";
import {
  anchorCodec,
  type ChainPoint,
  GENESIS,
  hashRecord,
  headCodec,
  recordCodec,
} from "./chain.js";
import { decodeCursor, encodeCursor } from "./cursor.js";
import {
  ANCHOR_PREFIX,
  anchorKey,
  HEAD_KEY,
  indexKey,
  type Position,
  positionOfKey,
  RECORD_PREFIX,
  recordKey,
  type Source,
  seqOfRecordKey,
  sourcePrefix,
  timeBoundKey,
} from "./keys.js";
import { percentile } from "./percentile.js";
import type {
  Clock,
  HookExecution,
  HookHistoryOptions,
  HookPage,
  HookQuery,
  HookRecord,
  HookStats,
  Outcome,
  RetentionResult,
  StatsQuery,
  VerifyResult,
} from "./types.js";

interface HookIndexValue {
  readonly d: number;
  readonly e: boolean;
}
interface TimeIndexValue extends HookIndexValue {
  readonly h: string;
}
const hookIndexCodec = jsonRecordCodec<HookIndexValue>();
const timeIndexCodec = jsonRecordCodec<TimeIndexValue>();
const EMPTY = new Uint8Array(0);
const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 10_000;
/** Head compareAndSwap attempts before CONFLICT; only reached under extreme contention. */
const MAX_ATTEMPTS = 10_000;
/** Records retention removes per atomic write. */
const RETENTION_CHUNK = 256;
const INDEX_PAGE = 128;

type Content = Omit<HookRecord, "seq" | "prevHash" | "hash">;

export class HookHistory {
  readonly #backend: StorageBackend;
  readonly #clock: Clock;
  /** The newest record this instance knows to be written with its indexes. */
  #materialized = 0;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(backend: StorageBackend, options: HookHistoryOptions = {}) {
    this.#backend = backend;
    this.#clock = options.clock ?? systemClock;
  }

  /** Appends an execution to the chain; returns it with its seq, id and hashes. */
  record(execution: HookExecution): Promise<HookRecord> {
    let content: Content;
    try {
      content = checkExecution(execution, this.#clock.now());
    } catch (error) {
      return Promise.reject(error);
    }
    // One instance's appends go one at a time: racing itself for the head only adds retries.
    const appended = this.#queue.then(() => this.#append(content));
    this.#queue = appended.catch(() => undefined);
    return appended;
  }

  async #append(content: Content): Promise<HookRecord> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const headBytes = await this.#backend.get(HEAD_KEY);
      const head = headBytes === undefined ? undefined : headCodec.decode(headBytes, HEAD_KEY);
      // A writer that won the head but stopped before writing its record: finish its work
      // first, so the chain never has a hole behind the head.
      if (head !== undefined && head.seq > this.#materialized) {
        await this.#backend.write(recordOps(head.record));
        this.#materialized = head.seq;
      }
      // No head means no record was ever appended: the chain starts at genesis.
      const previous: ChainPoint = head ?? GENESIS;
      const unhashed = { ...content, seq: previous.seq + 1, prevHash: previous.hash };
      const record: HookRecord = { ...unhashed, hash: hashRecord(unhashed) };
      const next = headCodec.encode({ seq: record.seq, hash: record.hash, record });
      if (await this.#backend.compareAndSwap(HEAD_KEY, headBytes, next)) {
        await this.#backend.write(recordOps(record));
        this.#materialized = Math.max(this.#materialized, record.seq);
        return record;
      }
    }
    throw new StorageError("CONFLICT", "could not append to the hook chain: too much contention");
  }

  /** One page of records, by hook and/or outcome, in [from, to) on `startedAt`. */
  async query(query: HookQuery = {}): Promise<HookPage> {
    requireObject(query, "query");
    const hookId = optional(query.hookId, "hookId", requireId);
    const outcome = optional(query.outcome, "outcome", checkOutcome);
    const from = optional(query.from, "from", requireTimestamp);
    const to = optional(query.to, "to", requireTimestamp);
    requireOrderedRange(from, to);
    const reverse = optional(query.reverse, "reverse", requireBoolean) ?? false;
    const limit =
      optional(query.limit, "limit", (v, f) => requireInteger(v, f, 1, MAX_LIMIT)) ?? DEFAULT_LIMIT;
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);

    const source: Source =
      hookId !== undefined
        ? { kind: "hook", hookId }
        : outcome !== undefined
          ? { kind: "outcome", outcome }
          : { kind: "time" };
    // One record past the page tells whether there is a next page.
    const wanted = limit + 1;
    const found: HookRecord[] = [];
    let page: number[] = [];
    const resolve = async () => {
      const values = await this.#backend.getBatch(page.map(recordKey));
      for (const seq of page) {
        const key = recordKey(seq);
        const value = values.get(key);
        // Absent only when retention removed it between the index read and this one.
        if (value !== undefined && found.length < wanted)
          found.push(recordCodec.decode(value, key));
      }
      page = [];
    };
    for await (const [key, value] of this.#scan(source, from, to, after, reverse)) {
      // The hook index carries the outcome, so that filter needs no record read.
      if (source.kind === "hook" && outcome !== undefined) {
        if (hookIndexCodec.decode(value, key).e !== (outcome === "error")) continue;
      }
      page.push(positionOfKey(key).seq);
      if (page.length >= Math.min(INDEX_PAGE, wanted - found.length)) {
        await resolve();
        if (found.length >= wanted) break;
      }
    }
    if (page.length > 0) await resolve();
    const more = found.length > limit;
    const records = found.slice(0, limit);
    const last = records.at(-1);
    return more && last !== undefined ? { records, nextCursor: encodeCursor(last) } : { records };
  }

  /** Count, error rate and duration percentiles per hook over [from, to) on `startedAt`. */
  async stats(query: StatsQuery = {}): Promise<HookStats[]> {
    requireObject(query, "query");
    const hookId = optional(query.hookId, "hookId", requireId);
    const from = optional(query.from, "from", requireTimestamp);
    const to = optional(query.to, "to", requireTimestamp);
    requireOrderedRange(from, to);
    const byHook = new Map<string, { durations: number[]; errors: number }>();
    const add = (hook: string, value: HookIndexValue) => {
      let entry = byHook.get(hook);
      if (entry === undefined) {
        entry = { durations: [], errors: 0 };
        byHook.set(hook, entry);
      }
      entry.durations.push(value.d);
      if (value.e) entry.errors++;
    };
    if (hookId !== undefined) {
      for await (const [key, value] of this.#scan({ kind: "hook", hookId }, from, to)) {
        add(hookId, hookIndexCodec.decode(value, key));
      }
    } else {
      for await (const [key, value] of this.#scan({ kind: "time" }, from, to)) {
        const entry = timeIndexCodec.decode(value, key);
        add(entry.h, entry);
      }
    }
    return [...byHook.entries()]
      .sort(([a], [b]) => compareKeys(a, b))
      .map(([hook, { durations, errors }]) => {
        durations.sort((a, b) => a - b);
        return {
          hookId: hook,
          count: durations.length,
          errors,
          errorRate: errors / durations.length,
          p50Ms: percentile(durations, 50),
          p95Ms: percentile(durations, 95),
          p99Ms: percentile(durations, 99),
        };
      });
  }

  /**
   * Walks the chain from the retention anchor to the head and reports the first record that
   * was changed, removed or reordered.
   */
  async verify(): Promise<VerifyResult> {
    const anchor = await this.#anchor();
    const headBytes = await this.#backend.get(HEAD_KEY);
    const head = headBytes === undefined ? undefined : headCodec.decode(headBytes, HEAD_KEY);
    const headSeq = head?.seq ?? anchor.seq;
    let expected = anchor.seq + 1;
    let previous = anchor.hash;
    let checked = 0;
    let previousId: string | undefined;
    const bad = (
      firstBadSeq: number,
      reason: Extract<VerifyResult, { ok: false }>["reason"],
      message: string,
      id?: string,
    ): VerifyResult => ({
      ok: false,
      checked,
      firstBadSeq,
      reason,
      message,
      ...(id === undefined ? {} : { id }),
    });
    const check = (seq: number, record: HookRecord | undefined): VerifyResult | undefined => {
      if (record === undefined || typeof record !== "object" || record === null) {
        return bad(seq, "changed", `record ${seq} is not a hook record`);
      }
      if (record.seq !== seq) {
        return bad(seq, "reordered", `position ${seq} holds record ${record.seq}`, record.id);
      }
      if (hashRecord(record) !== record.hash) {
        return bad(seq, "changed", `record ${seq} does not match its hash`, record.id);
      }
      if (record.prevHash !== previous) {
        // Record `seq` committed to another hash of its predecessor: the predecessor was
        // rewritten with a fresh hash (or `seq` was replaced). Name the predecessor when it
        // is still stored, since a plain edit-and-rehash is the likelier attack.
        const blamed = seq - 1 > anchor.seq ? seq - 1 : seq;
        return bad(
          blamed,
          "unlinked",
          `record ${seq} does not link to record ${seq - 1}: one of them was rewritten`,
          blamed === seq ? record.id : previousId,
        );
      }
      previousId = record.id;
      previous = record.hash;
      expected = seq + 1;
      checked++;
      return undefined;
    };
    for await (const [key, value] of this.#backend.scan({
      prefix: RECORD_PREFIX,
      gt: recordKey(anchor.seq),
      lte: recordKey(headSeq),
    })) {
      const seq = seqOfRecordKey(key);
      if (seq !== expected) {
        return bad(expected, "removed", `record ${expected} is missing`);
      }
      let record: HookRecord | undefined;
      try {
        record = recordCodec.decode(value, key);
      } catch {
        record = undefined;
      }
      const failure = check(seq, record);
      if (failure !== undefined) return failure;
    }
    if (head !== undefined && expected === head.seq) {
      // The head record whose writer has not written it yet: the head carries it.
      const failure = check(head.seq, head.record);
      if (failure !== undefined) return failure;
    }
    if (expected <= headSeq) return bad(expected, "removed", `record ${expected} is missing`);
    if (head !== undefined && head.hash !== previous) {
      return bad(head.seq, "changed", `the head does not match record ${head.seq}`);
    }
    return { ok: true, checked, headSeq, headHash: previous };
  }

  /**
   * Removes the oldest records recorded before `before` (epoch ms on `recordedAt`), in chain
   * order, stopping at the first newer one and never removing the head record. The seq and
   * hash of the last removed record become the anchor `verify()` starts from. Records are
   * checked against their hashes before they go, so retention cannot launder a tampered one.
   */
  async deleteBefore(before: number): Promise<RetentionResult> {
    requireTimestamp(before, "before");
    let anchor = await this.#anchor();
    const headBytes = await this.#backend.get(HEAD_KEY);
    const headSeq = headBytes === undefined ? 0 : headCodec.decode(headBytes, HEAD_KEY).seq;
    let deletedRecords = 0;
    for (;;) {
      const ops: WriteOp[] = [];
      let last: ChainPoint = anchor;
      let reachedNewer = false;
      for await (const [key, value] of this.#backend.scan({
        prefix: RECORD_PREFIX,
        gt: recordKey(anchor.seq),
        lt: recordKey(headSeq),
        limit: RETENTION_CHUNK,
      })) {
        const record = recordCodec.decode(value, key);
        if (record.recordedAt >= before) {
          reachedNewer = true;
          break;
        }
        if (
          record.seq !== last.seq + 1 ||
          record.prevHash !== last.hash ||
          hashRecord(record) !== record.hash
        ) {
          throw new StorageError(
            "CORRUPTED",
            `hook record ${last.seq + 1} fails verification; retention stopped before it`,
            { details: { seq: last.seq + 1 } },
          );
        }
        for (const op of recordOps(record)) ops.push({ type: "del", key: op.key });
        last = { seq: record.seq, hash: record.hash };
      }
      if (last === anchor) break;
      ops.push({ type: "put", key: anchorKey(last.seq), value: anchorCodec.encode(last) });
      if (anchor.seq > 0) ops.push({ type: "del", key: anchorKey(anchor.seq) });
      await this.#backend.write(ops);
      deletedRecords += last.seq - anchor.seq;
      anchor = last;
      if (reachedNewer) break;
    }
    return { deletedRecords, anchorSeq: anchor.seq, anchorHash: anchor.hash };
  }

  /** The newest anchor: the greatest wins, so a late retention write cannot move it back. */
  async #anchor(): Promise<ChainPoint> {
    for await (const [key, value] of this.#backend.scan({
      prefix: ANCHOR_PREFIX,
      reverse: true,
      limit: 1,
    })) {
      return anchorCodec.decode(value, key);
    }
    return GENESIS;
  }

  #scan(
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
    return this.#backend.scan({
      prefix: encodeTuple(sourcePrefix(source)),
      ...(lower === undefined ? {} : lower.inclusive ? { gte: lower.key } : { gt: lower.key }),
      ...(upper === undefined ? {} : { lt: upper }),
      reverse,
    });
  }
}

function checkOutcome(value: unknown, field: string): Outcome {
  if (value !== "success" && value !== "error") {
    throw new StorageError(
      "INVALID_ARGUMENT",
      `${field} must be "success" or "error", got ${JSON.stringify(value) ?? String(value)}`,
      { details: { field } },
    );
  }
  return value;
}

/** JSON round trip, so what is hashed is exactly what a reader decodes. */
function jsonValue(value: unknown, field: string): unknown {
  return JSON.parse(toJson(value, field));
}

function checkExecution(input: unknown, now: number): Content {
  const execution = requireObject(input, "execution");
  const hookId = requireId(execution.hookId, "hookId");
  const hookType = requireId(execution.hookType, "hookType");
  if (execution.input === undefined) {
    throw new StorageError("INVALID_ARGUMENT", "input is required", {
      details: { field: "input" },
    });
  }
  const recordInput = jsonValue(execution.input, "input");
  const output = execution.output === undefined ? undefined : jsonValue(execution.output, "output");
  const error = execution.error;
  if (error !== undefined && (typeof error !== "string" || error.length === 0)) {
    throw new StorageError("INVALID_ARGUMENT", "error must be a non-empty string", {
      details: { field: "error" },
    });
  }
  const startedAt = requireTimestamp(execution.startedAt, "startedAt");
  const durationMs = execution.durationMs;
  if (typeof durationMs !== "number" || !Number.isFinite(durationMs) || durationMs < 0) {
    throw new StorageError(
      "INVALID_ARGUMENT",
      `durationMs must be a non-negative finite number, got ${String(durationMs)}`,
      { details: { field: "durationMs" } },
    );
  }
  const correlationId = optional(execution.correlationId, "correlationId", requireId);
  return {
    id: randomUUID(),
    hookId,
    hookType,
    input: recordInput,
    ...(output === undefined ? {} : { output }),
    ...(error === undefined ? {} : { error }),
    startedAt,
    durationMs,
    ...(correlationId === undefined ? {} : { correlationId }),
    recordedAt: now,
  };
}

/** The record and its index entries: written together, deleted together. */
function recordOps(record: HookRecord): WriteOp[] {
  const position = { startedAt: record.startedAt, seq: record.seq };
  const isError = record.error !== undefined;
  const outcome: Outcome = isError ? "error" : "success";
  return [
    { type: "put", key: recordKey(record.seq), value: recordCodec.encode(record) },
    {
      type: "put",
      key: indexKey({ kind: "hook", hookId: record.hookId }, position),
      value: hookIndexCodec.encode({ d: record.durationMs, e: isError }),
    },
    {
      type: "put",
      key: indexKey({ kind: "time" }, position),
      value: timeIndexCodec.encode({ h: record.hookId, d: record.durationMs, e: isError }),
    },
    { type: "put", key: indexKey({ kind: "outcome", outcome }, position), value: EMPTY },
  ];
}
