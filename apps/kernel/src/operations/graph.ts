/** Graph: a bi-temporal knowledge graph of entities and relationships (valid and known time). */
import {
  BitemporalGraph,
  DEFAULT_PAGE,
  MAX_IMPORT_FACTS,
  MAX_NAME_LENGTH,
  MAX_PAGE,
  MAX_RELATIONSHIP_TYPES,
} from "@mnemo/graph";
import { Schema } from "effect";
import { defineComponent, defineOperation } from "./define.js";
import {
  Deleted,
  found,
  id,
  int,
  jsonObject,
  page,
  pageFields,
  text,
  timestamp,
} from "./schemas.js";

/** The component's traversal bounds (graph.ts keeps them private; README: depth 0..16). */
const MAX_TRAVERSE_DEPTH = 16;
const MAX_TRAVERSE_NODES = 10_000;

const FactId = id("The fact's id.");
const Type = id("The fact's type, e.g. person or works_at.");
const Properties = jsonObject("Free JSON properties of the fact.");
const OpenEnd = (what: string) =>
  Schema.NullOr(timestamp(what)).annotate({
    description: `${what} null: open (until further notice).`,
  });

const entityFields = {
  type: Type,
  name: text(MAX_NAME_LENGTH, "The entity's display name (at most 4,096 characters)."),
  properties: Schema.optionalKey(Properties),
};
const relationshipFields = {
  from: id("The entity id the relationship leaves."),
  to: id("The entity id the relationship reaches."),
  type: Type,
  properties: Schema.optionalKey(Properties),
};
const timestamps = {
  validFrom: timestamp("When the fact became true in the world."),
  validTo: OpenEnd("When it stopped being true;"),
  txFrom: timestamp("When the store came to believe this version."),
  txTo: OpenEnd("When the store stopped believing it;"),
};
const EntityVersion = Schema.Struct({
  id: FactId,
  ...entityFields,
  properties: Properties,
  ...timestamps,
});
const RelationshipVersion = Schema.Struct({
  id: FactId,
  ...relationshipFields,
  properties: Properties,
  ...timestamps,
});
const interval = {
  validFrom: Schema.optionalKey(timestamp("From when the fact is true; default now.")),
  validTo: Schema.optionalKey(OpenEnd("Until when it is true;")),
};
const correction = {
  validFrom: timestamp("The start of the past interval being corrected."),
  validTo: Schema.optionalKey(OpenEnd("Its end;")),
};
const asOf = {
  validAt: Schema.optionalKey(timestamp("The world time asked about; default now.")),
  knownAt: Schema.optionalKey(timestamp("What the store believed at this time; default now.")),
};
const ASSERT =
  "What was believed about that interval is replaced, outside it kept; asserting an existing id from a later validFrom supersedes it from then.";

/** Splits a fact input from its valid interval (the component takes them apart). */
function split<T extends { validFrom?: number; validTo?: number | null }>(input: T) {
  const { validFrom, validTo, ...fact } = input;
  return {
    fact,
    interval: {
      ...(validFrom === undefined ? {} : { validFrom }),
      ...(validTo === undefined ? {} : { validTo }),
    },
  };
}

const assertEntity = defineOperation({
  name: "graph.assertEntity",
  component: "graph",
  summary: "Assert an entity (true from a time on)",
  description: `Records that an entity (a person, an org, a thing: type, name, properties) is true over a valid interval, default [now, ∞). ${ASSERT} Give id to update a known entity; otherwise one is made. Returns the new version.`,
  scope: "write",
  http: { method: "POST", path: "/graph/entities" },
  input: Schema.Struct({ id: Schema.optionalKey(FactId), ...entityFields, ...interval }),
  output: EntityVersion,
  handler: (graph: BitemporalGraph, input) => {
    const { fact, interval } = split(input);
    return graph.assertEntity(fact, interval);
  },
});

