export type { VectorCollection } from "./collection.js";
export type {
  Calibration,
  CalibrationPoint,
  CollectionInfo,
  CollectionOptions,
  Filter,
  Metadata,
  MetadataValue,
  Metric,
  SearchHit,
  SearchOptions,
  UpsertItem,
  VectorRecord,
} from "./types.js";
export { VectorStore, type VectorStoreOptions } from "./vector-store.js";
