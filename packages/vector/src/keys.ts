/**
 * The vector keyspace (every key built with the core tuple encoder). A collection's data
 * lives under its random uid, not its name, so dropping a collection is one commit that
 * deletes its config and state, and a re-created collection of the same name never sees old
 * data.
 */
import { key, MAX_KEY_BYTES, tupleBetween, tupleRange, utf8Length } from "@mnemo/core";

export const keys = {
  /** ("collection", name) → config (JSON). */
  config: (name: string) => key("collection", name),
  configRange: () => tupleRange(["collection"]),
  /** ("c", uid) → everything of one collection. */
  all: (uid: string) => tupleRange(["c", uid]),
  /**
   * ("c", uid, "state") → { nextLabel, seq }: the label allocator and the log head. Every
   * write checks its version, so writes of all processes are ordered by it.
   */
  state: (uid: string) => key("c", uid, "state"),
  /** ("c", uid, "item", id) → label + Float32 vector. */
  item: (uid: string, id: string) => key("c", uid, "item", id),
  items: (uid: string) => tupleRange(["c", uid, "item"]),
  /** ("c", uid, "label", label) → { id, metadata } (JSON); loaded into memory at open. */
  label: (uid: string, label: number) => key("c", uid, "label", label),
  labels: (uid: string) => tupleRange(["c", uid, "label"]),
  /** ("c", uid, "log", seq) → the label changed by write `seq`. */
  log: (uid: string, seq: number) => key("c", uid, "log", seq),
  logBetween: (uid: string, fromSeq: number | undefined, toSeq: number | undefined) =>
    tupleBetween(["c", uid, "log"], fromSeq, toSeq),
  /** ("c", uid, "snapshot") → the current snapshot's manifest (JSON). */
  snapshot: (uid: string) => key("c", uid, "snapshot"),
  /** ("c", uid, "snapshot-lease") → { owner, expiresAt }: who may write the next snapshot. */
  lease: (uid: string) => key("c", uid, "snapshot-lease"),
  /** ("c", uid, "chunk", snapshotId, n) → bytes of the serialised HNSW index. */
  chunk: (uid: string, snapshotId: string, n: number) => key("c", uid, "chunk", snapshotId, n),
  chunks: (uid: string) => tupleRange(["c", uid, "chunk"]),
  /** ("c", uid, "calibration") → the measured ef/recall table (JSON). */
  calibration: (uid: string) => key("c", uid, "calibration"),
};

/** Whether every key an id makes fits the backend's key limit (checked before any write). */
export function itemKeyFits(uid: string, id: string): boolean {
  return utf8Length(keys.item(uid, id), MAX_KEY_BYTES) <= MAX_KEY_BYTES;
}
