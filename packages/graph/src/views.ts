/** Stored versions as the public shapes. */
import type { EntityData, RelationshipData } from "./inputs.js";
import type { EntityVersion, RelationshipVersion } from "./types.js";
import type { StoredVersion } from "./versions.js";

export function entityView(id: string, v: StoredVersion<EntityData>): EntityVersion {
  const { type, name, properties } = v.data;
  return { id, type, name, properties, ...times(v) };
}

export function relationshipView(
  id: string,
  v: StoredVersion<RelationshipData>,
): RelationshipVersion {
  const { from, to, type, properties } = v.data;
  return { id, from, to, type, properties, ...times(v) };
}

function times(v: StoredVersion<unknown>) {
  return { validFrom: v.validFrom, validTo: v.validTo, txFrom: v.txFrom, txTo: v.txTo };
}
