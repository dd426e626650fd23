/** The JSON records of the vector keyspace and their codecs (one format-version byte each). */
import { jsonRecordCodec, StorageError } from "@mnemo/core";
import type { Calibration, CollectionInfo, Metadata } from "./types.js";

export interface StoredConfig extends CollectionInfo {
  /** Random; every data key of the collection lives under it. */
  readonly uid: string;
}

/** ("c", uid, "label", label): which id a label is, and its metadata. */
export interface LabelRecord {
  readonly id: string;
  readonly metadata: Metadata | null;
}

/** ("c", uid, "state"): written by every write, under a check of its version. */
export interface StateRecord {
  /** The next label to hand out; labels are never reused. */
  readonly nextLabel: number;
  /** The last log sequence written: the log head. */
  readonly seq: number;
}

export interface SnapshotManifest {
  /** Random, so two writers of a snapshot can never mix their chunks. */
  readonly id: string;
  /** The snapshot holds every change up to and including this log sequence. */
  readonly seq: number;
  readonly chunks: number;
  readonly bytes: number;
  readonly blake3: string;
}

/** Who may write the next snapshot, until when (epoch ms of the writer's clock). */
export interface SnapshotLease {
  readonly owner: string;
  readonly expiresAt: number;
}

export const configCodec = jsonRecordCodec<StoredConfig>();
export const labelCodec = jsonRecordCodec<LabelRecord>();
export const stateCodec = jsonRecordCodec<StateRecord>();
export const manifestCodec = jsonRecordCodec<SnapshotManifest>();
export const leaseCodec = jsonRecordCodec<SnapshotLease>();
/** ("c", uid, "log", seq): the label a write changed and its id (0.1 stores wrote the label alone). */
export interface LogEntry {
  readonly label: number;
  readonly id?: string;
}

const logCodec = jsonRecordCodec<number | { readonly l: number; readonly i: string }>();

export function encodeLogEntry(label: number, id: string): Uint8Array {
  return logCodec.encode({ l: label, i: id });
}

export function decodeLogEntry(bytes: Uint8Array, key: string): LogEntry {
  const value = logCodec.decode(bytes, key);
  if (typeof value === "number") return { label: value };
  if (
    value !== null &&
    typeof value === "object" &&
    typeof value.l === "number" &&
    typeof value.i === "string"
  ) {
    return { label: value.l, id: value.i };
  }
  throw new StorageError("CORRUPTED", `log entry ${key} is neither a label nor { l, i }`);
}
export const calibrationCodec = jsonRecordCodec<Calibration>();

export const INITIAL_STATE: StateRecord = { nextLabel: 0, seq: 0 };
