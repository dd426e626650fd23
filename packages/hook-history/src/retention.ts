/**
 * Retention: removes a prefix of the chain and moves the anchor `verify()` starts from, one
 * checked commit per chunk, guarded by the versions of the records it removes. Two retention
 * runs (in any processes) therefore never both remove, or both count, a record.
 */
import { type CommitCheck, type Mutation, type StorageBackend, StorageError } from "@mnemo/core";
import {
  anchorCodec,
  type ChainPoint,
  hashRecord,
  headCodec,
  readAnchor,
  recordCodec,
} from "./chain.js";
import { recordKeys } from "./execution.js";
import { anchorKey, HEAD_KEY, RECORD_PREFIX, recordKey } from "./keys.js";
import type { HookRecord, RetentionResult } from "./types.js";

/**
 * Records removed per commit: each is checked (a commit holds at most 100 checks, one is the
 * anchor's) and has four keys to delete.
 */
export const RETENTION_CHUNK = 99;

function intact(record: HookRecord | undefined, after: ChainPoint): boolean {
  if (record === undefined || record === null || typeof record !== "object") return false;
  if (record.seq !== after.seq + 1 || record.prevHash !== after.hash) return false;
  try {
    return hashRecord(record) === record.hash;
  } catch {
    return false;
  }
}

export async function deleteRecordsBefore(
  store: StorageBackend,
  before: number,
  maxAttempts: number,
): Promise<RetentionResult> {
  const headBytes = await store.get(HEAD_KEY);
  // Never the head record: the next append links to it.
  const headSeq = headBytes === undefined ? 0 : headCodec.decode(headBytes, HEAD_KEY).seq;
  let anchor = await readAnchor(store);
  let deletedRecords = 0;
  let lost = 0;
  for (;;) {
    const checks: CommitCheck[] = [];
    const mutations: Mutation[] = [];
    let last: ChainPoint = anchor.point;
    let scanned = 0;
    let reachedNewer = false;
    let tampered: number | undefined;
    for await (const [key, value, version] of store.scan({
      prefix: RECORD_PREFIX,
      gt: recordKey(anchor.point.seq),
      lt: recordKey(headSeq),
      limit: RETENTION_CHUNK,
      versions: true,
    })) {
      scanned++;
      let record: HookRecord | undefined;
      try {
        record = recordCodec.decode(value, key);
      } catch {
        record = undefined;
      }
      if (record !== undefined && typeof record.recordedAt === "number") {
        if (record.recordedAt >= before) {
          reachedNewer = true;
          break;
        }
      }
      if (!intact(record, last)) {
        tampered = last.seq + 1;
        break;
      }
      checks.push({ key, version });
      for (const k of recordKeys(record!)) mutations.push({ type: "del", key: k });
      last = { seq: record!.seq, hash: record!.hash };
    }
    if (last !== anchor.point) {
      mutations.push({ type: "put", key: anchorKey(last.seq), value: anchorCodec.encode(last) });
      if (anchor.version !== null) {
        checks.push({ key: anchorKey(anchor.point.seq), version: anchor.version });
        mutations.push({ type: "del", key: anchorKey(anchor.point.seq) });
      }
      const result = await store.commit(checks, mutations);
      if (!result.ok) {
        // Another retention run removed some of these records first: start from its anchor.
        if (++lost >= maxAttempts) throw contended(maxAttempts);
        anchor = await readAnchor(store);
        continue;
      }
      deletedRecords += last.seq - anchor.point.seq;
      anchor = { point: last, version: result.version };
    }
    if (tampered !== undefined) {
      const now = await readAnchor(store);
      // A concurrent run moved the anchor past what this one read: not tampering, a race.
      if (now.point.seq !== anchor.point.seq) {
        anchor = now;
        continue;
      }
      throw new StorageError(
        "CORRUPTED",
        `hook record ${tampered} fails verification; retention stopped before it`,
        { details: { seq: tampered } },
      );
    }
    if (reachedNewer || scanned < RETENTION_CHUNK) break;
  }
  return { deletedRecords, anchorSeq: anchor.point.seq, anchorHash: anchor.point.hash };
}

function contended(attempts: number): StorageError {
  return new StorageError(
    "CONFLICT",
    `hook history retention still contended after ${attempts} attempts`,
    { details: { attempts } },
  );
}
