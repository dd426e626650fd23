export {
  AbstractBackend,
  type BackendScope,
  type SharedBackendState,
  sharedState,
} from "./abstract-backend.js";
export {
  type BackendCharacteristics,
  type BackendLimits,
  type BackendType,
  DEFAULT_MAX_VALUE_BYTES,
  DEFAULT_NAMESPACE,
  DEFAULT_TENANT,
  type Entry,
  MAX_KEY_BYTES,
  type ScanOptions,
  type StorageBackend,
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
export { type CursorPart, decodeCursor, encodeCursor } from "./cursor.js";
export {
  describe,
  STORAGE_ERROR_CODES,
  StorageError,
  type StorageErrorCode,
  type StorageErrorOptions,
} from "./errors.js";
export {
  invalidArgument,
  MAX_ID_BYTES,
  optional,
  requireBoolean,
  requireFiniteNumber,
  requireId,
  requireInteger,
  requireJsonObject,
  requireLimit,
  requireNonEmptyString,
  requireNonNegative,
  requireObject,
  requireOrderedRange,
  requireString,
  requireTimestamp,
} from "./input.js";
export { compareKeys, prefixUpperBound, utf8Length } from "./key-order.js";
export { jsonRecordCodec, type RecordCodec, toJson } from "./record-codec.js";
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
