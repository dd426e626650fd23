/**
 * A bi-temporal knowledge graph over one backend handle. See the README for the model and
 * the keyspace: `versions.ts` holds the time bookkeeping, `fact-store.ts` the storage of one
 * fact, `listings.ts` and `traverse.ts` the reads over the indexes; this class checks input
 * and ties them together.
 */
import { randomUUID } from "node:crypto";
import {
  clockNow,
  describe,
  invalidArgument,
  type Page,
  requireClock,
  requireId,
  requireInteger,
  requireObject,
  requireOptions,
  requirePositiveInteger,
  requireTimestamp,
  type StorageBackend,
  StorageError,
  systemClock,
} from "@mnemo/core";
import { type AsOfTimes, FactStore, type WriteSpec } from "./fact-store.js";
import { importFacts } from "./import-facts.js";
import {
  checkDirection,
  checkInterval,
  checkTypes,
  type EntityData,
  entityData,
  type RelationshipData,
  relationshipData,
} from "./inputs.js";
import { type FactKind, headKey } from "./keys.js";
import {
  entitiesOfType,
  historyPage,
  listIndex,
  neighbours,
  relationshipsOfType,
} from "./listings.js";
import { traverse } from "./traverse.js";
import type {
  AsOf,
  Clock,
  EndOptions,
  EntityInput,
  EntityVersion,
  ImportInput,
  ImportResult,
  ListOptions,
  NeighbourOptions,
  PageOptions,
  RelationshipInput,
  RelationshipVersion,
  Traversal,
  TraverseOptions,
  ValidInterval,
} from "./types.js";
import type { StoredVersion } from "./versions.js";
import { entityView, relationshipView } from "./views.js";
import { existing, indexKeys, writtenVersion } from "./write-helpers.js";

export interface GraphOptions {
  /** Source of transaction time and of the default `validAt`/`knownAt`. Default `systemClock`. */
  readonly clock?: Clock;
  /** Attempts of a transaction that lost a checked commit before `CONFLICT`. Default 100. */
  readonly maxAttempts?: number;
  /** Makes ids for inputs without one. Default `crypto.randomUUID`. */
  readonly generateId?: () => string;
}

const DEFAULT_MAX_NODES = 1000;
const MAX_NODES = 10_000;
const MAX_TRAVERSE_DEPTH = 16;

export class BitemporalGraph {
  readonly #store: StorageBackend;
  readonly #clock: Clock;
  readonly #generateId: () => string;
  readonly #facts: FactStore;

