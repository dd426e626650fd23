export type { Clock, Page } from "@mnemo/core";
export {
  ARTIFACT_KINDS,
  type ArtifactContent,
  type ArtifactInfo,
  type ArtifactKind,
  type ArtifactStats,
  COMPRESSIONS,
  type Compression,
  type ContentInfo,
  type GcResult,
  type ListOptions,
  type PageOptions,
  type PutOptions,
  type PutResult,
} from "./artifact.js";
export { ArtifactStore } from "./artifact-store.js";
export {
  type ArtifactStoreOptions,
  MAX_CHUNKS,
  MAX_METADATA_BYTES,
  MAX_NAME_BYTES,
} from "./input.js";
export { DEFAULT_LIMIT, MAX_LIMIT, MAX_SCANNED } from "./listing.js";
