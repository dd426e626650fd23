/**
 * Bulk load of new facts in one atomic `write()`: every record, version and index entry, or
 * nothing. It skips the per-fact checked commit (that is what makes it fast), so it is a
 * loading path, not for facts other writers touch at the same time.
 */
import {
  describe,
  invalidArgument,
  requireArray,
  requireId,
  requireObject,
  type StorageBackend,
  StorageError,
  type WriteOp,
} from "@mnemo/core";
import type { FactStore } from "./fact-store.js";
import { type EntityData, entityData, type RelationshipData, relationshipData } from "./inputs.js";
import { type FactKind, headKey, requireKeyLength } from "./keys.js";
import type { ImportInput, ImportResult } from "./types.js";
import type { Tx } from "./versions.js";

/**
 * Most facts one `importFacts` call takes. Its one `write()` holds up to six keys per fact
 * (head, version, current entry, three index entries): 2,000 facts keep it within what one
 * PostgreSQL transaction locks with the server's defaults (24,000 keys failed there with
 * "out of shared memory"; 12,000 passed).
 */
export const MAX_IMPORT_FACTS = 2000;

interface Fact<D> {
  readonly id: string;
  readonly data: D;
}

export interface ImportContext {
  readonly store: StorageBackend;
  readonly facts: FactStore;
  readonly generateId: () => string;
  readonly requireEntities: (ids: readonly string[]) => Promise<void>;
}

function readFacts<D>(
  value: unknown,
  field: string,
  context: ImportContext,
  read: (input: unknown) => D,
): Fact<D>[] {
  const list = requireArray(value ?? [], field, MAX_IMPORT_FACTS);
  return list.map((item) => {
    const raw = requireObject(item, field);
    const id = raw.id === undefined ? context.generateId() : requireId(raw.id, "id");
    return { id, data: read(raw) };
  });
}

export async function importFacts(
  context: ImportContext,
  input: ImportInput,
  validFrom: number,
  tx: Tx,
): Promise<ImportResult> {
  const raw = requireObject(input, "input");
  const entities = readFacts<EntityData>(raw.entities, "entities", context, (e) => entityData(e));
  const relationships = readFacts<RelationshipData>(
    raw.relationships,
    "relationships",
    context,
    (r) => relationshipData(r),
  );
  if (entities.length + relationships.length > MAX_IMPORT_FACTS) {
    throw invalidArgument("input", `holds more than ${MAX_IMPORT_FACTS} facts; import in batches`);
  }
  const keys: string[] = [];
  const ops: WriteOp[] = [];
  const each = <D>(kind: FactKind, facts: readonly Fact<D>[]) => {
    const seen = new Set<string>();
    for (const { id, data } of facts) {
      if (seen.has(id))
        throw invalidArgument("id", `${describe(id)} appears twice among the ${kind} facts`, id);
      seen.add(id);
      keys.push(requireKeyLength(headKey(kind, id), "id"));
      for (const m of context.facts.newFact(kind, id, validFrom, data, tx)) {
        if (m.type === "put") ops.push({ type: "put", key: m.key, value: m.value });
      }
    }
  };
  each("entity", entities);
  each("relationship", relationships);
  const batchEntities = new Set(entities.map((e) => e.id));
  await context.requireEntities(
    relationships.flatMap((r) => [r.data.from, r.data.to]).filter((id) => !batchEntities.has(id)),
  );
  const found = await context.store.getBatch(keys);
  if (found.size > 0) {
    const [taken] = found.keys();
    throw new StorageError(
      "FAILED_PRECONDITION",
      `importFacts: fact ${describe(taken)} already exists`,
      {
        details: { key: taken },
      },
    );
  }
  await context.store.write(ops);
  return { entities: entities.length, relationships: relationships.length };
}