  constructor(store: StorageBackend, options?: GraphOptions) {
    const opts = requireOptions(options);
    this.#store = store;
    this.#clock = opts.clock === undefined ? systemClock : requireClock(opts.clock);
    if (opts.generateId !== undefined && typeof opts.generateId !== "function") {
      throw invalidArgument("generateId", "must be a function");
    }
    this.#generateId = opts.generateId ?? randomUUID;
    this.#facts = new FactStore(store, {
      now: () => this.#now(),
      maxAttempts: requirePositiveInteger(opts.maxAttempts, "maxAttempts", 100, 10_000),
      indexKeys,
    });
  }

  // ---- writes ------------------------------------------------------------------------------

  /**
   * Asserts an entity for a valid-time interval (default: from now, open-ended). What was
   * believed about that interval before is replaced, and stays readable at earlier `knownAt`.
   * Asserting an existing id from time T on supersedes its value from T.
   */
  async assertEntity(input: EntityInput, interval?: ValidInterval): Promise<EntityVersion> {
    const raw = requireObject(input, "entity");
    const data = entityData(raw);
    const { from, to } = this.#interval(interval);
    const id = raw.id === undefined ? this.#generateId() : requireId(raw.id, "id");
    const done = await this.#facts.write<EntityData>("entity", id, {
      kind: "interval",
      from,
      to,
      data,
    });
    return entityView(id, writtenVersion(done, from));
  }

  /** Asserts a relationship between two known entities; see `assertEntity`. */
  async assertRelationship(
    input: RelationshipInput,
    interval?: ValidInterval,
  ): Promise<RelationshipVersion> {
    const raw = requireObject(input, "relationship");
    const data = relationshipData(raw);
    const { from, to } = this.#interval(interval);
    const id = raw.id === undefined ? this.#generateId() : requireId(raw.id, "id");
    await this.#requireEntities([data.from, data.to]);
    const done = await this.#facts.write<RelationshipData>("relationship", id, {
      kind: "interval",
      from,
      to,
      data,
    });
    return relationshipView(id, writtenVersion(done, from));
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
    const data = entityData(fields, "fields");
    const { from, to } = this.#correction(interval);
    const done = await this.#facts.write<EntityData>(
      "entity",
      id,
      { kind: "interval", from, to, data },
      (head) => existing("entity", id, head),
    );
    return entityView(id, writtenVersion(done, from));
  }

  /** Corrects a known relationship; see `correctEntity`. */
  async correctRelationship(
    id: string,
    fields: Omit<RelationshipInput, "id">,
    interval: { readonly validFrom: number; readonly validTo?: number | null },
  ): Promise<RelationshipVersion> {
    requireId(id, "id");
    const data = relationshipData(fields, "fields");
    const { from, to } = this.#correction(interval);
    await this.#requireEntities([data.from, data.to]);
    const done = await this.#facts.write<RelationshipData>(
      "relationship",
      id,
      { kind: "interval", from, to, data },
      (head) => existing("relationship", id, head),
    );
    return relationshipView(id, writtenVersion(done, from));
  }

  /**
   * Ends an entity in valid time: it stops being true at `at` (default now), or, with
   * `until`, is not true over `[at, until)` only. Transaction history is kept. Returns
   * whether anything changed (false when nothing was believed true there); `NOT_FOUND` for
   * an id never asserted.
   */
  endEntity(id: string, options?: EndOptions): Promise<boolean> {
    return this.#end("entity", id, options);
  }

  /** Ends a relationship in valid time; see `endEntity`. */
  endRelationship(id: string, options?: EndOptions): Promise<boolean> {
    return this.#end("relationship", id, options);
  }

  /**
   * Retracts an entity in transaction time: from now on the store believes nothing about it,
   * at any valid time; reads with an earlier `knownAt` still see it. Its relationships are
   * left alone (traversals skip edges whose far end is not valid). Returns whether anything
   * was retracted (false for an id never asserted or already retracted).
   */
  deleteEntity(id: string): Promise<boolean> {
    return this.#delete("entity", id);
  }

  /** Retracts a relationship in transaction time; see `deleteEntity`. */
  deleteRelationship(id: string): Promise<boolean> {
    return this.#delete("relationship", id);
  }

  /**
   * Bulk load of new facts, valid from `validFrom` (default now), in ONE atomic write. Every
   * id must be new (`FAILED_PRECONDITION` otherwise) and every endpoint an entity of the
   * batch or of the store; at most 2,000 facts. A loading path: see `import-facts.ts`.
   */
  async importFacts(
    input: ImportInput,
    options?: { readonly validFrom?: number },
  ): Promise<ImportResult> {
    const opts = requireOptions(options);
    const validFrom =
      opts.validFrom === undefined ? undefined : requireTimestamp(opts.validFrom, "validFrom");
    const now = this.#now();
    return importFacts(
      {
        store: this.#store,
        facts: this.#facts,
        generateId: this.#generateId,
        requireEntities: (ids) => this.#requireEntities(ids),
      },
      input,
      validFrom ?? now,
      { time: now, seq: 1 },
    );
  }

  // ---- reads -------------------------------------------------------------------------------

  /** The entity as of `{ validAt, knownAt }` (both default to now), or `undefined`. */
  async getEntity(id: string, asOf?: AsOf): Promise<EntityVersion | undefined> {
    return this.#get<EntityData>("entity", id, asOf, entityView);
  }

  /** The relationship as of `{ validAt, knownAt }`, or `undefined`. */
  async getRelationship(id: string, asOf?: AsOf): Promise<RelationshipVersion | undefined> {
    return this.#get<RelationshipData>("relationship", id, asOf, relationshipView);
  }

  /** Entities of `type` as of the read, in id order, a page at a time. */
  async listEntities(type: string, options?: ListOptions): Promise<Page<EntityVersion>> {
    requireId(type, "type");
    const opts = requireOptions(options);
    const times = this.#asOf(opts);
    return listIndex(this.#store, this.#facts, entitiesOfType(type), opts, times, entityView);
  }

  /** Relationships of `type` as of the read, in id order, a page at a time. */
  async listRelationships(type: string, options?: ListOptions): Promise<Page<RelationshipVersion>> {
    requireId(type, "type");
    const opts = requireOptions(options);
    const times = this.#asOf(opts);
    return listIndex(
      this.#store,
      this.#facts,
      relationshipsOfType(type),
      opts,
      times,
      relationshipView,
    );
  }

  /** Relationships leaving `entityId` as of the read, optionally of one type; by type, then id. */
  outgoing(entityId: string, options?: NeighbourOptions): Promise<Page<RelationshipVersion>> {
    return this.#neighbours("out", entityId, options);
  }

  /** Relationships arriving at `entityId` as of the read, optionally of one type. */
  incoming(entityId: string, options?: NeighbourOptions): Promise<Page<RelationshipVersion>> {
    return this.#neighbours("in", entityId, options);
  }

  /**
   * Breadth-first walk from `startId` as of the read, up to `depth` hops and `maxNodes`
   * entities. An edge is followed when it and the entity at its far end are both valid.
   * Capped in what it reads (see `traverse.ts`): `truncated` says when a cap was reached.
   */
  async traverse(startId: string, options: TraverseOptions): Promise<Traversal> {
    requireId(startId, "startId");
    const opts = requireObject(options, "options") as Partial<TraverseOptions>;
    const depth = requireInteger(opts.depth, "depth", 0, MAX_TRAVERSE_DEPTH);
    const maxNodes =
      opts.maxNodes === undefined
        ? DEFAULT_MAX_NODES
        : requireInteger(opts.maxNodes, "maxNodes", 1, MAX_NODES);
    const direction = checkDirection(opts.direction ?? "out");
    const types = checkTypes(opts.relationshipTypes);
    const times = this.#asOf(opts);
    const head = await this.#facts.head<EntityData>("entity", startId);
    const version = await this.#facts.asOf("entity", startId, head, times);
    if (version === undefined) return { nodes: [], edges: [], truncated: false };
    return traverse(this.#store, this.#facts, {
      start: entityView(startId, version),
      depth,
      maxNodes,
      sides: direction === "both" ? ["out", "in"] : [direction],
      types,
      times,
    });
  }

  /** An entity's versions with their four timestamps, oldest transaction first, paged. */
  entityHistory(id: string, options?: PageOptions): Promise<Page<EntityVersion>> {
    return historyPage<EntityData, EntityVersion>(this.#facts, "entity", id, options, entityView);
  }

  /** A relationship's versions, oldest transaction first, paged. */
  relationshipHistory(id: string, options?: PageOptions): Promise<Page<RelationshipVersion>> {
    return historyPage<RelationshipData, RelationshipVersion>(
      this.#facts,
      "relationship",
      id,
      options,
      relationshipView,
    );
  }

  // ---- internals ---------------------------------------------------------------------------

  #now(): number {
    return clockNow(this.#clock);
  }

  #interval(interval: ValidInterval | undefined): { from: number; to: number | null } {
    const opts = requireOptions(interval, "interval");
    return checkInterval(opts.validFrom ?? this.#now(), opts.validTo);
  }

  #correction(interval: unknown): { from: number; to: number | null } {
    const opts = requireObject(interval, "interval");
    return checkInterval(opts.validFrom, opts.validTo);
  }

  #asOf(asOf: AsOf): AsOfTimes {
    const now = asOf.validAt === undefined || asOf.knownAt === undefined ? this.#now() : 0;
    return {
      validAt: requireTimestamp(asOf.validAt ?? now, "validAt"),
      knownAt: requireTimestamp(asOf.knownAt ?? now, "knownAt"),
    };
  }

  async #get<D>(
    kind: FactKind,
    id: string,
    asOf: AsOf | undefined,
    view: (id: string, v: StoredVersion<D>) => EntityVersion | RelationshipVersion,
  ): Promise<never> {
    requireId(id, "id");
    const times = this.#asOf(requireOptions(asOf, "asOf"));
    const head = await this.#facts.head<D>(kind, id);
    const version = await this.#facts.asOf(kind, id, head, times);
    return (version && view(id, version)) as never;
  }

  async #end(kind: FactKind, id: string, options: EndOptions | undefined): Promise<boolean> {
    requireId(id, "id");
    const opts = requireOptions(options);
    const at = opts.at === undefined ? this.#now() : requireTimestamp(opts.at, "at");
    const { to } = checkInterval(at, opts.until, ["at", "until"]);
    const spec: WriteSpec<unknown> = { kind: "interval", from: at, to, data: null };
    const done = await this.#facts.write(kind, id, spec, (head) => existing(kind, id, head));
    return done !== undefined;
  }

  async #delete(kind: FactKind, id: string): Promise<boolean> {
    requireId(id, "id");
    return (await this.#facts.write(kind, id, { kind: "retract" })) !== undefined;
  }

  async #neighbours(
    side: "out" | "in",
    entityId: string,
    options: NeighbourOptions | undefined,
  ): Promise<Page<RelationshipVersion>> {
    requireId(entityId, "entityId");
    const opts = requireOptions(options);
    const type = opts.type === undefined ? undefined : requireId(opts.type, "type");
    const times = this.#asOf(opts);
    return listIndex(
      this.#store,
      this.#facts,
      neighbours(side, entityId, type),
      opts,
      times,
      relationshipView,
    );
  }

  /** Relationship endpoints must name entities the graph has seen (at any time). */
  async #requireEntities(ids: readonly string[]): Promise<void> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return;
    const found = await this.#store.getBatch(unique.map((id) => headKey("entity", id)));
    for (const id of unique) {
      if (!found.has(headKey("entity", id))) {
        throw new StorageError(
          "INVALID_ARGUMENT",
          `relationship endpoint ${describe(id)} is not a known entity`,
          { details: { field: "from/to", value: id } },
        );
      }
    }
  }
}
