/** Metadata filters compiled once per search into a predicate over in-memory metadata. */
import { describe, invalidArgument, requireObject } from "@mnemo/core";
import type { Metadata, MetadataValue } from "./types.js";

export type MetadataPredicate = (metadata: Metadata | null) => boolean;

/** Fields one filter may name. */
export const MAX_FILTER_FIELDS = 64;
/** Values one `{ in: [...] }` may list. */
export const MAX_FILTER_VALUES = 1024;

function isScalar(value: unknown): value is MetadataValue {
  return (
    value === null ||
    typeof value === "string" ||
    typeof value === "boolean" ||
    (typeof value === "number" && Number.isFinite(value))
  );
}

/**
 * Throws INVALID_ARGUMENT on anything but scalar equality or `{ in: scalar[] }`. Looks at
 * nothing deeper than the `in` list, so a cyclic or deeply nested filter is refused without
 * walking it.
 */
export function compileFilter(filter: unknown): MetadataPredicate | undefined {
  if (filter === undefined) return undefined;
  const fields = Object.entries(requireObject(filter, "filter"));
  if (fields.length > MAX_FILTER_FIELDS) {
    throw invalidArgument("filter", `names ${fields.length} fields; at most ${MAX_FILTER_FIELDS}`);
  }
  const conditions: Array<(metadata: Metadata) => boolean> = [];
  for (const [field, condition] of fields) {
    if (isScalar(condition)) {
      conditions.push((m) => Object.hasOwn(m, field) && m[field] === condition);
      continue;
    }
    const values =
      typeof condition === "object" &&
      condition !== null &&
      !Array.isArray(condition) &&
      Object.keys(condition).length === 1 &&
      Object.hasOwn(condition, "in")
        ? (condition as { in: unknown }).in
        : undefined;
    if (!Array.isArray(values) || values.length > MAX_FILTER_VALUES || !values.every(isScalar)) {
      throw invalidArgument(
        `filter.${field}`,
        `must be a string, finite number, boolean, null or { in: [...] } of at most ${MAX_FILTER_VALUES} of those, got ${describe(condition)}`,
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
