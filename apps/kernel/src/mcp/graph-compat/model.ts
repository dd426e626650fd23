/**
 * The reference memory server's shapes (entities, relations, graphs) and how they map onto
 * the bi-temporal graph's ids: derived ids, reserved names, `as_of`, paging through a listing.
 */
import { blake3Hex, invalidArgument, requireId } from "@mnemo/core";
import type { AsOf } from "@mnemo/graph";

export interface KgEntity {
  readonly name: string;
  readonly entityType: string;
  readonly observations: readonly string[];
}

export interface KgRelation {
  readonly from: string;
  readonly to: string;
  readonly relationType: string;
}

export interface KgGraph {
  readonly entities: readonly KgEntity[];
  readonly relations: readonly KgRelation[];
  /** True when the graph is larger than one read returns (`MAX_GRAPH_FACTS`). */
  readonly truncated: boolean;
}

export const RESERVED_PREFIX = "mcp:";
export const OBSERVATION_TYPE = "mcp:observation";
export const ENTITY_TYPE_REGISTRY = "mcp:entity-type";
export const RELATION_TYPE_REGISTRY = "mcp:relation-type";
/** Facts one `read_graph` / `search_nodes` returns at most (entities + relations + observations). */
export const MAX_GRAPH_FACTS = 20_000;
/** Facts a `delete_entities` call may end in all, checked before it ends any. */
export const MAX_FACTS_ENDED = 5_000;
export const PAGE = 1000;

const digest = (parts: readonly string[]) => blake3Hex(JSON.stringify(parts)).slice(0, 48);
export const relationId = (r: KgRelation) =>
  `${RESERVED_PREFIX}rel:${digest([r.from, r.relationType, r.to])}`;
export const observationId = (entity: string, content: string) =>
  `${RESERVED_PREFIX}obs:${digest([entity, content])}`;
export const typeId = (kind: "e" | "r", type: string) =>
  `${RESERVED_PREFIX}${kind}type:${digest([type])}`;

/** A name or type a client may use: an id (`requireId`) outside the reserved prefix. */
export function requireName(value: string, field: string): string {
  requireId(value, field);
  if (value.startsWith(RESERVED_PREFIX)) {
    throw invalidArgument(field, `names starting with "${RESERVED_PREFIX}" are reserved`);
  }
  return value;
}

/** `as_of`: epoch milliseconds or an ISO 8601 date-time; both axes of the read. */
export function asOfTime(value: number | string | undefined): AsOf {
  if (value === undefined) return {};
  const time = typeof value === "number" ? value : Date.parse(value);
  if (!Number.isSafeInteger(time)) {
    throw invalidArgument("as_of", "must be epoch milliseconds or an ISO 8601 date-time");
  }
  return { validAt: time, knownAt: time };
}

/**
 * The items of a paged listing, at most `max` (the fan-out cap: one call never reads more
 * than `MAX_GRAPH_FACTS` entries of any one listing, however large the graph grows).
 */
export async function* pages<T>(
  read: (cursor: string | undefined) => Promise<{ items: readonly T[]; nextCursor?: string }>,
  max = MAX_GRAPH_FACTS,
): AsyncGenerator<T> {
  let cursor: string | undefined;
  let left = max;
  do {
    const page = await read(cursor);
    for (const item of page.items) {
      if (left-- <= 0) return;
      yield item;
    }
    cursor = page.nextCursor;
  } while (cursor !== undefined);
}

export const cursorOf = (cursor: string | undefined) => (cursor === undefined ? {} : { cursor });
