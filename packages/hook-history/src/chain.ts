/**
 * The hash chain. Each record's hash covers its canonical content and the previous record's
 * hash; the head key names the newest record and carries it, so that a record joins the chain
 * exactly when a compareAndSwap on the head succeeds (see the README's concurrency notes).
 */
import { blake3Hex, jsonRecordCodec } from "@mnemo/core";
import { canonicalJson } from "./canonical-json.js";
import type { HookRecord } from "./types.js";

/** The hash the first record links to. */
export const GENESIS_HASH = "0".repeat(64);

export interface ChainPoint {
  readonly seq: number;
  readonly hash: string;
}

export interface Head extends ChainPoint {
  /** The head record, so whoever reads the head can write it if its writer did not. */
  readonly record: HookRecord;
}

export const recordCodec = jsonRecordCodec<HookRecord>();
export const headCodec = jsonRecordCodec<Head>();
export const anchorCodec = jsonRecordCodec<ChainPoint>();
export const GENESIS: ChainPoint = { seq: 0, hash: GENESIS_HASH };

/** blake3 of everything in the record but its own hash. */
export function hashRecord(record: Omit<HookRecord, "hash"> & { hash?: string }): string {
  const { hash: _ignored, ...content } = record;
  return blake3Hex(canonicalJson(content));
}
