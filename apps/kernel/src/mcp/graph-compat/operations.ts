/**
 * The reference memory server's nine tools, as operations of the graph component (so they
 * run through the kernel's `Invoker` like every other tool, on the tenant of the session).
 * Their arguments and results keep the reference server's shapes, so an agent written for
 * it works unchanged; reads take one more optional argument, `as_of`.
 *
 * They are MCP-only: they are not in the `components` registry, so the HTTP API does not
 * mount them (`http` below only names where they would live).
 */
import type { BitemporalGraph } from "@mnemo/graph";
import { Schema } from "effect";
import { defineOperation } from "../../operations/define.js";
import { KnowledgeGraph } from "./knowledge-graph.js";
import { asOfTime, type KgRelation, requireName } from "./model.js";

/** Items one call may carry (entities, relations, observation groups, names). */
export const MAX_BATCH = 100;
/** Observations one entity may receive in one call, and the length of one observation. */
export const MAX_CONTENTS = 100;
export const MAX_OBSERVATION_LENGTH = 16_384;
export const MAX_QUERY_LENGTH = 2_048;

const batch = <S extends Schema.Top>(item: S, max = MAX_BATCH) =>
  Schema.Array(item).check(Schema.isMaxLength(max));

const Observation = Schema.String.check(Schema.isMaxLength(MAX_OBSERVATION_LENGTH));
const EntityName = Schema.String.annotate({
  description: "The entity's unique name (at most 256 UTF-8 bytes)",
});
const Entity = Schema.Struct({
  name: EntityName,
  entityType: Schema.String.annotate({ description: "The type of the entity, e.g. person" }),
  observations: batch(Observation, MAX_CONTENTS).annotate({
    description: "Facts about the entity, one short statement each",
  }),
});
const Relation = Schema.Struct({
  from: Schema.String.annotate({ description: "The name of the entity the relation starts at" }),
  to: Schema.String.annotate({ description: "The name of the entity the relation ends at" }),
  relationType: Schema.String.annotate({
    description: "The relation in active voice, e.g. works_at",
  }),
});
const AsOf = Schema.optionalKey(
  Schema.Union([Schema.Int, Schema.String]).annotate({
    description:
      "Read the graph as it was at this time (epoch milliseconds or ISO 8601); default now",
  }),
);
const GraphResult = Schema.Struct({
  entities: Schema.Array(Entity),
  relations: Schema.Array(Relation),
  truncated: Schema.Boolean.annotate({ description: "True when the graph was cut at its limit" }),
});
const DeleteResult = Schema.Struct({ success: Schema.Boolean, message: Schema.String });

function names(values: readonly string[], field: string): void {
  values.forEach((value, i) => {
    requireName(value, `${field}[${i}]`);
  });
}

function relationNames(relations: readonly KgRelation[], field: string): void {
  relations.forEach((r, i) => {
    requireName(r.from, `${field}[${i}].from`);
    requireName(r.to, `${field}[${i}].to`);
    requireName(r.relationType, `${field}[${i}].relationType`);
  });
}

const kg = (graph: BitemporalGraph) => new KnowledgeGraph(graph);
const post = (tool: string) => ({ method: "POST" as const, path: `/mcp/memory/${tool}` });

export const createEntities = defineOperation({
  name: "graph.createEntities",
  component: "graph",
  summary: "Create entities in the knowledge graph",
  description:
    "Store new things the user or task involves (people, projects, places, preferences) as " +
    "named entities with a type and observations. Entities whose name already exists are " +
    "skipped (use add_observations to add facts to them). Returns the entities created.",
  scope: "write",
  http: post("create_entities"),
  input: Schema.Struct({ entities: batch(Entity) }),
  output: Schema.Struct({ entities: Schema.Array(Entity) }),
  handler: async (graph: BitemporalGraph, input) => {
    input.entities.forEach((e, i) => {
      requireName(e.name, `entities[${i}].name`);
      requireName(e.entityType, `entities[${i}].entityType`);
    });
    return { entities: await kg(graph).createEntities(input.entities) };
  },
});

export const createRelations = defineOperation({
  name: "graph.createRelations",
  component: "graph",
  summary: "Create relations between entities",
  description:
    "Connect two existing entities with a typed relation in active voice (Ada works_at " +
    "Acme). Both entities must exist. Relations that already exist are skipped. Returns the " +
    "relations created.",
  scope: "write",
  http: post("create_relations"),
  input: Schema.Struct({ relations: batch(Relation) }),
  output: Schema.Struct({ relations: Schema.Array(Relation) }),
  handler: async (graph: BitemporalGraph, input) => {
    relationNames(input.relations, "relations");
    return { relations: await kg(graph).createRelations(input.relations) };
  },
});

const ObservationGroup = Schema.Struct({
  entityName: EntityName,
  contents: batch(Observation, MAX_CONTENTS).annotate({ description: "The facts to add" }),
});

export const addObservations = defineOperation({
  name: "graph.addObservations",
  component: "graph",
  summary: "Add observations to entities",
  description:
    "Record new facts about existing entities (one short statement each). Facts already " +
    "recorded are skipped. Returns, per entity, the observations actually added.",
  scope: "write",
  http: post("add_observations"),
  input: Schema.Struct({ observations: batch(ObservationGroup) }),
  output: Schema.Struct({
    results: Schema.Array(
      Schema.Struct({ entityName: Schema.String, addedObservations: Schema.Array(Schema.String) }),
    ),
  }),
  handler: async (graph: BitemporalGraph, input) => {
    names(
      input.observations.map((o) => o.entityName),
      "observations",
    );
    return { results: await kg(graph).addObservations(input.observations) };
  },
});

