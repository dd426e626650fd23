/**
 * The graph's keyspace (see the README's table). Every key is a core tuple, so no id or type
 * can reach into another's keys.
 */
import {
  decodeTuple,
  describe,
  invalidArgument,
  key,
  MAX_KEY_BYTES,
  StorageError,
  type Tuple,
  tupleRange,
  utf8Length,
} from "@mnemo/core";

export type FactKind = "entity" | "relationship";

const KIND_TAG: Record<FactKind, string> = { entity: "e", relationship: "r" };

/** The fact's head: its transaction counter, last transaction time and latest current version. */
export const headKey = (kind: FactKind, id: string) => key("f", KIND_TAG[kind], id);

/** One version, by the transaction that wrote it and its place in that transaction. */
export const versionKey = (kind: FactKind, id: string, seq: number, n: number) =>
  key("h", KIND_TAG[kind], id, seq, n);
export const versionRange = (kind: FactKind, id: string) => tupleRange(["h", KIND_TAG[kind], id]);

/** A version the store currently believes (`txTo === null`), by its valid-time start. */
export const currentKey = (kind: FactKind, id: string, validFrom: number) =>
  key("c", KIND_TAG[kind], id, validFrom);
export const currentRange = (kind: FactKind, id: string) => tupleRange(["c", KIND_TAG[kind], id]);

/** Entity type index: every entity that has ever had this type in any version. */
export const typeKey = (type: string, entityId: string) => key("t", type, entityId);
export const typeRange = (type: string) => tupleRange(["t", type]);

/** Relationship type index: every relationship that has ever had this type. */
export const relationshipTypeKey = (type: string, relId: string) => key("y", type, relId);
export const relationshipTypeRange = (type: string) => tupleRange(["y", type]);

export type Endpoint = "out" | "in";
const ENDPOINT_TAG: Record<Endpoint, string> = { out: "o", in: "i" };

/** Relationship endpoint index: `out` under `from`, `in` under `to`. */
export const endpointKey = (side: Endpoint, entityId: string, type: string, relId: string) =>
  key(ENDPOINT_TAG[side], entityId, type, relId);

export function endpointRange(side: Endpoint, entityId: string, type?: string) {
  const prefix: Tuple =
    type === undefined ? [ENDPOINT_TAG[side], entityId] : [ENDPOINT_TAG[side], entityId, type];
  return tupleRange(prefix);
}

/** The element at `index` (negative: from the end) of an index key, which must be a string. */
export function elementAt(encoded: string, index: number): string {
  const element = decodeTuple(encoded).at(index);
  if (typeof element !== "string") {
    throw new StorageError(
      "CORRUPTED",
      `index key ${describe(encoded)} is not one the graph writes`,
      {
        details: { key: encoded },
      },
    );
  }
  return element;
}

/** The id, the last element, of a type or endpoint index key. */
export const lastElement = (encoded: string) => elementAt(encoded, -1);

/** Index entries hold no data; one byte keeps the "values carry a version" rule. */
export const INDEX_VALUE = Uint8Array.of(1);

/**
 * Refuses, as bad input, ids whose keys would be too long once encoded (an id of 256 bytes
 * of U+0001 encodes to 512), before anything is written.
 */
export function requireKeyLength(encoded: string, field: string): string {
  if (utf8Length(encoded, MAX_KEY_BYTES + 1) > MAX_KEY_BYTES) {
    throw invalidArgument(
      field,
      `makes a key longer than ${MAX_KEY_BYTES} bytes once encoded; use shorter ids and types`,
    );
  }
  return encoded;
}
