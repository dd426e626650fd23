/**
 * A bi-temporal knowledge graph over one backend handle. See the README for the model and
 * the keyspace; `versions.ts` holds the time bookkeeping, this class the storage around it.
 */
import { randomUUID } from "node:crypto";
import {
  describe,
  jsonRecordCodec,
  optional,
  requireFiniteNumber,
  requireId,
  requireInteger,
  requireJsonObject,
  requireNonEmptyString,
  requireObject,
  type StorageBackend,
  StorageError,
  systemClock,
  type WriteOp,
} from "@mnemo/core";
import {
  type Endpoint,
  endpointKey,
  endpointRange,
  type FactKind,
  factKey,
  INDEX_VALUE,
  lastElement,
  typeCursor,
  typeKey,
  typeRange,
} from "./keys.js";
import type {
  AsOf,
  Clock,
  Direction,
  EndOptions,
  EntityInput,
  EntityPage,
  EntityVersion,
  ImportInput,
  ImportResult,
  ListOptions,
  NeighbourOptions,
  Properties,
  RelationshipInput,
  RelationshipVersion,
  Traversal,
  TraversalNode,
  TraverseOptions,
  ValidInterval,
} from "./types.js";
import { checkDirection, checkInterval } from "./validate.js";
import {
  type FactRecord,
  nextTx,
  retract,
  type StoredVersion,
  type Tx,
  versionAsOf,
  writeInterval,
} from "./versions.js";

interface EntityData {
  readonly type: string;
  readonly name: string;
  readonly properties: Properties;
}

interface RelationshipData {
  readonly from: string;
  readonly to: string;
  readonly type: string;
  readonly properties: Properties;
}

export interface GraphOptions {
  /** Source of transaction time and of the default `validAt`/`knownAt`. Default `Date`. */
  readonly clock?: Clock;
  /** Tries of a transaction that lost a compare-and-swap race before `CONFLICT`. Default 20. */
  readonly maxAttempts?: number;
  /** Makes ids for inputs without one. Default `crypto.randomUUID`. */
  readonly generateId?: () => string;
}

const DEFAULT_LIST_LIMIT = 100;
const MAX_LIST_LIMIT = 10_000;
const DEFAULT_MAX_NODES = 1000;
const MAX_TRAVERSE_DEPTH = 64;
const MAX_IMPORT_FACTS = 50_000;
/** Concurrent index scans during a traversal step: enough to hide latency, not flood a pool. */
const SCAN_CONCURRENCY = 16;

const codec = jsonRecordCodec<FactRecord<unknown>>(1);

export class BitemporalGraph {
  readonly #backend: StorageBackend;
  readonly #clock: Clock;
  readonly #maxAttempts: number;
  readonly #generateId: () => string;

  constructor(backend: StorageBackend, options: GraphOptions = {}) {
    this.#backend = backend;
    this.#clock = options.clock ?? systemClock;
    this.#maxAttempts = requireInteger(options.maxAttempts ?? 20, "maxAttempts", 1, 1000);
    this.#generateId = options.generateId ?? randomUUID;
  }

  // ---- writes ------------------------------------------------------------------------------

