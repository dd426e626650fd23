/**
 * The value envelope: what LevelDB stores for each entry.
 *
 *   byte 0       format (ENVELOPE_V1 = 0x01)
 *   bytes 1-4    CRC-32 (IEEE, big-endian) of: the stored key's UTF-8 bytes, then bytes 5..end
 *   bytes 5-12   the commit number that wrote the entry (unsigned 64-bit big-endian): its version
 *   bytes 13..   the value as given
 *
 * The checksum covers the stored key (`namespace \0 tenant \0 key`), so a value that moved to
 * another key, or a key whose bytes changed in a table, fails as surely as a flipped value
 * byte; and it covers the commit number, so a version cannot silently change. The format
 * byte is checked by equality: in a store whose marker says every value is enveloped (see
 * store-format.ts), anything else is corruption.
 */
import { describe, StorageError } from "@mnemo/core";
import { crc32, crc32String } from "./checksum.js";

export const ENVELOPE_V1 = 0x01;
export const ENVELOPE_HEADER_BYTES = 13;

/** The checksum of a stored key, where an entry's checksum starts (see Keyspace.checksum). */
export function keyChecksum(storedKey: string, after = 0): number {
  return crc32String(storedKey, after);
}

/** Wraps `value` for `storedKey`, written by commit `commit`. */
export function seal(storedKey: string, commit: number, value: Uint8Array): Uint8Array {
  return sealWith(crc32String(storedKey), commit, value);
}

/** `seal` for a key whose checksum (`keyChecksum`) is known. */
export function sealWith(keyCrc: number, commit: number, value: Uint8Array): Uint8Array {
  const sealed = new Uint8Array(ENVELOPE_HEADER_BYTES + value.byteLength);
  sealed[0] = ENVELOPE_V1;
  // Commit numbers stay below 2^53 (see commit-clock.ts): two 32-bit halves, no BigInt.
  writeUint32(sealed, 5, Math.floor(commit / 0x1_0000_0000));
  writeUint32(sealed, 9, commit >>> 0);
  sealed.set(value, ENVELOPE_HEADER_BYTES);
  writeUint32(sealed, 1, crc32(sealed, keyCrc, 5));
  return sealed;
}

// Byte by byte: a DataView per call costs more than the checksum of a small value.
function writeUint32(bytes: Uint8Array, at: number, value: number): void {
  bytes[at] = value >>> 24;
  bytes[at + 1] = value >>> 16;
  bytes[at + 2] = value >>> 8;
  bytes[at + 3] = value;
}

function readUint32(bytes: Uint8Array, at: number): number {
  return (
    ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0
  );
}

function corrupted(storedKey: string, userKey: string, why: string): StorageError {
  return new StorageError(
    "CORRUPTED",
    `stored value of key ${describe(userKey)} is corrupted (${why}); the store needs repair or a restore`,
    { details: { key: userKey, storedKey } },
  );
}

/** The commit number inside a verified envelope. */
export function commitOf(sealed: Uint8Array): number {
  return readUint32(sealed, 5) * 0x1_0000_0000 + readUint32(sealed, 9);
}

/**
 * Checks `sealed` (as read for `storedKey`) and returns it: a mismatch is `CORRUPTED` naming
 * `userKey`. `value(sealed)` and `commitOf(sealed)` then read it.
 */
export function verify(storedKey: string, userKey: string, sealed: Uint8Array): Uint8Array {
  return verifyWith(crc32String(storedKey), storedKey, userKey, sealed);
}

/** `verify` for a key whose checksum (`keyChecksum`) is known. */
export function verifyWith(
  keyCrc: number,
  storedKey: string,
  userKey: string,
  sealed: Uint8Array,
): Uint8Array {
  if (sealed.byteLength < ENVELOPE_HEADER_BYTES) {
    throw corrupted(storedKey, userKey, `${sealed.byteLength} bytes, shorter than the envelope`);
  }
  if (sealed[0] !== ENVELOPE_V1) {
    throw corrupted(storedKey, userKey, `unknown value format 0x${sealed[0]!.toString(16)}`);
  }
  if (readUint32(sealed, 1) !== crc32(sealed, keyCrc, 5)) {
    throw corrupted(storedKey, userKey, "checksum mismatch");
  }
  return sealed;
}

/** The value inside an envelope, as a plain Uint8Array over the same memory. */
export function sealedValue(sealed: Uint8Array): Uint8Array {
  return new Uint8Array(
    sealed.buffer,
    sealed.byteOffset + ENVELOPE_HEADER_BYTES,
    sealed.byteLength - ENVELOPE_HEADER_BYTES,
  );
}

/** Whether `sealed` is a valid envelope for `storedKey` (the legacy upgrade's safety check). */
export function isSealed(storedKey: string, sealed: Uint8Array): boolean {
  try {
    verify(storedKey, storedKey, sealed);
    return true;
  } catch {
    return false;
  }
}
