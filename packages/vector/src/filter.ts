/** Metadata filters compiled once per search into a predicate over in-memory metadata. */
import { describe, StorageError } from "@mnemo/core";
import type { Filter, Metadata, MetadataValue } from "./types.js";

export type MetadataPredicate = (metadata: Metadata | null) => boolean;

function isScalar(value: unknown): value is MetadataValue {
  return (
    value === null ||
    typeof value === "string" ||
    typeof value === "boolean" ||
    (typeof value === "number" && Number.isFinite(value))
  );
}

function invalid(field: string, message: string): StorageError {
  return new StorageError("INVALID_ARGUMENT", `filter.${field} ${message}`, {
    details: { field: `filter.${field}` },
  });
}

/** Throws INVALID_ARGUMENT on anything but scalar equality or `{ in: scalar[] }`. */
export function compileFilter(filter: Filter | undefined): MetadataPredicate | undefined {
  if (filter === undefined) return undefined;
  if (typeof filter !== "object" || filter === null || Array.isArray(filter)) {
    throw new StorageError("INVALID_ARGUMENT", "filter must be an object of field conditions", {
      details: { field: "filter" },
    });
  }
  const conditions: Array<(metadata: Metadata) => boolean> = [];
  for (const [field, condition] of Object.entries(filter)) {
    if (isScalar(condition)) {
      conditions.push((m) => Object.hasOwn(m, field) && m[field] === condition);
      continue;
    }
    const keys = typeof condition === "object" && condition !== null ? Object.keys(condition) : [];
    const values = (condition as { in?: unknown }).in;
    if (keys.length !== 1 || !Array.isArray(values) || !values.every(isScalar)) {
      throw invalid(
        field,
        `must be a string, finite number, boolean, null or { in: [...] } of those, got ${describe(JSON.stringify(condition))}`,
      );
    }
    const allowed = new Set<unknown>(values);
    conditions.push((m) => Object.hasOwn(m, field) && allowed.has(m[field]));
  }
  return (metadata) => {
    if (metadata === null) return conditions.length === 0;
    for (const condition of conditions) if (!condition(metadata)) return false;
    return true;
  };
}
