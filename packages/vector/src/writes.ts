/**
 * Upserts and deletes as checked commits. Every write reads the collection's state record
 * (label allocator and log head) and commits its item, label record, log entries and the
 * new state guarded by the state's version: writes of all processes are thereby ordered, a
 * label or a log sequence is never handed out twice, and a lost race runs again on fresh
 * reads (`transact`). Before planning, the writer brings its index up to the state it read,
 * so the id → label map it plans with is the store's.
 */
import { type StorageBackend, StorageError, type Transaction, transact } from "@mnemo/core";
import { encodeItem } from "./item-codec.js";
import { keys } from "./keys.js";
import type { LiveIndex, OwnChange } from "./live-index.js";
import {
  encodeLogEntry,
  type LabelRecord,
  labelCodec,
  type StateRecord,
  type StoredConfig,
  stateCodec,
} from "./records.js";
import type { Metadata, Metric } from "./types.js";
import {
  MAX_LABEL,
  MAX_METADATA_BYTES,
  metadataTooLarge,
  validateId,
  validateMetadata,
  validateVector,
} from "./validation.js";

/**
 * Items per commit: three mutations each (item, label record, log entry) plus the state,
 * inside a commit's 1,000 mutations.
 */
export const ITEMS_PER_COMMIT = 300;
/** Bytes of vectors and metadata per commit, well inside a commit's 64 MiB. */
const BYTES_PER_COMMIT = 12 * 1024 * 1024;

export interface PreparedItem {
  readonly id: string;
  readonly vector: Float32Array;
  readonly record: LabelRecord;
  /** The label record, encoded (its size was checked). */
  readonly recordBytes: Uint8Array;
}

/** Checks one item completely (the caller checks every item before writing any). */
export function prepareItem(
  config: StoredConfig,
  id: unknown,
  vector: unknown,
  metadata: unknown,
  field: (name: string) => string,
): PreparedItem {
  const checkedId = validateId(id, config.uid, field("id"));
  const checkedVector = validateVector(
    vector,
    config.dimension,
    config.metric as Metric,
    field("vector"),
  );
  const checkedMetadata: Metadata | null = validateMetadata(metadata, field("metadata"));
  // Plain JSON already (validateMetadata copied it), so stringify cannot throw here.
  const metadataBytes =
    checkedMetadata === null ? 0 : Buffer.byteLength(JSON.stringify(checkedMetadata));
  if (metadataBytes > MAX_METADATA_BYTES) throw metadataTooLarge(field("metadata"), metadataBytes);
  const record: LabelRecord = { id: checkedId, metadata: checkedMetadata };
  const recordBytes = labelCodec.encode(record);
  return { id: checkedId, vector: checkedVector, record, recordBytes };
}

/** Cuts prepared items into commits by count and bytes. */
export function commitBatches(items: readonly PreparedItem[]): PreparedItem[][] {
  const batches: PreparedItem[][] = [];
  let current: PreparedItem[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = item.vector.byteLength + item.recordBytes.byteLength + 256;
    if (
      current.length >= ITEMS_PER_COMMIT ||
      (current.length > 0 && bytes + size > BYTES_PER_COMMIT)
    ) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

export interface WriteContext {
  readonly store: StorageBackend;
  readonly config: StoredConfig;
  readonly live: LiveIndex;
  readonly maxAttempts: number;
  /** Brings `live` up to the log head (following the log, or reloading). */
  catchUp(): Promise<void>;
  /** The error for a collection whose state is gone: dropped, by this or another process. */
  dropped(): StorageError;
  /** Updated by every commit here. */
  known: KnownState | undefined;
}

/**
 * The state this process committed last, with the version that commit gave it: while the
 * index is at that state, the first attempt of the next write checks that version instead of
 * reading the state (one round trip per write for a process writing alone). If another
 * process wrote meanwhile the check fails and the retry reads.
 */
export interface KnownState {
  readonly record: StateRecord;
  readonly version: string;
}

async function readState(
  context: WriteContext,
  tx: Transaction,
  attempt: number,
): Promise<StateRecord> {
  const key = keys.state(context.config.uid);
  const known = context.known;
  if (attempt === 1 && known !== undefined && known.record.seq === context.live.seq) {
    tx.check(key, known.version);
    return known.record;
  }
  const bytes = await tx.get(key);
  if (bytes === undefined) throw context.dropped();
  const state = stateCodec.decode(bytes, key);
  if (state.seq > context.live.seq) await context.catchUp();
  return state;
}

export interface Committed {
  readonly changes: OwnChange[];
  readonly seq: number;
}

/** One commit of `batch`; an id already stored keeps its label (its node is updated). */
export async function commitUpserts(
  context: WriteContext,
  batch: readonly PreparedItem[],
): Promise<Committed> {
  const { uid } = context.config;
  let attempt = 0;
  const { result, version } = await transact(
    context.store,
    async (tx) => {
      const state = await readState(context, tx, ++attempt);
      let { nextLabel, seq } = state;
      const changes: OwnChange[] = [];
      for (const item of batch) {
        const label = context.live.ids.get(item.id) ?? nextLabel++;
        if (label > MAX_LABEL) {
          throw new StorageError(
            "FAILED_PRECONDITION",
            `collection ${context.config.name} has used all 2^32 labels`,
            { details: { collection: context.config.name } },
          );
        }
        seq++;
        tx.put(keys.item(uid, item.id), encodeItem(label, item.vector));
        tx.put(keys.label(uid, label), item.recordBytes);
        tx.put(keys.log(uid, seq), encodeLogEntry(label, item.id));
        changes.push({ type: "put", id: item.id, label, vector: item.vector, record: item.record });
      }
      const next = { nextLabel, seq };
      tx.put(keys.state(uid), stateCodec.encode(next));
      return { changes, seq, next };
    },
    { maxAttempts: context.maxAttempts },
  );
  context.known = { record: result.next, version };
  return result;
}

/** One commit deleting `id`; undefined when it is not stored. */
export async function commitDelete(
  context: WriteContext,
  id: string,
): Promise<Committed | undefined> {
  const { uid } = context.config;
  let attempt = 0;
  const { result, version } = await transact(
    context.store,
    async (tx) => {
      const state = await readState(context, tx, ++attempt);
      const label = context.live.ids.get(id);
      if (label === undefined) return undefined;
      const seq = state.seq + 1;
      tx.delete(keys.item(uid, id));
      tx.delete(keys.label(uid, label));
      tx.put(keys.log(uid, seq), encodeLogEntry(label, id));
      const next = { nextLabel: state.nextLabel, seq };
      tx.put(keys.state(uid), stateCodec.encode(next));
      const changes: OwnChange[] = [{ type: "del", label }];
      return { changes, seq, next };
    },
    { maxAttempts: context.maxAttempts },
  );
  if (result !== undefined) context.known = { record: result.next, version };
  return result;
}