const assertRelationship = defineOperation({
  name: "graph.assertRelationship",
  component: "graph",
  summary: "Assert a relationship between two entities",
  description: `Records that a typed relationship from one entity to another (with properties) is true over a valid interval, default [now, ∞). Both entities must exist. ${ASSERT} Returns the new version.`,
  scope: "write",
  http: { method: "POST", path: "/graph/relationships" },
  input: Schema.Struct({ id: Schema.optionalKey(FactId), ...relationshipFields, ...interval }),
  output: RelationshipVersion,
  handler: (graph: BitemporalGraph, input) => {
    const { fact, interval } = split(input);
    return graph.assertRelationship(fact, interval);
  },
});

const correctEntity = defineOperation({
  name: "graph.correctEntity",
  component: "graph",
  summary: "Correct what was believed about an entity in a past interval",
  description:
    "Replaces what the store believed about a known entity over a past valid interval [validFrom, validTo); reads with an earlier knownAt still see the old belief. NOT_FOUND for an id never asserted. Returns the new version.",
  scope: "write",
  http: { method: "POST", path: "/graph/entities/{id}/correct" },
  input: Schema.Struct({ id: FactId, ...entityFields, ...correction }),
  output: EntityVersion,
  handler: (graph: BitemporalGraph, { id, validFrom, validTo, ...fields }) =>
    graph.correctEntity(id, fields, validTo === undefined ? { validFrom } : { validFrom, validTo }),
});

const correctRelationship = defineOperation({
  name: "graph.correctRelationship",
  component: "graph",
  summary: "Correct what was believed about a relationship in a past interval",
  description:
    "Replaces what the store believed about a known relationship over a past valid interval [validFrom, validTo); reads with an earlier knownAt still see the old belief. NOT_FOUND for an id never asserted. Returns the new version.",
  scope: "write",
  http: { method: "POST", path: "/graph/relationships/{id}/correct" },
  input: Schema.Struct({ id: FactId, ...relationshipFields, ...correction }),
  output: RelationshipVersion,
  handler: (graph: BitemporalGraph, { id, validFrom, validTo, ...fields }) =>
    graph.correctRelationship(
      id,
      fields,
      validTo === undefined ? { validFrom } : { validFrom, validTo },
    ),
});

const endFields = {
  id: FactId,
  at: Schema.optionalKey(timestamp("When the fact stops being true; default now.")),
  until: Schema.optionalKey(OpenEnd("When it is true again (as believed before);")),
};
const END =
  "Ends a fact in valid time: it stops being true at `at` (default now), optionally until `until`. History is kept. NOT_FOUND for an unknown id. Returns { changed }.";

const endEntity = defineOperation({
  name: "graph.endEntity",
  component: "graph",
  summary: "End an entity in valid time",
  description: END,
  scope: "write",
  http: { method: "POST", path: "/graph/entities/{id}/end" },
  input: Schema.Struct(endFields),
  output: Schema.Struct({ changed: Schema.Boolean }),
  handler: async (graph: BitemporalGraph, { id, ...options }) => ({
    changed: await graph.endEntity(id, options),
  }),
});

const endRelationship = defineOperation({
  name: "graph.endRelationship",
  component: "graph",
  summary: "End a relationship in valid time",
  description: END,
  scope: "write",
  http: { method: "POST", path: "/graph/relationships/{id}/end" },
  input: Schema.Struct(endFields),
  output: Schema.Struct({ changed: Schema.Boolean }),
  handler: async (graph: BitemporalGraph, { id, ...options }) => ({
    changed: await graph.endRelationship(id, options),
  }),
});

const RETRACT =
  "Retracts a fact in transaction time: from now on nothing is believed about it at any valid time; reads with an earlier knownAt still see it. Returns whether something was retracted.";

const deleteEntity = defineOperation({
  name: "graph.deleteEntity",
  component: "graph",
  summary: "Retract an entity",
  description: RETRACT,
  scope: "write",
  http: { method: "DELETE", path: "/graph/entities/{id}" },
  input: Schema.Struct({ id: FactId }),
  output: Deleted,
  handler: async (graph: BitemporalGraph, input) => ({
    deleted: await graph.deleteEntity(input.id),
  }),
});

const deleteRelationship = defineOperation({
  name: "graph.deleteRelationship",
  component: "graph",
  summary: "Retract a relationship",
  description: RETRACT,
  scope: "write",
  http: { method: "DELETE", path: "/graph/relationships/{id}" },
  input: Schema.Struct({ id: FactId }),
  output: Deleted,
  handler: async (graph: BitemporalGraph, input) => ({
    deleted: await graph.deleteRelationship(input.id),
  }),
});

