/** The public shapes of the vector component: plain JSON-able inputs and outputs. */

/** `cosine` and `ip` score higher-is-better; `l2` scores the Euclidean distance, lower-is-better. */
export type Metric = "cosine" | "l2" | "ip";

export type MetadataValue = string | number | boolean | null;
/** Any JSON object; filters look at its top-level fields. */
export type Metadata = Readonly<Record<string, unknown>>;

export interface CollectionOptions {
  /** Length of every vector: any positive integer (384, 768, 1536, 3072, ...). */
  readonly dimension: number;
  readonly metric: Metric;
  /** HNSW graph degree. Default 16. */
  readonly M?: number;
  /** HNSW build-time candidate list. Default 128. */
  readonly efConstruction?: number;
}

export interface CollectionInfo {
  readonly name: string;
  readonly dimension: number;
  readonly metric: Metric;
  readonly M: number;
  readonly efConstruction: number;
  /** Epoch milliseconds. */
  readonly createdAt: number;
}

/**
 * Equality (`{ lang: "en" }`) and membership (`{ lang: { in: ["en", "fr"] } }`) on top-level
 * metadata fields; several fields must all match.
 */
export type Filter = Readonly<
  Record<string, MetadataValue | { readonly in: readonly MetadataValue[] }>
>;

export interface SearchOptions {
  /** How many results, at most. A positive integer. */
  readonly k: number;
  readonly filter?: Filter;
  /** HNSW candidate list size for this query (>= k is used). Overrides the calibrated default. */
  readonly ef?: number;
  /** Brute-force scan over the stored vectors: the reference for every recall figure. */
  readonly exact?: boolean;
  /** Use the smallest calibrated ef whose measured recall@10 reaches this (0 < r <= 1). */
  readonly targetRecall?: number;
  /**
   * `"latest"` (default): the search first reads the log head (one small read) and applies
   * what other processes wrote, so it sees every write acknowledged before it began.
   * `"local"`: this process's index as it is, without that read.
   */
  readonly consistency?: "latest" | "local";
}

/** Paging input of the listings: `limit` default 100, at most 1,000. */
export interface PageOptions {
  readonly cursor?: string;
  readonly limit?: number;
}

/** One entry of `collection.list()`. */
export interface ListedVector {
  readonly id: string;
  readonly metadata: Metadata | null;
}

export interface SearchHit {
  readonly id: string;
  /** Cosine similarity, inner product, or Euclidean distance (l2), per the metric. */
  readonly score: number;
  readonly metadata: Metadata | null;
}

export interface VectorRecord {
  readonly id: string;
  readonly vector: number[];
  readonly metadata: Metadata | null;
}

export interface UpsertItem {
  readonly id: string;
  readonly vector: ArrayLike<number>;
  readonly metadata?: Metadata | null;
}

/** One calibration point: recall@10 against exact search at this ef. */
export interface CalibrationPoint {
  readonly ef: number;
  readonly recall: number;
}

export interface Calibration {
  /** Live vectors when measured; recalibration happens when the count doubles or halves. */
  readonly count: number;
  /** The ef searches use when they name neither `ef` nor `targetRecall`. */
  readonly defaultEf: number;
  readonly target: number;
  readonly points: readonly CalibrationPoint[];
  /** Epoch milliseconds. */
  readonly at: number;
}