  /**
   * Asserts an entity for a valid-time interval (default: from now, open-ended). What was
   * believed about that interval before is replaced, and stays readable at earlier `knownAt`.
   * Asserting an existing id from time T on supersedes its value from T.
   */
  async assertEntity(input: EntityInput, interval: ValidInterval = {}): Promise<EntityVersion> {
    requireObject(input, "entity");
    const id = input.id === undefined ? this.#generateId() : requireId(input.id, "id");
    const data = entityData(input);
    const { from, to } = this.#interval(interval);
    const record = await this.#transact<EntityData>("entity", id, (current, tx) =>
      writeInterval(current, id, from, to, data, tx),
    );
    return entityView(id, { ...lastTransaction(record), data, validFrom: from, validTo: to });
  }

  /** Asserts a relationship between two known entities; see `assertEntity`. */
  async assertRelationship(
    input: RelationshipInput,
    interval: ValidInterval = {},
  ): Promise<RelationshipVersion> {
    requireObject(input, "relationship");
    const id = input.id === undefined ? this.#generateId() : requireId(input.id, "id");
    const data = relationshipData(input);
    const { from, to } = this.#interval(interval);
    await this.#requireEntities([data.from, data.to]);
    const record = await this.#transact<RelationshipData>("relationship", id, (current, tx) =>
      writeInterval(current, id, from, to, data, tx),
    );
    return relationshipView(id, { ...lastTransaction(record), data, validFrom: from, validTo: to });
  }

  /**
   * Corrects what was believed about `[validFrom, validTo)` of a known entity: from now on
   * the store believes `fields` there. Reads with an earlier `knownAt` still see the old
   * belief. `NOT_FOUND` for an id never asserted.
   */
  async correctEntity(
    id: string,
    fields: Omit<EntityInput, "id">,
    interval: { readonly validFrom: number; readonly validTo?: number | null },
  ): Promise<EntityVersion> {
    requireId(id, "id");
    requireObject(fields, "fields");
    const data = entityData(fields);
    requireObject(interval, "interval");
    const { from, to } = checkInterval(interval.validFrom, interval.validTo);
    const record = await this.#transact<EntityData>("entity", id, (current, tx) =>
      writeInterval(existing("entity", id, current), id, from, to, data, tx),
    );
    return entityView(id, { ...lastTransaction(record), data, validFrom: from, validTo: to });
  }

  /** Corrects a known relationship; see `correctEntity`. */
  async correctRelationship(
    id: string,
    fields: Omit<RelationshipInput, "id">,
    interval: { readonly validFrom: number; readonly validTo?: number | null },
  ): Promise<RelationshipVersion> {
    requireId(id, "id");
    requireObject(fields, "fields");
    const data = relationshipData(fields);
    requireObject(interval, "interval");
    const { from, to } = checkInterval(interval.validFrom, interval.validTo);
    await this.#requireEntities([data.from, data.to]);
    const record = await this.#transact<RelationshipData>("relationship", id, (current, tx) =>
      writeInterval(existing("relationship", id, current), id, from, to, data, tx),
    );
    return relationshipView(id, { ...lastTransaction(record), data, validFrom: from, validTo: to });
  }

  /**
   * Ends an entity in valid time: it stops being true at `at` (default now), or, with
   * `until`, is not true over `[at, until)` only. Transaction history is kept. A no-op when
   * nothing is believed true there.
   */
  async endEntity(id: string, options: EndOptions = {}): Promise<void> {
    await this.#end("entity", id, options);
  }

  /** Ends a relationship in valid time; see `endEntity`. */
  async endRelationship(id: string, options: EndOptions = {}): Promise<void> {
    await this.#end("relationship", id, options);
  }

  /**
   * Retracts an entity in transaction time: from now on the store believes nothing about it,
   * at any valid time; reads with an earlier `knownAt` still see it. Its relationships are
   * left alone (traversals skip edges whose far end is not valid).
   */
  async deleteEntity(id: string): Promise<void> {
    await this.#delete("entity", id);
  }

  /** Retracts a relationship in transaction time; see `deleteEntity`. */
  async deleteRelationship(id: string): Promise<void> {
    await this.#delete("relationship", id);
  }

  /**
   * Bulk load of new facts, valid from `validFrom` (default now), in ONE atomic write: all
   * records and index entries, or nothing. Every id must be new (`CONFLICT` otherwise) and
   * every endpoint an entity of the batch or of the store. It skips the per-fact
   * compare-and-swap, so it is meant for loading, not for facts other writers touch at once.
   */
  async importFacts(
    input: ImportInput,
    options: { readonly validFrom?: number } = {},
  ): Promise<ImportResult> {
    requireObject(input, "input");
    const entities = (input.entities ?? []).map((e) => {
      requireObject(e, "entity");
      return {
        id: e.id === undefined ? this.#generateId() : requireId(e.id, "id"),
        data: entityData(e),
      };
    });
    const relationships = (input.relationships ?? []).map((r) => {
      requireObject(r, "relationship");
      return {
        id: r.id === undefined ? this.#generateId() : requireId(r.id, "id"),
        data: relationshipData(r),
      };
    });
    if (entities.length + relationships.length > MAX_IMPORT_FACTS) {
      throw new StorageError(
        "INVALID_ARGUMENT",
        `importFacts takes at most ${MAX_IMPORT_FACTS} facts per call`,
        { details: { field: "input" } },
      );
    }
    const validFrom = requireFiniteNumber(options.validFrom ?? this.#now(), "validFrom");
    const keys: string[] = [];
    for (const [kind, facts] of [
      ["entity", entities],
      ["relationship", relationships],
    ] as const) {
      const seen = new Set<string>();
      for (const { id } of facts) {
        if (seen.has(id)) {
          throw new StorageError("INVALID_ARGUMENT", `${kind} id ${describe(id)} appears twice`, {
            details: { field: "id", value: id },
          });
        }
        seen.add(id);
        keys.push(factKey(kind, id));
      }
    }
    const found = await this.#backend.getBatch(keys);
    if (found.size > 0) {
      const [taken] = found.keys();
      throw new StorageError("CONFLICT", `importFacts: fact ${describe(taken)} already exists`, {
        details: { key: taken },
      });
    }
    const batchEntities = new Set(entities.map((e) => e.id));
    await this.#requireEntities(
      relationships.flatMap((r) => [r.data.from, r.data.to]).filter((id) => !batchEntities.has(id)),
    );
    const tx: Tx = { time: this.#now(), seq: 1 };
    const ops: WriteOp[] = [];
    const put = (key: string, value: Uint8Array) => ops.push({ type: "put", key, value });
    for (const [kind, facts] of [
      ["entity", entities],
      ["relationship", relationships],
    ] as const) {
      for (const { id, data } of facts) {
        const record = writeInterval<unknown>(undefined, id, validFrom, null, data, tx)!;
        put(factKey(kind, id), codec.encode(record));
        for (const key of indexKeys(kind, id, data)) put(key, INDEX_VALUE);
      }
    }
    await this.#backend.write(ops);
    return { entities: entities.length, relationships: relationships.length };
  }

  // ---- reads -------------------------------------------------------------------------------

  /** The entity as of `{ validAt, knownAt }` (both default to now), or `undefined`. */
  async getEntity(id: string, asOf: AsOf = {}): Promise<EntityVersion | undefined> {
    requireId(id, "id");
    const { validAt, knownAt } = this.#asOf(asOf);
    const record = await this.#load<EntityData>("entity", id);
    const version = record && versionAsOf(record, validAt, knownAt);
    return version && entityView(id, version);
  }

  /** The relationship as of `{ validAt, knownAt }`, or `undefined`. */
  async getRelationship(id: string, asOf: AsOf = {}): Promise<RelationshipVersion | undefined> {
    requireId(id, "id");
    const { validAt, knownAt } = this.#asOf(asOf);
    const record = await this.#load<RelationshipData>("relationship", id);
    const version = record && versionAsOf(record, validAt, knownAt);
    return version && relationshipView(id, version);
  }

  /** Entities of `type` as of the read, in id order, a page at a time. */
  async listEntities(type: string, options: ListOptions = {}): Promise<EntityPage> {
    requireId(type, "type");
    requireObject(options, "options");
    const limit = requireInteger(options.limit ?? DEFAULT_LIST_LIMIT, "limit", 1, MAX_LIST_LIMIT);
    const cursor = options.cursor === undefined ? undefined : requireId(options.cursor, "cursor");
    const { validAt, knownAt } = this.#asOf(options);
    const { gte, lt } = typeRange(type);
    const entities: EntityVersion[] = [];
    let after = cursor === undefined ? undefined : typeCursor(type, cursor);
    for (;;) {
      // The index lists every entity that ever had this type: read a page, keep what fits.
      const page: string[] = [];
      const lower = after === undefined ? { gte } : { gt: after };
      for await (const [k] of this.#backend.scan({ ...lower, ...(lt && { lt }), limit })) {
        page.push(k);
      }
      const ids = page.map(lastElement);
      const records = await this.#loadMany<EntityData>("entity", ids);
      for (const id of ids) {
        const record = records.get(id);
        const version = record && versionAsOf(record, validAt, knownAt);
        if (version?.data.type !== type) continue;
        entities.push(entityView(id, version));
        if (entities.length === limit) return { entities, cursor: id };
      }
      if (page.length < limit) return { entities };
      after = page.at(-1);
    }
  }

  /** Relationships leaving `entityId` as of the read, optionally of one type. */
  async outgoing(entityId: string, options: NeighbourOptions = {}): Promise<RelationshipVersion[]> {
    return this.#neighbours("out", entityId, options);
  }

  /** Relationships arriving at `entityId` as of the read, optionally of one type. */
  async incoming(entityId: string, options: NeighbourOptions = {}): Promise<RelationshipVersion[]> {
    return this.#neighbours("in", entityId, options);
  }

  /**
   * Breadth-first walk from `startId` as of the read, up to `depth` hops and `maxNodes`
   * entities. An edge is followed when it and the entity at its far end are both valid.
   */
  async traverse(startId: string, options: TraverseOptions): Promise<Traversal> {
    requireId(startId, "startId");
    requireObject(options, "options");
    const depth = requireInteger(options.depth, "depth", 0, MAX_TRAVERSE_DEPTH);
    const maxNodes = requireInteger(
      options.maxNodes ?? DEFAULT_MAX_NODES,
      "maxNodes",
      1,
      1_000_000,
    );
    const direction: Direction = checkDirection(options.direction ?? "out");
    const types = checkTypes(options.relationshipTypes);
    const asOf = this.#asOf(options);
    const sides: Endpoint[] = direction === "both" ? ["out", "in"] : [direction];

    const start = await this.getEntity(startId, asOf);
    if (start === undefined) return { nodes: [], edges: [] };
    const nodes: TraversalNode[] = [{ entity: start, depth: 0 }];
    const visited = new Set([startId]);
    const edges = new Map<string, RelationshipVersion>();
    let frontier = [startId];
    for (let level = 1; level <= depth && frontier.length > 0; level++) {
      const walks = await this.#edgesFrom(frontier, sides, types, asOf);
      const fresh = [...new Set(walks.map((w) => w.far).filter((id) => !visited.has(id)))];
      const records = await this.#loadMany<EntityData>("entity", fresh);
      const next: string[] = [];
      for (const { edge, far } of walks) {
        if (edges.has(edge.id)) continue;
        if (!visited.has(far)) {
          const record = records.get(far);
          const version = record && versionAsOf(record, asOf.validAt, asOf.knownAt);
          if (version === undefined || nodes.length >= maxNodes) continue;
          visited.add(far);
          next.push(far);
          nodes.push({ entity: entityView(far, version), depth: level });
        }
        edges.set(edge.id, edge);
      }
      frontier = next;
    }
    return { nodes, edges: [...edges.values()] };
  }

  /** Every version of an entity with its four timestamps, oldest transaction first. */
  async entityHistory(id: string): Promise<EntityVersion[]> {
    requireId(id, "id");
    const record = await this.#load<EntityData>("entity", id);
    return sortHistory(record).map((v) => entityView(id, v));
  }

  /** Every version of a relationship, oldest transaction first. */
  async relationshipHistory(id: string): Promise<RelationshipVersion[]> {
    requireId(id, "id");
    const record = await this.#load<RelationshipData>("relationship", id);
    return sortHistory(record).map((v) => relationshipView(id, v));
  }

  // ---- internals ---------------------------------------------------------------------------

  #now(): number {
    return requireFiniteNumber(this.#clock.now(), "clock.now()");
  }

  #interval(interval: ValidInterval): { from: number; to: number | null } {
    requireObject(interval, "interval");
    return checkInterval(interval.validFrom ?? this.#now(), interval.validTo);
  }

  #asOf(asOf: AsOf): { validAt: number; knownAt: number } {
    requireObject(asOf, "asOf");
    const now = asOf.validAt === undefined || asOf.knownAt === undefined ? this.#now() : 0;
    return {
      validAt: requireFiniteNumber(asOf.validAt ?? now, "validAt"),
      knownAt: requireFiniteNumber(asOf.knownAt ?? now, "knownAt"),
    };
  }

  async #end(kind: FactKind, id: string, options: EndOptions): Promise<void> {
    requireId(id, "id");
    requireObject(options, "options");
    const at = requireFiniteNumber(options.at ?? this.#now(), "at");
    const { to } = checkInterval(at, options.until, ["at", "until"]);
    await this.#transact<unknown>(kind, id, (current, tx) =>
      writeInterval(existing(kind, id, current), id, at, to, null, tx),
    );
  }

  async #delete(kind: FactKind, id: string): Promise<void> {
    requireId(id, "id");
    await this.#transact<unknown>(kind, id, (current, tx) =>
      retract(existing(kind, id, current), tx),
    );
  }

  /**
   * Applies one transaction to one fact. The fact record is swapped with compareAndSwap
   * against the bytes it was computed from, so two writers can never both close the same
   * current version: the loser re-reads and recomputes (at most `maxAttempts` times, then
   * `CONFLICT`). Index entries are add-only and written just before the swap; an entry whose
   * fact lacks it is skipped by readers, which filter every index hit by the versions anyway.
   */
  async #transact<D>(
    kind: FactKind,
    id: string,
    change: (current: FactRecord<D> | undefined, tx: Tx) => FactRecord<D> | undefined,
  ): Promise<FactRecord<D> | undefined> {
    const key = factKey(kind, id);
    for (let attempt = 1; ; attempt++) {
      const before = await this.#backend.get(key);
      const current =
        before === undefined ? undefined : (codec.decode(before, key) as FactRecord<D>);
      const next = change(current, nextTx(current, this.#now()));
      if (next === undefined) return current;
      const encoded = codec.encode(next);
      const known = new Set(current?.versions.flatMap((v) => indexKeys(kind, id, v.data)));
      const fresh = new Set(
        next.versions.flatMap((v) => indexKeys(kind, id, v.data)).filter((k) => !known.has(k)),
      );
      if (fresh.size > 0) {
        await this.#backend.write(
          [...fresh].map((k) => ({ type: "put", key: k, value: INDEX_VALUE })),
        );
      }
      if (await this.#backend.compareAndSwap(key, before, encoded)) return next;
      if (attempt >= this.#maxAttempts) {
        throw new StorageError(
          "CONFLICT",
          `${kind} ${describe(id)} changed under ${attempt} attempts to update it; try again`,
          { details: { kind, id, attempts: attempt } },
        );
      }
      // Let the writer that won finish before re-reading.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 2 * attempt));
    }
  }

  async #load<D>(kind: FactKind, id: string): Promise<FactRecord<D> | undefined> {
    const key = factKey(kind, id);
    const bytes = await this.#backend.get(key);
    return bytes === undefined ? undefined : (codec.decode(bytes, key) as FactRecord<D>);
  }

  async #loadMany<D>(kind: FactKind, ids: readonly string[]): Promise<Map<string, FactRecord<D>>> {
    const out = new Map<string, FactRecord<D>>();
    if (ids.length === 0) return out;
    const keys = new Map(ids.map((id) => [factKey(kind, id), id]));
    const found = await this.#backend.getBatch(keys.keys());
    for (const [key, bytes] of found) {
      out.set(keys.get(key)!, codec.decode(bytes, key) as FactRecord<D>);
    }
    return out;
  }

  /** Relationship endpoints must name entities the graph has seen (at any time). */
  async #requireEntities(ids: readonly string[]): Promise<void> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return;
    const found = await this.#backend.getBatch(unique.map((id) => factKey("entity", id)));
    for (const id of unique) {
      if (!found.has(factKey("entity", id))) {
        throw new StorageError(
          "INVALID_ARGUMENT",
          `relationship endpoint ${describe(id)} is not a known entity`,
          { details: { field: "from/to", value: id } },
        );
      }
    }
  }

  async #neighbours(
    side: Endpoint,
    entityId: string,
    options: NeighbourOptions,
  ): Promise<RelationshipVersion[]> {
    requireId(entityId, "entityId");
    requireObject(options, "options");
    const type = options.type === undefined ? undefined : requireId(options.type, "type");
    const asOf = this.#asOf(options);
    const walks = await this.#edgesFrom(
      [entityId],
      [side],
      type === undefined ? undefined : [type],
      asOf,
    );
    return walks.map((w) => w.edge);
  }

  /**
   * The relationships valid as of the read that leave (`out`) or reach (`in`) the given
   * entities, found through the endpoint index: one range scan per entity, side and type.
   */
  async #edgesFrom(
    entityIds: readonly string[],
    sides: readonly Endpoint[],
    types: readonly string[] | undefined,
    asOf: { validAt: number; knownAt: number },
  ): Promise<{ edge: RelationshipVersion; near: string; far: string }[]> {
    const scans = entityIds.flatMap((near) =>
      sides.flatMap((side) =>
        (types ?? [undefined]).map((type) => ({
          near,
          side,
          range: endpointRange(side, near, type),
        })),
      ),
    );
    const hits = await mapLimit(scans, SCAN_CONCURRENCY, async (scan) => {
      const ids: string[] = [];
      for await (const [k] of this.#backend.scan(scan.range)) ids.push(lastElement(k));
      return ids.map((relId) => ({ relId, near: scan.near, side: scan.side }));
    });
    const flat = hits.flat();
    const records = await this.#loadMany<RelationshipData>("relationship", [
      ...new Set(flat.map((h) => h.relId)),
    ]);
    const typeSet = types && new Set(types);
    const out: { edge: RelationshipVersion; near: string; far: string }[] = [];
    const seen = new Set<string>();
    for (const { relId, near, side } of flat) {
      const record = records.get(relId);
      const version = record && versionAsOf(record, asOf.validAt, asOf.knownAt);
      if (version === undefined) continue;
      // The index keeps endpoints and types of every version: check this one's.
      const { from, to, type } = version.data;
      if ((side === "out" ? from : to) !== near) continue;
      if (typeSet !== undefined && !typeSet.has(type)) continue;
      const seenKey = `${side}\u0000${near}\u0000${relId}`;
      if (seen.has(seenKey)) continue;
      seen.add(seenKey);
      out.push({ edge: relationshipView(relId, version), near, far: side === "out" ? to : from });
    }
    return out;
  }
}

