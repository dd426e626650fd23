/**
 * The hash chain. Each record's hash covers its canonical content and the previous record's
 * hash; the head key names the newest record, and a record joins the chain exactly when the
 * checked commit that moves the head (and writes the record with its index entries) succeeds.
 */
import { blake3Hex, canonicalJson, jsonRecordCodec, type StorageBackend } from "@mnemo/core";
import { ANCHOR_PREFIX } from "./keys.js";
import type { HookRecord } from "./types.js";

/** The hash the first record links to. */
export const GENESIS_HASH = "0".repeat(64);

export interface ChainPoint {
  readonly seq: number;
  readonly hash: string;
}

export interface Head extends ChainPoint {
  /**
   * Only in heads written by 0.1 (which moved the head before writing the record): that
   * record, which may not be written yet. Heads written now never carry it.
   */
  readonly record?: HookRecord;
}

export const recordCodec = jsonRecordCodec<HookRecord>();
export const headCodec = jsonRecordCodec<Head>();
export const anchorCodec = jsonRecordCodec<ChainPoint>();

export const GENESIS: ChainPoint = { seq: 0, hash: GENESIS_HASH };

/**
 * blake3 of everything in the record but its own hash. Core's `canonicalJson` checks the
 * value without recursion first (plain JSON, at most 64 levels), so a hostile stored record
 * nested 4,000 deep is an `INVALID_ARGUMENT` here, never a stack overflow.
 */
export function hashRecord(record: Omit<HookRecord, "hash"> & { hash?: string }): string {
  const { hash: _ignored, ...content } = record;
  return blake3Hex(canonicalJson(content, "record"));
}

/** The newest anchor: the greatest wins, so a late retention write cannot move it back. */
export async function readAnchor(
  store: StorageBackend,
): Promise<{ point: ChainPoint; version: string | null }> {
  for await (const [key, value, version] of store.scan({
    prefix: ANCHOR_PREFIX,
    reverse: true,
    limit: 1,
    versions: true,
  })) {
    return { point: anchorCodec.decode(value, key), version };
  }
  return { point: GENESIS, version: null };
}
