export {
  AbstractBackend,
  type BackendScope,
  type LimitOptions,
  type SharedBackendState,
  sharedState,
} from "./abstract-backend.js";
export {
  type AtomicOperation,
  type BackendCharacteristics,
  type BackendLimits,
  type BackendType,
  type CommitCheck,
  type CommitResult,
  DEFAULT_MAX_VALUE_BYTES,
  DEFAULT_NAMESPACE,
  DEFAULT_SCAN_READ_AHEAD_BYTES,
  DEFAULT_TENANT,
  type Entry,
  MAX_COMMIT_BYTES,
  MAX_COMMIT_CHECKS,
  MAX_COMMIT_MUTATIONS,
  MAX_KEY_BYTES,
  type Mutation,
  type PutAbsentResult,
  type ScanOptions,
  type StorageBackend,
  type VersionedEntry,
  type VersionedScanEntry,
  type WriteOp,
} from "./backend.js";
export {
  assertBlake3Hex,
  BLAKE3_HEX_LENGTH,
  type Blake3Hasher,
  blake3Hex,
  createBlake3,
  isBlake3Hex,
} from "./blake3.js";
export { bytesEqual, utf8Decode, utf8Encode } from "./bytes.js";
export {
  type CasUpdate,
  type CasUpdateOptions,
  casUpdate,
  UNCHANGED,
} from "./cas-update.js";
export { type Clock, systemClock } from "./clock.js";
export {
  AtomicBuilder,
  type NormalizedCheck,
  type NormalizedCommit,
  normalizeCommit,
  toCounterDelta,
} from "./commit.js";
export {
  addCounter,
  COUNTER_BYTES,
  decodeCounter,
  encodeCounter,
  MAX_COUNTER,
  MIN_COUNTER,
} from "./counter.js";
export { type CursorPart, decodeCursor, encodeCursor } from "./cursor.js";
export {
  describe,
  STORAGE_ERROR_CODES,
  StorageError,
  type StorageErrorCode,
  type StorageErrorOptions,
} from "./errors.js";
export {
  clockNow,
  invalidArgument,
  MAX_ID_BYTES,
  MAX_TIMESTAMP_MS,
  MIN_TIMESTAMP_MS,
  optional,
  requireArray,
  requireBoolean,
  requireClock,
  requireDuration,
  requireFiniteNumber,
  requireId,
  requireInteger,
  requireJsonObject,
  requireLimit,
  requireNonEmptyString,
  requireNonNegative,
  requireObject,
  requireOptions,
  requireOrderedRange,
  requirePositiveInteger,
  requireString,
  requireTimestamp,
} from "./input.js";
export { assertJson, canonicalJson, MAX_JSON_DEPTH, toJson } from "./json.js";
export { compareKeys, prefixUpperBound, utf8Length } from "./key-order.js";
export { type Page, page } from "./page.js";
export { normalizePutAbsent } from "./put-absent.js";
export { jsonRecordCodec, type RecordCodec } from "./record-codec.js";
export {
  type Transaction,
  type TransactOptions,
  type TransactResult,
  transact,
} from "./transact.js";
export {
  decodeTuple,
  encodeTuple,
  key,
  type Tuple,
  type TupleElement,
  tupleBetween,
  tupleRange,
} from "./tuple.js";
export {
  collectKeys,
  inRange,
  type KeyBound,
  type KeyRange,
  normalizeScan,
  normalizeWriteOps,
  validateKey,
  validateNamespace,
  validateTenantId,
  validateValue,
} from "./validation.js";
export { formatVersion, MAX_VERSION_LENGTH, parseVersion, validateVersion } from "./version.js";
