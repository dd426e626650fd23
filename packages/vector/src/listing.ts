/** Reads straight from the store: one vector, and the paged listing of a collection's ids. */
import {
  decodeCursor,
  decodeTuple,
  encodeCursor,
  type Page,
  page,
  requireId,
  requireLimit,
  requireOptions,
  type StorageBackend,
  StorageError,
} from "@mnemo/core";
import { decodeItem } from "./item-codec.js";
import { keys } from "./keys.js";
import { labelCodec, type StoredConfig } from "./records.js";
import type { ListedVector, PageOptions, VectorRecord } from "./types.js";

export const LIST_DEFAULT = 100;
export const LIST_MAX = 1000;
/** The first part of every `list()` cursor: a cursor of another listing is refused. */
const CURSOR_TAG = "vector-ids";

/** The stored vector and metadata of `id` (a checked id), or undefined. */
export async function readVector(
  store: StorageBackend,
  config: StoredConfig,
  id: string,
): Promise<VectorRecord | undefined> {
  const key = keys.item(config.uid, id);
  const bytes = await store.get(key);
  if (bytes === undefined) return undefined;
  const { label, vector } = decodeItem(bytes, config.dimension, key);
  const recordKey = keys.label(config.uid, label);
  const record = await store.get(recordKey);
  // Deleted between the two reads.
  if (record === undefined) return undefined;
  const { metadata } = labelCodec.decode(record, recordKey);
  return { id, vector: Array.from(vector), metadata };
}

/** Ids with their metadata in id order (UTF-8 byte order); the cursor names the last id. */
export async function listVectors(
  store: StorageBackend,
  config: StoredConfig,
  options: PageOptions | undefined,
): Promise<Page<ListedVector>> {
  const o = requireOptions(options);
  const limit = requireLimit(o.limit, LIST_DEFAULT, LIST_MAX);
  const { uid, dimension, name } = config;
  const after =
    o.cursor === undefined
      ? undefined
      : decodeCursor(o.cursor, "vector collection", (parts) =>
          parts.length === 3 && parts[0] === CURSOR_TAG && parts[1] === name
            ? safeId(parts[2])
            : undefined,
        );
  const range = keys.items(uid);
  const scan =
    after === undefined
      ? { ...range, limit: limit + 1 }
      : {
          gt: keys.item(uid, after),
          ...(range.lt === undefined ? {} : { lt: range.lt }),
          limit: limit + 1,
        };
  const found: Array<{ id: string; label: number }> = [];
  for await (const [key, bytes] of store.scan(scan)) {
    const id = decodeTuple(key)[3];
    if (typeof id !== "string") throw new StorageError("CORRUPTED", `item key ${key} has no id`);
    found.push({ id, label: decodeItem(bytes, dimension, key).label });
  }
  const more = found.length > limit;
  if (more) found.length = limit;
  const records = await store.getBatch(found.map((f) => keys.label(uid, f.label)));
  const items: ListedVector[] = [];
  for (const { id, label } of found) {
    const recordKey = keys.label(uid, label);
    const bytes = records.get(recordKey);
    // Absent: deleted between the two reads.
    if (bytes !== undefined) {
      items.push({ id, metadata: labelCodec.decode(bytes, recordKey).metadata });
    }
  }
  const last = found.at(-1);
  return page(items, more && last ? encodeCursor([CURSOR_TAG, name, last.id]) : undefined);
}

/** An id decoded from a cursor, if it is one a listing could have returned. */
function safeId(value: unknown): string | undefined {
  try {
    return requireId(value, "cursor");
  } catch {
    return undefined;
  }
}
