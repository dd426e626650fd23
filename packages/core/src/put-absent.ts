/**
 * `putAbsent` in canonical form: the public method validates every entry and the limits here,
 * before anything is sent, and hands backends one entry per key.
 */
import {
  type BackendLimits,
  type Entry,
  MAX_COMMIT_BYTES,
  MAX_COMMIT_MUTATIONS,
} from "./backend.js";
import { StorageError } from "./errors.js";
import { validateKey, validateValue } from "./validation.js";

/**
 * Validated entries, one per key (the last value named), in the order keys were first named.
 * Refuses more than `MAX_COMMIT_MUTATIONS` entries or `MAX_COMMIT_BYTES` bytes, like a commit.
 */
export function normalizePutAbsent(entries: Iterable<Entry>, limits: BackendLimits): Entry[] {
  if (
    entries == null ||
    typeof entries === "string" ||
    typeof (entries as Iterable<Entry>)[Symbol.iterator] !== "function"
  ) {
    throw new StorageError(
      "INVALID_ARGUMENT",
      "putAbsent() takes an iterable of [key, value] pairs",
    );
  }
  const last = new Map<string, Uint8Array>();
  let bytes = 0;
  let index = 0;
  for (const entry of entries) {
    if (!Array.isArray(entry) || entry.length !== 2) {
      throw new StorageError(
        "INVALID_ARGUMENT",
        `putAbsent() entry ${index} is not a [key, value] pair`,
        { details: { index } },
      );
    }
    const [key, value] = entry as [string, Uint8Array];
    validateKey(key);
    validateValue(key, value, limits);
    if (++index > MAX_COMMIT_MUTATIONS) {
      throw new StorageError(
        "INVALID_ARGUMENT",
        `putAbsent() takes at most ${MAX_COMMIT_MUTATIONS} entries`,
        { details: { limit: "MAX_COMMIT_MUTATIONS", max: MAX_COMMIT_MUTATIONS } },
      );
    }
    const earlier = last.get(key);
    bytes +=
      (earlier === undefined ? Buffer.byteLength(key) : -earlier.byteLength) + value.byteLength;
    if (bytes > MAX_COMMIT_BYTES) {
      throw new StorageError(
        "VALUE_TOO_LARGE",
        `putAbsent() takes at most ${MAX_COMMIT_BYTES} bytes of keys and values`,
        { details: { limit: "MAX_COMMIT_BYTES", max: MAX_COMMIT_BYTES } },
      );
    }
    last.set(key, value);
  }
  return [...last];
}
