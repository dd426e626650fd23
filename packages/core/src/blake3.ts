/**
 * The one blake3 helper Mnemo uses (artifacts, hook history). It uses the `blake3` package's
 * native N-API binding, built from source at install (see the README for why), 3-5x faster
 * than its WebAssembly build on large inputs.
 */
import { createHash, hash } from "blake3";
import { describe, StorageError } from "./errors.js";

/** Length of a blake3 digest in hex characters. */
export const BLAKE3_HEX_LENGTH = 64;
const BLAKE3_HEX = /^[0-9a-f]{64}$/;

export function blake3Hex(data: Uint8Array | string): string {
  return hash(data).toString("hex");
}

export interface Blake3Hasher {
  update(data: Uint8Array | string): Blake3Hasher;
  digestHex(): string;
}

/** An incremental hasher for content that arrives in chunks. */
export function createBlake3(): Blake3Hasher {
  const inner = createHash();
  const hasher: Blake3Hasher = {
    update(data) {
      inner.update(data);
      return hasher;
    },
    digestHex() {
      return inner.digest().toString("hex");
    },
  };
  return hasher;
}

export function isBlake3Hex(value: unknown): value is string {
  return typeof value === "string" && BLAKE3_HEX.test(value);
}

/** Throws `INVALID_ARGUMENT` unless `value` is 64 lowercase hex characters. */
export function assertBlake3Hex(value: unknown, field = "hash"): asserts value is string {
  if (!isBlake3Hex(value)) {
    throw new StorageError(
      "INVALID_ARGUMENT",
      `${field} must be a blake3 digest (64 lowercase hex characters), got ${describe(value)}`,
      { details: { field } },
    );
  }
}
