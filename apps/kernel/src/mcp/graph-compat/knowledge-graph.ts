/**
 * The reference memory server's knowledge graph (entities with observations, relations
 * between them) as a view on `@mnemo/graph`'s bi-temporal graph:
 *
 * - an entity is the graph entity whose id and name are its name and whose type is its
 *   `entityType`;
 * - a relation is a relationship `from → to` of type `relationType`, id derived from the
 *   triple, so two sessions creating the same relation write one fact;
 * - each observation is its own fact (a relationship from the entity to itself of type
 *   `mcp:observation`, id derived from the entity and the text), so adding observations is
 *   never a read-modify-write: two sessions adding to one entity at once both keep theirs;
 * - the entity and relation types in use are registered as entities of type
 *   `mcp:entity-type` / `mcp:relation-type`, which is how `read_graph` finds every fact
 *   without a scan of the whole store.
 *
 * Deleting ends facts in valid time (`endEntity`, `endRelationship`): the history stays and a
 * read `as_of` an earlier time still sees them. Names and types starting with `mcp:` are
 * reserved for this bookkeeping.
 */
import { StorageError } from "@mnemo/core";
import type { AsOf, BitemporalGraph, RelationshipVersion } from "@mnemo/graph";
import {
  cursorOf,
  ENTITY_TYPE_REGISTRY,
  type KgEntity,
  type KgGraph,
  type KgRelation,
  MAX_FACTS_ENDED,
  MAX_GRAPH_FACTS,
  OBSERVATION_TYPE,
  observationId,
  PAGE,
  pages,
  RELATION_TYPE_REGISTRY,
  relationId,
  typeId,
} from "./model.js";

const toRelation = (r: RelationshipVersion): KgRelation => ({
  from: r.from,
  to: r.to,
  relationType: r.type,
});
/** An observation's text; a fact of that type written by other means may lack it. */
const contentOf = (r: RelationshipVersion) =>
  typeof r.properties.content === "string" ? r.properties.content : "";
/**
 * Observations read back in the order they were added: by valid time, then, within one
 * millisecond, by `seq`, a counter of this process (across processes in one millisecond the
 * order is arbitrary but stable).
 */
let observationSeq = 0;
const seqOf = (r: RelationshipVersion) =>
  typeof r.properties.seq === "number" ? r.properties.seq : 0;
