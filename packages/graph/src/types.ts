/** The graph's public shapes: plain JSON, timestamps as epoch milliseconds. */

import type { Clock, Page } from "@mnemo/core";

export type { Clock, Page };

export type Properties = Record<string, unknown>;

export interface Entity {
  readonly id: string;
  readonly type: string;
  readonly name: string;
  readonly properties: Properties;
}

export interface Relationship {
  readonly id: string;
  /** Entity id at the start of the edge. */
  readonly from: string;
  /** Entity id at the end of the edge. */
  readonly to: string;
  readonly type: string;
  readonly properties: Properties;
}

/**
 * The two time axes of one version. Intervals are half-open `[from, to)`; `null` is an
 * open end (+∞): `validTo: null` is true until further notice, `txTo: null` is what the
 * store believes now.
 */
export interface Timestamps {
  readonly validFrom: number;
  readonly validTo: number | null;
  readonly txFrom: number;
  readonly txTo: number | null;
}

export type EntityVersion = Entity & Timestamps;
export type RelationshipVersion = Relationship & Timestamps;

export interface EntityInput {
  /** Generated when absent. */
  readonly id?: string;
  readonly type: string;
  readonly name: string;
  readonly properties?: Properties;
}

export interface RelationshipInput {
  /** Generated when absent. */
  readonly id?: string;
  readonly from: string;
  readonly to: string;
  readonly type: string;
  readonly properties?: Properties;
}

/** A valid-time interval; `validFrom` defaults to now, `validTo` to open (`null`). */
export interface ValidInterval {
  readonly validFrom?: number;
  readonly validTo?: number | null;
}

export interface EndOptions {
  /** When the fact stops being true; default now. */
  readonly at?: number;
  /** When it is true again (as believed before); default never. Must be later than `at`. */
  readonly until?: number | null;
}

/** The point of view of a read; both default to the clock's now. */
export interface AsOf {
  /** The world time asked about. */
  readonly validAt?: number;
  /** What the store believed at this transaction time. */
  readonly knownAt?: number;
}

/** A page request: `cursor` is the `nextCursor` of the previous page (same filters). */
export interface PageOptions {
  /** Default 100, at most 1,000. */
  readonly limit?: number;
  readonly cursor?: string;
}

export interface ListOptions extends AsOf, PageOptions {}

export interface NeighbourOptions extends AsOf, PageOptions {
  /** Only relationships of this type. */
  readonly type?: string;
}

export type Direction = "out" | "in" | "both";

export interface TraverseOptions extends AsOf {
  /** Hops from the start entity; 0 returns the start alone. At most 16. */
  readonly depth: number;
  /** Follow only these relationship types (at most 16); all when absent. */
  readonly relationshipTypes?: readonly string[];
  /** Default "out". */
  readonly direction?: Direction;
  /** Stop discovering entities past this many (the start included). Default 1,000, at most 10,000. */
  readonly maxNodes?: number;
}

export interface TraversalNode {
  readonly entity: EntityVersion;
  readonly depth: number;
}

export interface Traversal {
  /** In breadth-first order; empty when the start entity is not valid as of the read. */
  readonly nodes: TraversalNode[];
  /** Every relationship walked between two returned entities, once each. */
  readonly edges: RelationshipVersion[];
  /**
   * True when the walk stopped early at a cap (`maxNodes`, or the index entries and scans a
   * traversal may read): the result is a correct part of the full walk, not all of it.
   */
  readonly truncated: boolean;
}

export interface ImportInput {
  readonly entities?: readonly EntityInput[];
  readonly relationships?: readonly RelationshipInput[];
}

export interface ImportResult {
  readonly entities: number;
  readonly relationships: number;
}
