/**
 * Input checks. Each throws a `StorageError` before anything is read or written, so a refused
 * call changes nothing, and none of them calls a method of the value it checks (a JSON client
 * may send `{"toString": "x"}` anywhere).
 */
import {
  describe,
  invalidArgument,
  MAX_KEY_BYTES,
  requireBoolean,
  requireId,
  requireInteger,
  requireJsonObject,
  requireObject,
  StorageError,
} from "@mnemo/core";
import { itemKeyFits } from "./keys.js";
import type { CollectionOptions, Metadata, Metric, SearchOptions } from "./types.js";

const METRICS: ReadonlySet<unknown> = new Set(["cosine", "l2", "ip"]);
/** HNSW (and this component's label allocator) count labels in 32 bits. */
export const MAX_LABEL = 0xffff_ffff;
export const MAX_DIMENSION = 65_536;
/** Largest `k` of one search. */
export const MAX_K = 10_000;
export const MAX_EF = 100_000;
/** Metadata of one vector, as stored JSON: it is held in memory by every open collection. */
export const MAX_METADATA_BYTES = 64 * 1024;

export function validateName(name: unknown, field = "name"): string {
  return requireId(name, field);
}

/** A vector id: `requireId`, and its item key fits the key limit (checked, not assumed). */
export function validateId(id: unknown, uid: string, field = "id"): string {
  const accepted = requireId(id, field);
  if (!itemKeyFits(uid, accepted)) {
    throw invalidArgument(field, `${describe(accepted)} makes a key over ${MAX_KEY_BYTES} bytes`);
  }
  return accepted;
}

export function validateCollectionOptions(options: unknown): Required<CollectionOptions> {
  const o = requireObject(options, "options") as Partial<CollectionOptions>;
  const dimension = requireInteger(o.dimension, "dimension", 1, MAX_DIMENSION);
  if (!METRICS.has(o.metric)) {
    throw invalidArgument("metric", `must be "cosine", "l2" or "ip", got ${describe(o.metric)}`);
  }
  return {
    dimension,
    metric: o.metric as Metric,
    M: o.M === undefined ? 16 : requireInteger(o.M, "M", 2, 256),
    efConstruction:
      o.efConstruction === undefined
        ? 128
        : requireInteger(o.efConstruction, "efConstruction", 1, 10_000),
  };
}

/**
 * Copies `vector` into a Float32Array after checking its length and that every component is
 * finite (also after rounding to float32, which turns 1e39 into Infinity), and that a
 * cosine vector is not all zeros (it has no direction). Arrays and typed arrays only.
 */
export function validateVector(
  vector: unknown,
  dimension: number,
  metric: Metric,
  field = "vector",
): Float32Array {
  if (!Array.isArray(vector) && !(ArrayBuffer.isView(vector) && !(vector instanceof DataView))) {
    throw invalidArgument(field, `must be an array of numbers, got ${describe(vector)}`);
  }
  const source = vector as ArrayLike<unknown>;
  if (source.length !== dimension) {
    throw invalidArgument(
      field,
      `has length ${source.length}; the collection's dimension is ${dimension}`,
    );
  }
  const out = new Float32Array(dimension);
  let nonZero = false;
  for (let i = 0; i < dimension; i++) {
    const component = source[i];
    if (typeof component !== "number") {
      throw invalidArgument(field, `component ${i} is not a number: ${describe(component)}`);
    }
    out[i] = component;
    if (!Number.isFinite(out[i]!)) {
      throw invalidArgument(field, `component ${i} is not a finite float32: ${component}`);
    }
    if (out[i] !== 0) nonZero = true;
  }
  if (metric === "cosine" && !nonZero) {
    throw invalidArgument(field, "is all zeros, which has no direction under the cosine metric");
  }
  return out;
}

/** Plain JSON object (a copy), or null; its stored size is checked where it is encoded. */
export function validateMetadata(metadata: unknown, field = "metadata"): Metadata | null {
  if (metadata === undefined || metadata === null) return null;
  return requireJsonObject(metadata, field);
}

export function metadataTooLarge(field: string, bytes: number): StorageError {
  return new StorageError(
    "VALUE_TOO_LARGE",
    `${field} takes ${bytes} bytes as JSON; at most ${MAX_METADATA_BYTES} are allowed`,
    { details: { field, limit: MAX_METADATA_BYTES } },
  );
}

export interface CheckedSearchOptions {
  readonly k: number;
  readonly ef: number | undefined;
  readonly exact: boolean;
  readonly targetRecall: number | undefined;
  readonly consistency: "latest" | "local";
  readonly filter: unknown;
}

export function validateSearchOptions(options: unknown): CheckedSearchOptions {
  const o = requireObject(options, "options") as Partial<Record<keyof SearchOptions, unknown>>;
  const k = requireInteger(o.k, "k", 1, MAX_K);
  const ef = o.ef === undefined ? undefined : requireInteger(o.ef, "ef", 1, MAX_EF);
  const exact = o.exact === undefined ? false : requireBoolean(o.exact, "exact");
  const target = o.targetRecall;
  if (target !== undefined && !(typeof target === "number" && target > 0 && target <= 1)) {
    throw invalidArgument("targetRecall", `must be a number in (0, 1], got ${describe(target)}`);
  }
  const consistency = o.consistency ?? "latest";
  if (consistency !== "latest" && consistency !== "local") {
    throw invalidArgument(
      "consistency",
      `must be "latest" or "local", got ${describe(consistency)}`,
    );
  }
  return {
    k,
    ef,
    exact,
    targetRecall: target as number | undefined,
    consistency,
    filter: o.filter,
  };
}

const FLOAT32_MAX = 3.4028234663852886e38;

/**
 * Checks a query like `validateVector`, but hands a plain array back as is (no copy): the
 * search hot path passes it straight to hnswlib, which wants a plain array.
 */
export function validateQuery(query: unknown, dimension: number, metric: Metric): number[] {
  if (!Array.isArray(query)) return Array.from(validateVector(query, dimension, metric, "query"));
  if (query.length !== dimension) {
    throw invalidArgument(
      "query",
      `has length ${query.length}; the collection's dimension is ${dimension}`,
    );
  }
  let nonZero = false;
  for (let i = 0; i < dimension; i++) {
    const component: unknown = query[i];
    if (typeof component !== "number" || !(Math.abs(component) <= FLOAT32_MAX)) {
      throw invalidArgument(
        "query",
        `component ${i} is not a finite float32: ${describe(component)}`,
      );
    }
    if (!nonZero && Math.fround(component) !== 0) nonZero = true;
  }
  if (metric === "cosine" && !nonZero) {
    throw invalidArgument("query", "is all zeros, which has no direction under the cosine metric");
  }
  return query as number[];
}