const inAddedOrder = (a: RelationshipVersion, b: RelationshipVersion) =>
  a.validFrom - b.validFrom || seqOf(a) - seqOf(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export class KnowledgeGraph {
  readonly #graph: BitemporalGraph;

  constructor(graph: BitemporalGraph) {
    this.#graph = graph;
  }

  get graph(): BitemporalGraph {
    return this.#graph;
  }

  // ---- reads -------------------------------------------------------------------------------

  async exists(name: string, asOf: AsOf = {}): Promise<boolean> {
    return (await this.#graph.getEntity(name, asOf)) !== undefined;
  }

  /** The entity's observations in the order they were added. */
  async observations(name: string, asOf: AsOf = {}): Promise<string[]> {
    const found: RelationshipVersion[] = [];
    const read = (cursor: string | undefined) =>
      this.#graph.outgoing(name, {
        ...asOf,
        type: OBSERVATION_TYPE,
        limit: PAGE,
        ...cursorOf(cursor),
      });
    for await (const r of pages(read)) if (r.to === name) found.push(r);
    return found.sort(inAddedOrder).map(contentOf);
  }

  /** Relations leaving or reaching `name` whose other end is an entity as of the read. */
  async relationsOf(name: string, asOf: AsOf = {}): Promise<KgRelation[]> {
    const found = new Map<string, RelationshipVersion>();
    for (const direction of ["outgoing", "incoming"] as const) {
      const read = (cursor: string | undefined) =>
        this.#graph[direction](name, { ...asOf, limit: PAGE, ...cursorOf(cursor) });
      for await (const r of pages(read)) {
        if (r.type !== OBSERVATION_TYPE) found.set(r.id, r);
      }
    }
    const valid = new Map<string, boolean>();
    const result: KgRelation[] = [];
    for (const r of found.values()) {
      const other = r.from === name ? r.to : r.from;
      if (!valid.has(other)) valid.set(other, await this.exists(other, asOf));
      if (valid.get(other)) result.push(toRelation(r));
    }
    return result;
  }

  /** The relationships from `from` to `to` of `relationType` believed now (usually one). */
  async #matching(relation: KgRelation): Promise<RelationshipVersion[]> {
    const read = (cursor: string | undefined) =>
      this.#graph.outgoing(relation.from, {
        type: relation.relationType,
        limit: PAGE,
        ...cursorOf(cursor),
      });
    const found: RelationshipVersion[] = [];
    for await (const r of pages(read)) if (r.to === relation.to) found.push(r);
    return found;
  }

  async #registered(registry: string, asOf: AsOf): Promise<string[]> {
    const types: string[] = [];
    const read = (cursor: string | undefined) =>
      this.#graph.listEntities(registry, { ...asOf, limit: PAGE, ...cursorOf(cursor) });
    for await (const e of pages(read)) types.push(e.name);
    return types;
  }

  /** The whole graph as of the read, up to `MAX_GRAPH_FACTS` facts. */
  async readGraph(asOf: AsOf = {}): Promise<KgGraph> {
    let budget = MAX_GRAPH_FACTS;
    let truncated = false;
    const entities = new Map<string, { entityType: string; observations: RelationshipVersion[] }>();
    for (const type of await this.#registered(ENTITY_TYPE_REGISTRY, asOf)) {
      const read = (cursor: string | undefined) =>
        this.#graph.listEntities(type, { ...asOf, limit: PAGE, ...cursorOf(cursor) });
      for await (const e of pages(read)) {
        if (budget-- <= 0) {
          truncated = true;
          break;
        }
        entities.set(e.name, { entityType: e.type, observations: [] });
      }
    }
    const readObservations = (cursor: string | undefined) =>
      this.#graph.listRelationships(OBSERVATION_TYPE, {
        ...asOf,
        limit: PAGE,
        ...cursorOf(cursor),
      });
    for await (const r of pages(readObservations)) {
      if (budget-- <= 0) {
        truncated = true;
        break;
      }
      if (r.from === r.to) entities.get(r.from)?.observations.push(r);
    }
    const relations: KgRelation[] = [];
    for (const type of await this.#registered(RELATION_TYPE_REGISTRY, asOf)) {
      const read = (cursor: string | undefined) =>
        this.#graph.listRelationships(type, { ...asOf, limit: PAGE, ...cursorOf(cursor) });
      for await (const r of pages(read)) {
        if (budget-- <= 0) {
          truncated = true;
          break;
        }
        if (entities.has(r.from) && entities.has(r.to)) relations.push(toRelation(r));
      }
    }
    return {
      entities: [...entities].map(([name, e]) => ({
        name,
        entityType: e.entityType,
        observations: e.observations.sort(inAddedOrder).map(contentOf),
      })),
      relations,
      truncated,
    };
  }

  /** Entities whose name, type or an observation contains `query` (case-insensitive). */
  async searchNodes(query: string, asOf: AsOf = {}): Promise<KgGraph> {
    const graph = await this.readGraph(asOf);
    const needle = query.toLowerCase();
    const hit = (text: string) => text.toLowerCase().includes(needle);
    const entities = graph.entities.filter(
      (e) => hit(e.name) || hit(e.entityType) || e.observations.some(hit),
    );
    const names = new Set(entities.map((e) => e.name));
    const relations = graph.relations.filter((r) => names.has(r.from) || names.has(r.to));
    return { entities, relations, truncated: graph.truncated };
  }

  /** The named entities and every relation touching one of them. */
  async openNodes(names: readonly string[], asOf: AsOf = {}): Promise<KgGraph> {
    const entities: KgEntity[] = [];
    const relations = new Map<string, KgRelation>();
    for (const name of new Set(names)) {
      const entity = await this.#graph.getEntity(name, asOf);
      if (entity === undefined) continue;
      entities.push({
        name,
        entityType: entity.type,
        observations: await this.observations(name, asOf),
      });
      for (const r of await this.relationsOf(name, asOf)) relations.set(relationId(r), r);
    }
    return { entities, relations: [...relations.values()], truncated: false };
  }

  // ---- writes ------------------------------------------------------------------------------

  async #register(kind: "e" | "r", type: string): Promise<void> {
    const id = typeId(kind, type);
    if ((await this.#graph.getEntity(id)) !== undefined) return;
    const registry = kind === "e" ? ENTITY_TYPE_REGISTRY : RELATION_TYPE_REGISTRY;
    await this.#graph.assertEntity({ id, type: registry, name: type });
  }

  /** Adds the observations not yet present; returns those it added. */
  async #observe(name: string, contents: readonly string[]): Promise<string[]> {
    const added: string[] = [];
    for (const content of new Set(contents)) {
      const id = observationId(name, content);
      if ((await this.#graph.getRelationship(id)) !== undefined) continue;
      await this.#graph.assertRelationship({
        id,
        from: name,
        to: name,
        type: OBSERVATION_TYPE,
        properties: { content, seq: ++observationSeq },
      });
      added.push(content);
    }
    return added;
  }

  /** Creates the entities whose names are new (the first of a name in the batch wins). */
  async createEntities(entities: readonly KgEntity[]): Promise<KgEntity[]> {
    const created: KgEntity[] = [];
    const seen = new Set<string>();
    for (const entity of entities) {
      if (seen.has(entity.name)) continue;
      seen.add(entity.name);
      if (await this.exists(entity.name)) continue;
      // The type is registered first, so a crash never leaves an entity read_graph cannot see.
      await this.#register("e", entity.entityType);
      await this.#graph.assertEntity({
        id: entity.name,
        type: entity.entityType,
        name: entity.name,
      });
      await this.#observe(entity.name, entity.observations);
      created.push({ ...entity, observations: [...new Set(entity.observations)] });
    }
    return created;
  }

  async #requireEntities(names: Iterable<string>, field: string): Promise<void> {
    for (const name of new Set(names)) {
      if (!(await this.exists(name))) {
        throw new StorageError("NOT_FOUND", `${field}: entity ${JSON.stringify(name)} not found`);
      }
    }
  }

  /** Creates the relations not yet present; every endpoint must be an entity. */
  async createRelations(relations: readonly KgRelation[]): Promise<KgRelation[]> {
    await this.#requireEntities(
      relations.flatMap((r) => [r.from, r.to]),
      "relations",
    );
    const created: KgRelation[] = [];
    const seen = new Set<string>();
    for (const relation of relations) {
      const id = relationId(relation);
      if (seen.has(id)) continue;
      seen.add(id);
      if ((await this.#matching(relation)).length > 0) continue;
      await this.#register("r", relation.relationType);
      await this.#graph.assertRelationship({
        id,
        from: relation.from,
        to: relation.to,
        type: relation.relationType,
      });
      created.push(relation);
    }
    return created;
  }

  async addObservations(
    items: readonly { readonly entityName: string; readonly contents: readonly string[] }[],
  ): Promise<{ entityName: string; addedObservations: string[] }[]> {
    await this.#requireEntities(
      items.map((o) => o.entityName),
      "observations",
    );
    const results: { entityName: string; addedObservations: string[] }[] = [];
    for (const item of items) {
      results.push({
        entityName: item.entityName,
        addedObservations: await this.#observe(item.entityName, item.contents),
      });
    }
    return results;
  }

  /** Ends the entities, their observations and their relations; history is kept. */
  async deleteEntities(
    names: readonly string[],
  ): Promise<{ deleted: string[]; notFound: string[] }> {
    const plan: { name: string; facts: string[] }[] = [];
    const notFound: string[] = [];
    let total = 0;
    for (const name of new Set(names)) {
      if (!(await this.exists(name))) {
        notFound.push(name);
        continue;
      }
      const facts = new Set<string>();
      for (const direction of ["outgoing", "incoming"] as const) {
        const read = (cursor: string | undefined) =>
          this.#graph[direction](name, { limit: PAGE, ...cursorOf(cursor) });
        for await (const r of pages(read)) {
          facts.add(r.id);
          if (total + facts.size > MAX_FACTS_ENDED) {
            throw new StorageError(
              "FAILED_PRECONDITION",
              `entityNames: deleting these entities would end more than ${MAX_FACTS_ENDED} ` +
                "relations and observations in one call; delete fewer at a time",
            );
          }
        }
      }
      total += facts.size;
      plan.push({ name, facts: [...facts] });
    }
    for (const { name, facts } of plan) {
      // Relations and observations first: an entity is ended only once nothing points at it.
      for (const id of facts) await this.#graph.endRelationship(id);
      await this.#graph.endEntity(name);
    }
    return { deleted: plan.map((p) => p.name), notFound };
  }

  async deleteObservations(
    items: readonly { readonly entityName: string; readonly observations: readonly string[] }[],
  ): Promise<{ deletedCount: number; missingEntities: string[] }> {
    let deletedCount = 0;
    const missingEntities: string[] = [];
    for (const item of items) {
      if (!(await this.exists(item.entityName))) {
        missingEntities.push(item.entityName);
        continue;
      }
      for (const content of new Set(item.observations)) {
        const id = observationId(item.entityName, content);
        if ((await this.#graph.getRelationship(id)) === undefined) continue;
        if (await this.#graph.endRelationship(id)) deletedCount++;
      }
    }
    return { deletedCount, missingEntities };
  }

  async deleteRelations(relations: readonly KgRelation[]): Promise<{ deletedCount: number }> {
    let deletedCount = 0;
    for (const relation of relations) {
      let ended = false;
      for (const r of await this.#matching(relation)) {
        if (await this.#graph.endRelationship(r.id)) ended = true;
      }
      if (ended) deletedCount++;
    }
    return { deletedCount };
  }
}