const importFacts = defineOperation({
  name: "graph.importFacts",
  component: "graph",
  summary: "Bulk-load new entities and relationships",
  description: `Loads new entities and relationships (at most ${MAX_IMPORT_FACTS} facts) in one atomic write, all true from validFrom (default now). Ids already taken are refused (FAILED_PRECONDITION). Returns how many of each were loaded.`,
  scope: "write",
  http: { method: "POST", path: "/graph/import" },
  input: Schema.Struct({
    entities: Schema.optionalKey(
      Schema.Array(Schema.Struct({ id: Schema.optionalKey(FactId), ...entityFields })).check(
        Schema.isMaxLength(MAX_IMPORT_FACTS),
      ),
    ),
    relationships: Schema.optionalKey(
      Schema.Array(Schema.Struct({ id: Schema.optionalKey(FactId), ...relationshipFields })).check(
        Schema.isMaxLength(MAX_IMPORT_FACTS),
      ),
    ),
    validFrom: Schema.optionalKey(timestamp("From when every fact is true; default now.")),
  }),
  output: Schema.Struct({
    entities: int(0, MAX_IMPORT_FACTS, "Entities loaded."),
    relationships: int(0, MAX_IMPORT_FACTS, "Relationships loaded."),
  }),
  handler: (graph: BitemporalGraph, { validFrom, ...facts }) =>
    graph.importFacts(facts, validFrom === undefined ? {} : { validFrom }),
});

const getEntity = defineOperation({
  name: "graph.getEntity",
  component: "graph",
  summary: "Get an entity as of a time",
  description:
    "Reads an entity as it was at validAt, as the store believed at knownAt (both default now), with its four timestamps. NOT_FOUND when it was not true then.",
  scope: "read",
  http: { method: "GET", path: "/graph/entities/{id}" },
  input: Schema.Struct({ id: FactId, ...asOf }),
  output: EntityVersion,
  handler: async (graph: BitemporalGraph, { id, ...times }) =>
    found(await graph.getEntity(id, times), "entity", id),
});

const getRelationship = defineOperation({
  name: "graph.getRelationship",
  component: "graph",
  summary: "Get a relationship as of a time",
  description:
    "Reads a relationship as it was at validAt, as the store believed at knownAt (both default now). NOT_FOUND when it was not true then.",
  scope: "read",
  http: { method: "GET", path: "/graph/relationships/{id}" },
  input: Schema.Struct({ id: FactId, ...asOf }),
  output: RelationshipVersion,
  handler: async (graph: BitemporalGraph, { id, ...times }) =>
    found(await graph.getRelationship(id, times), "relationship", id),
});

const listing = { type: Type, ...asOf, ...pageFields(DEFAULT_PAGE, MAX_PAGE) };

const listEntities = defineOperation({
  name: "graph.listEntities",
  component: "graph",
  summary: "List entities of a type as of a time",
  description:
    "Pages through the entities of one type that were true at validAt as believed at knownAt (both default now), in id order.",
  scope: "read",
  http: { method: "GET", path: "/graph/entities" },
  input: Schema.Struct(listing),
  output: page(EntityVersion),
  handler: (graph: BitemporalGraph, { type, ...options }) => graph.listEntities(type, options),
});

const listRelationships = defineOperation({
  name: "graph.listRelationships",
  component: "graph",
  summary: "List relationships of a type as of a time",
  description:
    "Pages through the relationships of one type that were true at validAt as believed at knownAt (both default now), in id order.",
  scope: "read",
  http: { method: "GET", path: "/graph/relationships" },
  input: Schema.Struct(listing),
  output: page(RelationshipVersion),
  handler: (graph: BitemporalGraph, { type, ...options }) => graph.listRelationships(type, options),
});

const neighbours = {
  id: id("The entity whose relationships to read."),
  type: Schema.optionalKey(id("Only relationships of this type.")),
  ...asOf,
  ...pageFields(DEFAULT_PAGE, MAX_PAGE),
};

