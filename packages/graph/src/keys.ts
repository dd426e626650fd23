/**
 * The graph's keyspace (see the README's table). Every key is a core tuple, so no id or type
 * can reach into another's keys.
 */
import { decodeTuple, describe, key, StorageError, type Tuple, tupleRange } from "@mnemo/core";

export type FactKind = "entity" | "relationship";

const KIND_TAG: Record<FactKind, string> = { entity: "e", relationship: "r" };

/** The record holding every version of one fact. */
export const factKey = (kind: FactKind, id: string) => key("f", KIND_TAG[kind], id);

/** Entity type index: every entity that has ever had this type in any version. */
export const typeKey = (type: string, entityId: string) => key("t", type, entityId);
export const typeRange = (type: string) => tupleRange(["t", type]);
export const typeCursor = (type: string, afterId: string) => key("t", type, afterId);

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

/** The id, the last element, of a type or endpoint index key. */
export function lastElement(encoded: string): string {
  const last = decodeTuple(encoded).at(-1);
  if (typeof last !== "string") {
    throw new StorageError("CORRUPTED", `index key ${describe(encoded)} does not end with an id`, {
      details: { key: encoded },
    });
  }
  return last;
}

/** Index entries hold no data; one byte keeps the "values carry a version" rule. */
export const INDEX_VALUE = Uint8Array.of(1);
