export type { Clock } from "@mnemo/core";
export {
  ARTIFACT_KINDS,
  type ArtifactContent,
  type ArtifactInfo,
  type ArtifactKind,
  type ArtifactStats,
  COMPRESSIONS,
  type Compression,
  type GcResult,
  type ListOptions,
  type ListPage,
  type PutOptions,
  type PutResult,
} from "./artifact.js";
export { ArtifactStore, type ArtifactStoreOptions } from "./artifact-store.js";
