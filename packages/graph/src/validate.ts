/** The graph's own input checks; the generic ones come from @mnemo/core. */
import { describe, invalidArgument, requireFiniteNumber } from "@mnemo/core";
import type { Direction } from "./types.js";

/** `[validFrom, validTo)`, `validTo` null for open; refused unless validTo > validFrom. */
export function checkInterval(
  validFrom: unknown,
  validTo: unknown,
  [fromField, toField]: readonly [string, string] = ["validFrom", "validTo"],
): { from: number; to: number | null } {
  const from = requireFiniteNumber(validFrom, fromField);
  if (validTo === null || validTo === undefined) return { from, to: null };
  const to = requireFiniteNumber(validTo, toField);
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
