/** Input checks. Each throws before anything is written, so a refused call changes nothing. */
import { describe, MAX_KEY_BYTES, StorageError, toJson, utf8Length } from "@mnemo/core";
import type { CollectionOptions, Metadata, Metric, SearchOptions } from "./types.js";

const METRICS: ReadonlySet<string> = new Set(["cosine", "l2", "ip"]);
/** Leaves room for the tuple framing around an id inside the 1024-byte key limit. */
const MAX_ID_BYTES = MAX_KEY_BYTES - 128;
/** HNSW (and this component's label allocator) count labels in 32 bits. */
export const MAX_LABEL = 0xffff_ffff;

function invalid(field: string, message: string, value?: unknown): StorageError {
  return new StorageError("INVALID_ARGUMENT", `${field} ${message}`, {
    details: value === undefined ? { field } : { field, value },
  });
}

function positiveInteger(value: unknown, field: string, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value <= 0 || value > max) {
    throw invalid(field, `must be an integer in 1..${max}, got ${describe(value)}`, value);
  }
  return value;
}

export function validateName(name: unknown, field = "collection name"): string {
  if (typeof name !== "string" || name.length === 0 || utf8Length(name, 200) > 200) {
    throw invalid(field, `must be a non-empty string of at most 200 bytes, got ${describe(name)}`);
  }
  if (!name.isWellFormed()) throw invalid(field, `contains a lone surrogate: ${describe(name)}`);
  return name;
}

export function validateId(id: unknown): string {
  if (typeof id !== "string" || id.length === 0 || utf8Length(id, MAX_ID_BYTES) > MAX_ID_BYTES) {
    throw new StorageError(
      "INVALID_KEY",
      `id must be a non-empty string of at most ${MAX_ID_BYTES} UTF-8 bytes, got ${describe(id)}`,
      { details: { field: "id" } },
    );
  }
  if (!id.isWellFormed()) {
    throw new StorageError("INVALID_KEY", `id ${describe(id)} contains a lone surrogate`, {
      details: { field: "id" },
    });
  }
  return id;
}

export function validateCollectionOptions(options: CollectionOptions): Required<CollectionOptions> {
  if (typeof options !== "object" || options === null) {
    throw invalid("collection options", "must be an object");
  }
  const dimension = positiveInteger(options.dimension, "dimension", 65_536);
  if (!METRICS.has(options.metric as string)) {
    throw invalid("metric", `must be "cosine", "l2" or "ip", got ${describe(options.metric)}`);
  }
  return {
    dimension,
    metric: options.metric as Metric,
    M: positiveInteger(options.M ?? 16, "M", 256),
    efConstruction: positiveInteger(options.efConstruction ?? 128, "efConstruction", 10_000),
  };
}

/**
 * Copies `vector` into a Float32Array after checking its length and that every component is
 * finite (also after rounding to float32, which turns 1e39 into Infinity), and that a
 * cosine vector is not all zeros (it has no direction).
 */
export function validateVector(
  vector: unknown,
  dimension: number,
  metric: Metric,
  field = "vector",
): Float32Array {
  const source = vector as ArrayLike<unknown> | null | undefined;
  if (
    typeof source !== "object" ||
    source === null ||
    typeof (source as ArrayLike<unknown>).length !== "number"
  ) {
    throw invalid(field, "must be an array or Float32Array of numbers");
  }
  if (source.length !== dimension) {
    throw invalid(field, `has length ${source.length}; the collection's dimension is ${dimension}`);
  }
  const out = new Float32Array(dimension);
  let nonZero = false;
  for (let i = 0; i < dimension; i++) {
    const component = source[i];
    if (typeof component !== "number") {
      throw invalid(field, `component ${i} is not a number: ${describe(component)}`);
    }
    out[i] = component;
    if (!Number.isFinite(out[i]!)) {
      throw invalid(field, `component ${i} is not a finite float32: ${component}`);
    }
    if (out[i] !== 0) nonZero = true;
  }
  if (metric === "cosine" && !nonZero) {
    throw invalid(field, "is all zeros, which has no direction under the cosine metric");
  }
  return out;
}

export function validateMetadata(metadata: unknown): Metadata | null {
  if (metadata === undefined || metadata === null) return null;
  if (typeof metadata !== "object" || Array.isArray(metadata)) {
    throw invalid("metadata", "must be a JSON object, null or absent");
  }
  // Round-trip so stored and in-memory metadata are the same plain JSON.
  return JSON.parse(toJson(metadata, "metadata")) as Metadata;
}

export function validateSearchOptions(options: SearchOptions): void {
  if (typeof options !== "object" || options === null) {
    throw invalid("search options", "must be an object with k");
  }
  positiveInteger(options.k, "k", 10_000);
  if (options.ef !== undefined) positiveInteger(options.ef, "ef", 100_000);
  if (options.exact !== undefined && typeof options.exact !== "boolean") {
    throw invalid("exact", `must be a boolean, got ${describe(options.exact)}`);
  }
  const target = options.targetRecall;
  if (target !== undefined && !(typeof target === "number" && target > 0 && target <= 1)) {
    throw invalid("targetRecall", `must be a number in (0, 1], got ${describe(target)}`);
  }
}

const FLOAT32_MAX = 3.4028234663852886e38;

/**
 * Checks a query like `validateVector`, but hands a plain array back as is (no copy): the
 * search hot path passes it straight to hnswlib, which wants a plain array.
 */
export function validateQuery(query: unknown, dimension: number, metric: Metric): number[] {
  if (!Array.isArray(query)) return Array.from(validateVector(query, dimension, metric, "query"));
  if (query.length !== dimension) {
    throw invalid(
      "query",
      `has length ${query.length}; the collection's dimension is ${dimension}`,
    );
  }
  let nonZero = false;
  for (let i = 0; i < dimension; i++) {
    const component: unknown = query[i];
    if (typeof component !== "number" || !(Math.abs(component) <= FLOAT32_MAX)) {
      throw invalid("query", `component ${i} is not a finite float32: ${describe(component)}`);
    }
    if (!nonZero && Math.fround(component) !== 0) nonZero = true;
  }
  if (metric === "cosine" && !nonZero) {
    throw invalid("query", "is all zeros, which has no direction under the cosine metric");
  }
  return query as number[];
}
