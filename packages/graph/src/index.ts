export { MAX_CLOSED_VERSIONS } from "./fact-store.js";
export { BitemporalGraph, type GraphOptions } from "./graph.js";
export { MAX_IMPORT_FACTS } from "./import-facts.js";
export { MAX_NAME_LENGTH, MAX_RELATIONSHIP_TYPES } from "./inputs.js";
export { DEFAULT_PAGE, MAX_PAGE, SCAN_FACTOR } from "./listings.js";
export { MAX_TRAVERSE_ENTRIES, MAX_TRAVERSE_SCANS } from "./traverse.js";
export type {
  AsOf,
  Clock,
  Direction,
  EndOptions,
  Entity,
  EntityInput,
  EntityVersion,
  ImportInput,
  ImportResult,
  ListOptions,
  NeighbourOptions,
  Page,
  PageOptions,
  Properties,
  Relationship,
  RelationshipInput,
  RelationshipVersion,
  Timestamps,
  Traversal,
  TraversalNode,
  TraverseOptions,
  ValidInterval,
} from "./types.js";
