/**
 * Entry versions as the built-in backends make them: a 64-bit commit number as 16 lowercase
 * hex digits, so string order is numeric order. Callers treat versions as opaque strings.
 */
import { describe, StorageError } from "./errors.js";

const VERSION_PATTERN = /^[0-9a-f]{16}$/;

/** Longest version string a check may carry (decorators may compose versions). */
export const MAX_VERSION_LENGTH = 256;

export function formatVersion(commitNumber: bigint | number): string {
  return commitNumber.toString(16).padStart(16, "0");
}

/** The commit number of a version this format made, or `undefined` for any other string. */
export function parseVersion(version: string): bigint | undefined {
  return VERSION_PATTERN.test(version) ? BigInt(`0x${version}`) : undefined;
}

/** A check's expected version: a non-empty string, or `null` for "absent". */
export function validateVersion(version: unknown, key: string): asserts version is string | null {
  if (version === null) return;
  if (
    typeof version !== "string" ||
    version.length === 0 ||
    version.length > MAX_VERSION_LENGTH ||
    !version.isWellFormed()
  ) {
    throw new StorageError(
      "INVALID_ARGUMENT",
      `check of key ${describe(key)}: version must be a version string or null, got ${describe(version)}`,
      { details: { key, field: "version" } },
    );
  }
}
