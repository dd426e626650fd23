/**
 * The three ways a search is answered: the HNSW index (with the filter inside its search),
 * an exact pass over the in-memory index (very selective filters), and the exact scan of the
 * stored vectors (the reference for recall).
 */
import type { StorageBackend } from "@mnemo/core";
import {
  CALIBRATION_K,
  efForRecall,
  MIN_CALIBRATION_COUNT,
  SMALL_COLLECTION_EF,
} from "./calibration.js";
import type { Calibrations } from "./calibrator.js";
import { type Distance, scoreOf, TopK } from "./distance.js";
import type { MetadataPredicate } from "./filter.js";
import { decodeItem } from "./item-codec.js";
import { keys } from "./keys.js";
import type { LiveIndex } from "./live-index.js";
import type { StoredConfig } from "./records.js";
import type { SearchHit } from "./types.js";
import type { CheckedSearchOptions } from "./validation.js";

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

export interface SearchPlan {
  readonly options: CheckedSearchOptions;
  readonly predicate: MetadataPredicate | undefined;
  readonly filterExactBelow: number;
  readonly calibrations: Calibrations;
  /** Throws when the collection closed while a calibration ran. */
  assertOpen(): void;
}

/**
 * Top `k` by the collection's metric, best first. Filters run inside the HNSW search; a
 * filter matching at most `filterExactBelow` vectors, or an HNSW answer short of the
 * matches available, is answered by an exact scan of the matching vectors instead.
 */
export async function answerSearch(
  context: SearchContext,
  query: number[],
  plan: SearchPlan,
): Promise<SearchHit[]> {
  const { options, predicate } = plan;
  let point = query;
  if (options.exact) return exactScan(context, Float32Array.from(point), options.k, predicate);
  const { labels } = context.live;
  const live = labels.size;
  if (live === 0) return [];
  let matching = live;
  if (predicate !== undefined) {
    matching = 0;
    for (const record of labels.values()) if (predicate(record.metadata)) matching++;
    if (matching === 0) return [];
    if (matching <= plan.filterExactBelow) {
      return exactInMemory(context, Float32Array.from(point), options.k, predicate);
    }
  }
  const k = Math.min(options.k, matching);
  let ef = options.ef;
  if (ef === undefined) {
    let calibration = plan.calibrations.fresh();
    if (calibration === undefined && live >= MIN_CALIBRATION_COUNT) {
      point = point.slice(); // the caller's array may change while calibration runs
      calibration = await plan.calibrations.current();
      plan.assertOpen();
    }
    if (options.targetRecall !== undefined) {
      ef =
        calibration === undefined
          ? SMALL_COLLECTION_EF
          : efForRecall(calibration, options.targetRecall);
      // No calibrated ef reaches the target: only the exact scan promises it.
      if (ef === undefined) {
        return exactScan(context, Float32Array.from(point), options.k, predicate);
      }
    } else {
      ef = calibration?.defaultEf ?? SMALL_COLLECTION_EF;
    }
    // Calibrated for top-10: a longer list needs a proportionally longer candidate list.
    if (k > CALIBRATION_K) ef = Math.ceil((ef * k) / CALIBRATION_K);
  }
  const hits = searchIndex(
    context.live,
    point,
    k,
    ef,
    predicate === undefined
      ? undefined
      : (label) => {
          const record = labels.get(label);
          return record !== undefined && predicate(record.metadata);
        },
  );
  if (hits.length < k) {
    return exactInMemory(context, Float32Array.from(point), options.k, predicate);
  }
  return hits.map((scored) => toHit(context, scored));
}
