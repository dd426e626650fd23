export {
  type BatchPut,
  type BatchRead,
  BatchReader,
  type BatchWritten,
  type DeleteWitness,
  putBatch,
  readBatch,
  settleBatch,
  settleBatches,
  writeBatch,
} from "./backfill.js";
export { DualWriteBackend, dualWrite } from "./dual-write.js";
export { type ExportOptions, exportStore } from "./export.js";
export {
  EXPORT_FORMAT,
  type ExportHeader,
  type ExportTrailer,
} from "./export-format.js";
export {
  type ExportEvent,
  IMPORT_MODES,
  type ImportMode,
  type ImportResult,
  importStore,
  readExport,
  verifyExport,
} from "./import.js";
export {
  type BackfillOptions,
  type BackfillProgress,
  DEFAULT_BATCH_SIZE,
  DEFAULT_BATCHES_IN_FLIGHT,
  DEFAULT_CHECKPOINT_EVERY,
  MAX_BATCHES_IN_FLIGHT,
  Migration,
  type MigrationStores,
  type StartOptions,
  type TenantVerifyResult,
} from "./migration.js";
export { mirrorKeys } from "./mirror.js";
export {
  isPhase,
  nextPhase,
  PHASES,
  type Phase,
  PhaseCell,
  type PhaseSource,
  previousPhase,
  type Routing,
  requirePhase,
  routingOf,
} from "./phase.js";
export {
  type DigestRange,
  digestRange,
  EntryHasher,
  type RangeDigest,
} from "./range-digest.js";
export {
  type BackfillCheckpoint,
  type MigrationState,
  MigrationStateStore,
  STATE_NAMESPACE,
  STATE_TENANT,
  type VerifySummary,
} from "./state.js";
export {
  type Difference,
  type KeyDifference,
  type VerifyOptions,
  type VerifyResult,
  verifyStores,
} from "./verify.js";
