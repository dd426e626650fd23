/**
 * Hook history's keyspace. Index keys end in (startedAt, seq), so one cursor type serves
 * them all; the record itself is keyed by its chain position.
 *
 *   ("rec", seq)                          → the record (hash-chained)
 *   ("head",)                             → { seq, hash } the chain head
 *   ("anchor", seq)                       → { seq, hash } where the retained chain starts
 *   ("hook", hookId, startedAt, seq)      → { d: durationMs, e: isError }
 *   ("time", startedAt, seq)              → { h: hookId, d, e }
 *   ("outcome", outcome, startedAt, seq)  → ""
 */
import { decodeTuple, describe, encodeTuple, StorageError, type Tuple } from "@mnemo/core";
import type { Outcome } from "./types.js";

export const HEAD_KEY = encodeTuple(["head"]);
export const RECORD_PREFIX = encodeTuple(["rec"]);
export const ANCHOR_PREFIX = encodeTuple(["anchor"]);

export interface Position {
  readonly startedAt: number;
  readonly seq: number;
}

export const recordKey = (seq: number): string => encodeTuple(["rec", seq]);
export const anchorKey = (seq: number): string => encodeTuple(["anchor", seq]);

/** An index a query reads. */
export type Source =
  | { readonly kind: "hook"; readonly hookId: string }
  | { readonly kind: "time" }
  | { readonly kind: "outcome"; readonly outcome: Outcome };

export function sourcePrefix(source: Source): Tuple {
  switch (source.kind) {
    case "hook":
      return ["hook", source.hookId];
    case "time":
      return ["time"];
    case "outcome":
      return ["outcome", source.outcome];
  }
}

export function indexKey(source: Source, position: Position): string {
  return encodeTuple([...sourcePrefix(source), position.startedAt, position.seq]);
}

export function timeBoundKey(source: Source, startedAt: number): string {
  return encodeTuple([...sourcePrefix(source), startedAt]);
}

function corrupt(key: string, what: string): StorageError {
  return new StorageError("CORRUPTED", `hook history key ${describe(key)} has no ${what}`, {
    details: { key },
  });
}

export function positionOfKey(key: string): Position {
  const tuple = decodeTuple(key);
  const startedAt = tuple[tuple.length - 2];
  const seq = tuple[tuple.length - 1];
  if (typeof startedAt !== "number" || typeof seq !== "number") throw corrupt(key, "position");
  return { startedAt, seq };
}

export function seqOfRecordKey(key: string): number {
  const seq = decodeTuple(key)[1];
  if (typeof seq !== "number") throw corrupt(key, "sequence number");
  return seq;
}

/** The hook id of a ("hook", hookId, ...) index key. */
export function hookOfKey(key: string): string {
  const hookId = decodeTuple(key)[1];
  if (typeof hookId !== "string") throw corrupt(key, "hook id");
  return hookId;
}