function entityData(input: Omit<EntityInput, "id">): EntityData {
  return {
    type: requireId(input.type, "type"),
    name: requireNonEmptyString(input.name, "name"),
    properties: optional(input.properties, "properties", requireJsonObject) ?? {},
  };
}

function relationshipData(input: Omit<RelationshipInput, "id">): RelationshipData {
  return {
    from: requireId(input.from, "from"),
    to: requireId(input.to, "to"),
    type: requireId(input.type, "type"),
    properties: optional(input.properties, "properties", requireJsonObject) ?? {},
  };
}

function checkTypes(types: unknown): string[] | undefined {
  if (types === undefined) return undefined;
  if (!Array.isArray(types)) {
    throw new StorageError("INVALID_ARGUMENT", "relationshipTypes must be an array of types", {
      details: { field: "relationshipTypes" },
    });
  }
  return [...new Set(types.map((t) => requireId(t, "relationshipTypes")))];
}

function indexKeys(kind: FactKind, id: string, data: unknown): string[] {
  if (kind === "entity") return [typeKey((data as EntityData).type, id)];
  const { from, to, type } = data as RelationshipData;
  return [endpointKey("out", from, type, id), endpointKey("in", to, type, id)];
}

function existing<D>(kind: FactKind, id: string, record: FactRecord<D> | undefined): FactRecord<D> {
  if (record === undefined) {
    throw new StorageError("NOT_FOUND", `${kind} ${describe(id)} was never asserted`, {
      details: { kind, id },
    });
  }
  return record;
}

/** The transaction times of the last transaction, for the version an assert returns. */
function lastTransaction<D>(record: FactRecord<D> | undefined): {
  txFrom: number;
  txTo: null;
  seq: number;
} {
  return { txFrom: record?.lastTx ?? 0, txTo: null, seq: record?.seq ?? 0 };
}

function sortHistory<D>(record: FactRecord<D> | undefined): StoredVersion<D>[] {
  if (record === undefined) return [];
  return [...record.versions].sort(
    (a, b) => a.txFrom - b.txFrom || a.seq - b.seq || a.validFrom - b.validFrom,
  );
}

function entityView(id: string, v: StoredVersion<EntityData>): EntityVersion {
  const { type, name, properties } = v.data;
  return { id, type, name, properties, ...times(v) };
}

function relationshipView(id: string, v: StoredVersion<RelationshipData>): RelationshipVersion {
  const { from, to, type, properties } = v.data;
  return { id, from, to, type, properties, ...times(v) };
}

function times(v: StoredVersion<unknown>) {
  return { validFrom: v.validFrom, validTo: v.validTo, txFrom: v.txFrom, txTo: v.txTo };
}

async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
