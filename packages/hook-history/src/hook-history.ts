/**
 * Hook execution audit trail over one backend handle: records in a blake3 hash chain,
 * indexes by hook, time and outcome, per-hook statistics, verification and retention.
 */
import {
  type Clock,
  clockNow,
  requireClock,
  requireOptions,
  requirePositiveInteger,
  requireTimestamp,
  type StorageBackend,
  transact,
} from "@mnemo/core";
import { GENESIS, hashRecord, headCodec } from "./chain.js";
import { type Content, checkExecution, recordMutations } from "./execution.js";
import { HEAD_KEY, recordKey } from "./keys.js";
import { queryRecords, statsPage } from "./query.js";
import { deleteRecordsBefore } from "./retention.js";
import type {
  HookExecution,
  HookHistoryOptions,
  HookPage,
  HookQuery,
  HookRecord,
  HookStatsPage,
  RetentionResult,
  StatsQuery,
  VerifyResult,
} from "./types.js";
import { verifyChain } from "./verify.js";

const DEFAULT_MAX_ATTEMPTS = 1000;

export class HookHistory {
  readonly #store: StorageBackend;
  readonly #clock: Clock;
  readonly #maxAttempts: number;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(store: StorageBackend, options?: HookHistoryOptions) {
    const opts = requireOptions(options);
    this.#store = store;
    this.#clock = requireClock(opts.clock);
    this.#maxAttempts = requirePositiveInteger(
      opts.maxAttempts,
      "maxAttempts",
      DEFAULT_MAX_ATTEMPTS,
    );
  }

  /** Appends an execution to the chain; returns it with its seq, id and hashes. */
  record(execution: HookExecution): Promise<HookRecord> {
    let content: Content;
    try {
      content = checkExecution(execution, clockNow(this.#clock));
    } catch (error) {
      return Promise.reject(error);
    }
    // One instance's appends go one at a time: racing itself for the head only adds retries.
    const appended = this.#queue.then(() => this.#append(content));
    this.#queue = appended.catch(() => undefined);
    return appended;
  }

  /**
   * One checked commit moves the head and writes the record with its index entries, guarded
   * by the head's version: a writer holding a stale head can write nothing, so it can never
   * bring back a record that retention removed.
   */
  async #append(content: Content): Promise<HookRecord> {
    const { result } = await transact(
      this.#store,
      async (tx) => {
        const entry = await tx.getEntry(HEAD_KEY);
        const head = entry === undefined ? undefined : headCodec.decode(entry.value, HEAD_KEY);
        if (head?.record !== undefined && (await tx.getEntry(recordKey(head.seq))) === undefined) {
          // A 0.1 head whose writer stopped before writing its record: write it first (the
          // commit also checks it is still absent), so the chain has no hole behind the head.
          for (const m of recordMutations(head.record))
            if (m.type === "put") tx.put(m.key, m.value);
        }
        const previous = head ?? GENESIS;
        const unhashed = { ...content, seq: previous.seq + 1, prevHash: previous.hash };
        const record: HookRecord = { ...unhashed, hash: hashRecord(unhashed) };
        tx.put(HEAD_KEY, headCodec.encode({ seq: record.seq, hash: record.hash }));
        for (const m of recordMutations(record)) if (m.type === "put") tx.put(m.key, m.value);
        return record;
      },
      { maxAttempts: this.#maxAttempts },
    );
    return result;
  }

  /** One page of records, by hook and/or outcome, in [from, to) on `startedAt`. */
  query(query?: HookQuery): Promise<HookPage> {
    return queryRecords(this.#store, query);
  }

  /** Count, error rate and duration percentiles per hook over [from, to) on `startedAt`. */
  stats(query?: StatsQuery): Promise<HookStatsPage> {
    return statsPage(this.#store, query);
  }

  /**
   * Walks the chain from the retention anchor to the head and reports the first record that
   * was changed, removed or reordered.
   */
  verify(): Promise<VerifyResult> {
    return verifyChain(this.#store);
  }

  /**
   * Removes the oldest records recorded before `before` (epoch ms on `recordedAt`), in chain
   * order, stopping at the first newer one and never removing the head record. The seq and
   * hash of the last removed record become the anchor `verify()` starts from. Records are
   * checked against their hashes before they go, so retention cannot launder a tampered one.
   */
  async deleteBefore(before: number): Promise<RetentionResult> {
    requireTimestamp(before, "before");
    return deleteRecordsBefore(this.#store, before, this.#maxAttempts);
  }
}