export const deleteEntities = defineOperation({
  name: "graph.deleteEntities",
  component: "graph",
  summary: "Delete entities and their relations",
  description:
    "Forget entities, with their observations and relations. The facts end now; their " +
    "history stays readable with as_of. Returns a message naming entities not found.",
  scope: "write",
  http: post("delete_entities"),
  input: Schema.Struct({
    entityNames: batch(Schema.String).annotate({ description: "Names of entities to delete" }),
  }),
  output: DeleteResult,
  handler: async (graph: BitemporalGraph, input) => {
    names(input.entityNames, "entityNames");
    const { deleted, notFound } = await kg(graph).deleteEntities(input.entityNames);
    const message =
      notFound.length === 0
        ? "Entities deleted successfully"
        : `Deleted ${deleted.length} of ${input.entityNames.length} entities. Not found: ${notFound.join(", ")}`;
    return { success: true, message };
  },
});

const ObservationDeletion = Schema.Struct({
  entityName: EntityName,
  observations: batch(Observation, MAX_CONTENTS).annotate({ description: "The facts to delete" }),
});

export const deleteObservations = defineOperation({
  name: "graph.deleteObservations",
  component: "graph",
  summary: "Delete observations from entities",
  description:
    "Retract facts about entities that turned out wrong or stale, by their exact text. They " +
    "end now; history stays readable with as_of. Returns how many were deleted.",
  scope: "write",
  http: post("delete_observations"),
  input: Schema.Struct({ deletions: batch(ObservationDeletion) }),
  output: DeleteResult,
  handler: async (graph: BitemporalGraph, input) => {
    names(
      input.deletions.map((d) => d.entityName),
      "deletions",
    );
    const { deletedCount, missingEntities } = await kg(graph).deleteObservations(input.deletions);
    const requested = input.deletions.reduce((n, d) => n + new Set(d.observations).size, 0);
    const message =
      deletedCount === requested
        ? "Observations deleted successfully"
        : `Deleted ${deletedCount} of ${requested} observations.` +
          (missingEntities.length > 0 ? ` Entities not found: ${missingEntities.join(", ")}` : "");
    return { success: true, message };
  },
});

export const deleteRelations = defineOperation({
  name: "graph.deleteRelations",
  component: "graph",
  summary: "Delete relations",
  description:
    "Remove relations that no longer hold (Ada no longer works_at Acme). They end now; " +
    "history stays readable with as_of. Returns how many matched.",
  scope: "write",
  http: post("delete_relations"),
  input: Schema.Struct({ relations: batch(Relation) }),
  output: DeleteResult,
  handler: async (graph: BitemporalGraph, input) => {
    relationNames(input.relations, "relations");
    const { deletedCount } = await kg(graph).deleteRelations(input.relations);
    const message =
      deletedCount === input.relations.length
        ? "Relations deleted successfully"
        : `Deleted ${deletedCount} of ${input.relations.length} relations. The rest matched nothing.`;
    return { success: true, message };
  },
});

export const readGraph = defineOperation({
  name: "graph.readGraph",
  component: "graph",
  summary: "Read the whole knowledge graph",
  description:
    "Read every entity with its observations and every relation, optionally as it was at " +
    "a past time (as_of). For a large graph prefer search_nodes or open_nodes.",
  scope: "read",
  http: post("read_graph"),
  input: Schema.Struct({ as_of: AsOf }),
  output: GraphResult,
  handler: (graph: BitemporalGraph, input) => kg(graph).readGraph(asOfTime(input.as_of)),
});

export const searchNodes = defineOperation({
  name: "graph.searchNodes",
  component: "graph",
  summary: "Search the knowledge graph",
  description:
    "Find entities whose name, type or observations contain the query (case-insensitive " +
    "substring), with the relations touching them. Call it before creating an entity, to " +
    "find what is already known.",
  scope: "read",
  http: post("search_nodes"),
  input: Schema.Struct({
    query: Schema.String.check(Schema.isMaxLength(MAX_QUERY_LENGTH)).annotate({
      description: "Text to look for in entity names, types and observations",
    }),
    as_of: AsOf,
  }),
  output: GraphResult,
  handler: (graph: BitemporalGraph, input) =>
    kg(graph).searchNodes(input.query, asOfTime(input.as_of)),
});

export const openNodes = defineOperation({
  name: "graph.openNodes",
  component: "graph",
  summary: "Open entities by name",
  description:
    "Read the named entities with their observations and every relation touching them, " +
    "optionally as of a past time. Names not found are left out.",
  scope: "read",
  http: post("open_nodes"),
  input: Schema.Struct({
    names: batch(Schema.String).annotate({ description: "Names of the entities to read" }),
    as_of: AsOf,
  }),
  output: GraphResult,
  handler: (graph: BitemporalGraph, input) => {
    names(input.names, "names");
    return kg(graph).openNodes(input.names, asOfTime(input.as_of));
  },
});

/** The nine tools under the reference server's names. */
export const graphCompatTools = [
  ["create_entities", createEntities],
  ["create_relations", createRelations],
  ["add_observations", addObservations],
  ["delete_entities", deleteEntities],
  ["delete_observations", deleteObservations],
  ["delete_relations", deleteRelations],
  ["read_graph", readGraph],
  ["search_nodes", searchNodes],
  ["open_nodes", openNodes],
] as const;
