export { MAX_UPSERT_ITEMS, type VectorCollection } from "./collection.js";
export { MAX_FILTER_FIELDS, MAX_FILTER_VALUES } from "./filter.js";
export type { VectorStoreOptions } from "./options.js";
export type {
  Calibration,
  CalibrationPoint,
  CollectionInfo,
  CollectionOptions,
  Filter,
  ListedVector,
  Metadata,
  MetadataValue,
  Metric,
  PageOptions,
  SearchHit,
  SearchOptions,
  UpsertItem,
  VectorRecord,
} from "./types.js";
export { MAX_DIMENSION, MAX_EF, MAX_K, MAX_METADATA_BYTES } from "./validation.js";
export { VectorStore } from "./vector-store.js";
export { ITEMS_PER_COMMIT } from "./writes.js";