const outgoing = defineOperation({
  name: "graph.outgoing",
  component: "graph",
  summary: "Relationships leaving an entity",
  description:
    "Pages through the relationships from an entity (optionally of one type) true at validAt as believed at knownAt, by type then id. Use it to see what an entity points at.",
  scope: "read",
  http: { method: "GET", path: "/graph/entities/{id}/outgoing" },
  input: Schema.Struct(neighbours),
  output: page(RelationshipVersion),
  handler: (graph: BitemporalGraph, { id, ...options }) => graph.outgoing(id, options),
});

const incoming = defineOperation({
  name: "graph.incoming",
  component: "graph",
  summary: "Relationships reaching an entity",
  description:
    "Pages through the relationships to an entity (optionally of one type) true at validAt as believed at knownAt, by type then id. Use it to see what points at an entity.",
  scope: "read",
  http: { method: "GET", path: "/graph/entities/{id}/incoming" },
  input: Schema.Struct(neighbours),
  output: page(RelationshipVersion),
  handler: (graph: BitemporalGraph, { id, ...options }) => graph.incoming(id, options),
});

const traverse = defineOperation({
  name: "graph.traverse",
  component: "graph",
  summary: "Walk the graph from an entity",
  description:
    "Breadth-first walk from an entity up to depth hops (0..16) along relationships (out, in or both; optionally only some types), as of validAt and knownAt. Returns the entities reached with their depth, the relationships walked, and truncated when a cap (maxNodes, default 1,000) stopped it early.",
  scope: "read",
  http: { method: "GET", path: "/graph/entities/{id}/traverse" },
  input: Schema.Struct({
    id: id("The entity to start from."),
    depth: int(0, MAX_TRAVERSE_DEPTH, "Hops from the start; 0 returns the start alone."),
    relationshipTypes: Schema.optionalKey(
      Schema.Array(Type).check(Schema.isMaxLength(MAX_RELATIONSHIP_TYPES)),
    ),
    direction: Schema.optionalKey(Schema.Literals(["out", "in", "both"])),
    maxNodes: Schema.optionalKey(int(1, MAX_TRAVERSE_NODES, "Stop past this many entities.")),
    ...asOf,
  }),
  output: Schema.Struct({
    nodes: Schema.Array(
      Schema.Struct({ entity: EntityVersion, depth: int(0, MAX_TRAVERSE_DEPTH, "Hops.") }),
    ),
    edges: Schema.Array(RelationshipVersion),
    truncated: Schema.Boolean,
  }),
  handler: (graph: BitemporalGraph, { id, ...options }) => graph.traverse(id, options),
});

const HISTORY =
  "Pages through every version of a fact with its four timestamps (valid and transaction time), oldest transaction first: how the store's belief about it changed.";

const entityHistory = defineOperation({
  name: "graph.entityHistory",
  component: "graph",
  summary: "Every version of an entity",
  description: HISTORY,
  scope: "read",
  http: { method: "GET", path: "/graph/entities/{id}/history" },
  input: Schema.Struct({ id: FactId, ...pageFields(DEFAULT_PAGE, MAX_PAGE) }),
  output: page(EntityVersion),
  handler: (graph: BitemporalGraph, { id, ...options }) => graph.entityHistory(id, options),
});

const relationshipHistory = defineOperation({
  name: "graph.relationshipHistory",
  component: "graph",
  summary: "Every version of a relationship",
  description: HISTORY,
  scope: "read",
  http: { method: "GET", path: "/graph/relationships/{id}/history" },
  input: Schema.Struct({ id: FactId, ...pageFields(DEFAULT_PAGE, MAX_PAGE) }),
  output: page(RelationshipVersion),
  handler: (graph: BitemporalGraph, { id, ...options }) => graph.relationshipHistory(id, options),
});

export const graph = defineComponent({
  key: "graph",
  namespace: "graph",
  create: (store) => new BitemporalGraph(store),
  operations: [
    assertEntity,
    assertRelationship,
    correctEntity,
    correctRelationship,
    endEntity,
    endRelationship,
    deleteEntity,
    deleteRelationship,
    importFacts,
    getEntity,
    getRelationship,
    listEntities,
    listRelationships,
    outgoing,
    incoming,
    traverse,
    entityHistory,
    relationshipHistory,
  ],
});
