/**
 * The three ways a search is answered: the HNSW index (with the filter inside its search),
 * an exact pass over the in-memory index (very selective filters), and the exact scan of the
 * stored vectors (the reference for recall).
 */
import type { StorageBackend } from "@mnemo/core";
import { type Distance, scoreOf, TopK } from "./distance.js";
import type { MetadataPredicate } from "./filter.js";
import { decodeItem } from "./item-codec.js";
import { keys } from "./keys.js";
import type { LiveIndex } from "./live-index.js";
import type { StoredConfig } from "./records.js";
import type { SearchHit } from "./types.js";

export interface Scored {
  readonly label: number;
  readonly distance: number;
}

export interface SearchContext {
  readonly store: StorageBackend;
  readonly config: StoredConfig;
  readonly live: LiveIndex;
  readonly distance: Distance;
}

/** Up to `k` live labels nearest `point`, from the HNSW graph at `ef`. */
export function searchIndex(
  live: LiveIndex,
  point: number[],
  k: number,
  ef: number,
  filter: ((label: number) => boolean) | undefined,
): Scored[] {
  const { index, labels } = live;
  index.setEf(Math.max(ef, k));
  const result =
    filter === undefined ? index.searchKnn(point, k) : index.searchKnn(point, k, filter);
  const hits: Scored[] = [];
  for (let i = 0; i < result.neighbors.length; i++) {
    const label = result.neighbors[i]!;
    if (labels.has(label)) hits.push({ label, distance: result.distances[i]! });
  }
  return hits;
}

export function toHit(context: SearchContext, { label, distance }: Scored): SearchHit {
  const record = context.live.labels.get(label)!;
  return {
    id: record.id,
    score: scoreOf(context.config.metric, distance),
    metadata: record.metadata,
  };
}

/** The reference: every stored vector read from the backend and compared. */
export async function exactScan(
  context: SearchContext,
  vector: Float32Array,
  k: number,
  predicate: MetadataPredicate | undefined,
): Promise<SearchHit[]> {
  const top = new TopK(k);
  const { store, config, live } = context;
  for await (const [key, bytes] of store.scan(keys.items(config.uid))) {
    const item = decodeItem(bytes, config.dimension, key);
    const record = live.labels.get(item.label);
    if (record === undefined) continue;
    if (predicate !== undefined && !predicate(record.metadata)) continue;
    top.push(context.distance(vector, item.vector), item.label);
  }
  // The scan awaited: a label may have been deleted meanwhile.
  return top
    .sorted()
    .flatMap((scored) => (live.labels.has(scored.label) ? [toHit(context, scored)] : []));
}

/** Exact over the matching vectors, read from the in-memory index. */
export function exactInMemory(
  context: SearchContext,
  vector: Float32Array,
  k: number,
  predicate: MetadataPredicate | undefined,
): SearchHit[] {
  const top = new TopK(k);
  const { live } = context;
  for (const [label, record] of live.labels) {
    if (predicate !== undefined && !predicate(record.metadata)) continue;
    // cosine points come back normalised, which leaves the cosine distance unchanged.
    const point = Float32Array.from(live.index.getPoint(label));
    top.push(context.distance(vector, point), label);
  }
  return top.sorted().map((scored) => toHit(context, scored));
}
