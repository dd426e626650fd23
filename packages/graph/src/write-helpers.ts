/** What the graph's writes share: the index keys of a version, refusals, the version returned. */
import { describe, StorageError } from "@mnemo/core";
import type { EntityData, RelationshipData } from "./inputs.js";
import { endpointKey, type FactKind, relationshipTypeKey, typeKey } from "./keys.js";
import type { FactHead, StoredVersion } from "./versions.js";

export function indexKeys(kind: FactKind, id: string, data: unknown): string[] {
  if (kind === "entity") return [typeKey((data as EntityData).type, id)];
  const { from, to, type } = data as RelationshipData;
  return [
    endpointKey("out", from, type, id),
    endpointKey("in", to, type, id),
    relationshipTypeKey(type, id),
  ];
}

export function existing(kind: FactKind, id: string, head: FactHead<unknown> | undefined): void {
  if (head === undefined) {
    throw new StorageError("NOT_FOUND", `${kind} ${describe(id)} was never asserted`, {
      details: { kind, id },
    });
  }
}

/** The version a write added at `from` (the one an assert or correction returns). */
export function writtenVersion<D>(
  done: { change: { added: StoredVersion<D>[] } } | undefined,
  from: number,
): StoredVersion<D> {
  const version = done?.change.added.find((v) => v.validFrom === from && v.txTo === null);
  if (version === undefined) {
    throw new StorageError("CORRUPTED", "a write with data added no version at its start");
  }
  return version;
}
