/** The JSON records of the vector keyspace and their codecs (one format-version byte each). */
import { jsonRecordCodec } from "@mnemo/core";
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
export const logCodec = jsonRecordCodec<number>();
export const calibrationCodec = jsonRecordCodec<Calibration>();

export const INITIAL_STATE: StateRecord = { nextLabel: 0, seq: 0 };
