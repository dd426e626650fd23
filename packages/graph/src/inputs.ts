/** The graph's input checks; the generic ones come from @mnemo/core. */
import {
  describe,
  invalidArgument,
  optional,
  requireArray,
  requireId,
  requireJsonObject,
  requireNonEmptyString,
  requireObject,
  requireTimestamp,
} from "@mnemo/core";
import type { Direction, EntityInput, Properties, RelationshipInput } from "./types.js";

export interface EntityData {
  readonly type: string;
  readonly name: string;
  readonly properties: Properties;
}

export interface RelationshipData {
  readonly from: string;
  readonly to: string;
  readonly type: string;
  readonly properties: Properties;
}

/** Longest `name`, in UTF-16 code units: a name is a label, not a document. */
export const MAX_NAME_LENGTH = 4096;

/** `[validFrom, validTo)`, `validTo` null for open; refused unless validTo > validFrom. */
export function checkInterval(
  validFrom: unknown,
  validTo: unknown,
  [fromField, toField]: readonly [string, string] = ["validFrom", "validTo"],
): { from: number; to: number | null } {
  const from = requireTimestamp(validFrom, fromField);
  if (validTo === null || validTo === undefined) return { from, to: null };
  const to = requireTimestamp(validTo, toField);
  if (to <= from) {
    throw invalidArgument(toField, `(${to}) must be later than ${fromField} (${from})`, to);
  }
  return { from, to };
}

export function checkDirection(value: unknown): Direction {
  if (value === "out" || value === "in" || value === "both") return value;
  throw invalidArgument(
    "direction",
    `must be "out", "in" or "both", got ${describe(value)}`,
    value,
  );
}

function checkName(value: unknown): string {
  const name = requireNonEmptyString(value, "name");
  if (name.length > MAX_NAME_LENGTH) {
    throw invalidArgument("name", `is longer than ${MAX_NAME_LENGTH} characters`);
  }
  return name;
}

export function entityData(input: unknown, field = "entity"): EntityData {
  const raw = requireObject(input, field) as Partial<EntityInput>;
  return {
    type: requireId(raw.type, "type"),
    name: checkName(raw.name),
    properties: optional(raw.properties, "properties", requireJsonObject) ?? {},
  };
}

export function relationshipData(input: unknown, field = "relationship"): RelationshipData {
  const raw = requireObject(input, field) as Partial<RelationshipInput>;
  return {
    from: requireId(raw.from, "from"),
    to: requireId(raw.to, "to"),
    type: requireId(raw.type, "type"),
    properties: optional(raw.properties, "properties", requireJsonObject) ?? {},
  };
}

/** At most this many relationship types per traversal: one index scan per type and entity. */
export const MAX_RELATIONSHIP_TYPES = 16;

export function checkTypes(types: unknown): string[] | undefined {
  if (types === undefined) return undefined;
  const list = requireArray(types, "relationshipTypes", MAX_RELATIONSHIP_TYPES);
  return [...new Set(list.map((t) => requireId(t, "relationshipTypes")))];
}
