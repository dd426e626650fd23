/**
 * Paged listings over the graph's indexes: entities by type, relationships by type, and the
 * relationships leaving or reaching an entity. An index names every fact that ever had the
 * indexed value, so each page reads a bounded run of index entries and keeps the facts whose
 * version as of the read still has it.
 */
import {
  compareKeys,
  decodeCursor,
  decodeTuple,
  describe,
  encodeCursor,
  invalidArgument,
  type Page,
  page,
  requireId,
  requireLimit,
  requireOptions,
  type StorageBackend,
} from "@mnemo/core";
import type { AsOfTimes, FactStore } from "./fact-store.js";
import type { EntityData, RelationshipData } from "./inputs.js";
import {
  type Endpoint,
  endpointRange,
  type FactKind,
  lastElement,
  relationshipTypeRange,
  typeRange,
} from "./keys.js";
import type { StoredVersion } from "./versions.js";

export const DEFAULT_PAGE = 100;
export const MAX_PAGE = 1000;
/**
 * Index entries one page may read, as a multiple of its limit: a page of facts most of
 * which left the indexed value returns fewer items (and a `nextCursor`) instead of reading
 * on without bound.
 */
export const SCAN_FACTOR = 4;

interface IndexListing<D> {
  readonly kind: FactKind;
  /** The cursor's tag and filters: a cursor from another listing or filter is refused. */
  readonly tag: readonly (string | number)[];
  readonly range: { gte: string; lt?: string };
  readonly keep: (id: string, version: StoredVersion<D>, indexKey: string) => boolean;
}

/** One page of an index listing: `nextCursor` names the last index key read. */
export async function listIndex<D, T>(
  store: StorageBackend,
  facts: FactStore,
  listing: IndexListing<D>,
  options: { limit?: unknown; cursor?: unknown },
  times: AsOfTimes,
  view: (id: string, version: StoredVersion<D>) => T,
): Promise<Page<T>> {
  const limit = requireLimit(options.limit, DEFAULT_PAGE, MAX_PAGE);
  const after = options.cursor === undefined ? undefined : readCursor(options.cursor, listing);
  if (
    after !== undefined &&
    (compareKeys(after, listing.range.gte) < 0 ||
      (listing.range.lt !== undefined && compareKeys(after, listing.range.lt) >= 0))
  ) {
    throw cursorMismatch(options.cursor);
  }
  const lower = after === undefined ? { gte: listing.range.gte } : { gt: after };
  const budget = limit * SCAN_FACTOR;
  const keys: string[] = [];
  for await (const [k] of store.scan({
    ...lower,
    ...(listing.range.lt && { lt: listing.range.lt }),
    limit: budget,
  })) {
    keys.push(k);
  }
  const ids = keys.map(lastElement);
  const versions = await facts.asOfMany<D>(listing.kind, [...new Set(ids)], times);
  const items: T[] = [];
  let last: string | undefined;
  for (const [i, id] of ids.entries()) {
    const version = versions.get(id);
    last = keys[i];
    if (version !== undefined && listing.keep(id, version, keys[i]!)) {
      items.push(view(id, version));
      if (items.length === limit) break;
    }
  }
  const more =
    items.length === limit
      ? last !== keys.at(-1) || keys.length === budget
      : keys.length === budget;
  return page(items, more && last !== undefined ? encodeCursor([...listing.tag, last]) : undefined);
}

function cursorMismatch(cursor: unknown) {
  return invalidArgument("cursor", `${describe(cursor)} is not one this graph listing returned`);
}

function readCursor<D>(cursor: unknown, listing: IndexListing<D>): string {
  return decodeCursor(cursor, "graph listing", (parts) => {
    const tag = listing.tag;
    if (parts.length !== tag.length + 1) return undefined;
    for (let i = 0; i < tag.length; i++) if (parts[i] !== tag[i]) return undefined;
    const position = parts[tag.length];
    return typeof position === "string" ? position : undefined;
  });
}

export function entitiesOfType(type: string): IndexListing<EntityData> {
  return {
    kind: "entity",
    tag: ["entities", type],
    range: typeRange(type),
    keep: (_id, version) => version.data.type === type,
  };
}

export function relationshipsOfType(type: string): IndexListing<RelationshipData> {
  return {
    kind: "relationship",
    tag: ["relationships", type],
    range: relationshipTypeRange(type),
    keep: (_id, version) => version.data.type === type,
  };
}

/** Relationships leaving (`out`) or reaching (`in`) `entityId`, optionally of one type. */
export function neighbours(
  side: Endpoint,
  entityId: string,
  type: string | undefined,
): IndexListing<RelationshipData> {
  return {
    kind: "relationship",
    tag: [side, entityId, type ?? ""],
    range: endpointRange(side, entityId, type),
    keep: (_id, version, indexKey) => {
      // The index keeps endpoints and types of every version: check this one's, and the
      // entry's own type (a relationship that changed type has one entry per type).
      const { from, to, type: now } = version.data;
      return (side === "out" ? from : to) === entityId && decodeTuple(indexKey)[2] === now;
    },
  };
}

const isCount = (value: unknown): value is number =>
  typeof value === "number" && Number.isSafeInteger(value) && value >= 0;

/** One page of a fact's versions, oldest transaction first. */
export async function historyPage<D, T>(
  facts: FactStore,
  kind: FactKind,
  id: string,
  options: { limit?: unknown; cursor?: unknown } | undefined,
  view: (id: string, v: StoredVersion<D>) => T,
): Promise<Page<T>> {
  requireId(id, "id");
  const opts = requireOptions(options);
  const limit = requireLimit(opts.limit, DEFAULT_PAGE, MAX_PAGE);
  const tag = kind === "entity" ? "entityHistory" : "relationshipHistory";
  const after =
    opts.cursor === undefined
      ? undefined
      : decodeCursor(opts.cursor, "history", (parts) => {
          const [t, cursorId, seq, n] = parts;
          return parts.length === 4 && t === tag && cursorId === id && isCount(seq) && isCount(n)
            ? ([seq, n] as const)
            : undefined;
        });
  const { versions, more } = await facts.history<D>(kind, id, after, limit);
  const last = versions.at(-1);
  const next = more && last !== undefined ? encodeCursor([tag, id, last.seq, last.n]) : undefined;
  return page(
    versions.map((v) => view(id, v)),
    next,
  );
}
