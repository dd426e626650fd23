/**
 * The counters `sum` mutations add to: a 64-bit signed integer stored as 8 bytes, big-endian
 * two's complement (PostgreSQL's `int8send` format, so a backend can add in SQL).
 */
import { describe, StorageError } from "./errors.js";

export const COUNTER_BYTES = 8;
export const MIN_COUNTER = -(2n ** 63n);
export const MAX_COUNTER = 2n ** 63n - 1n;

export function encodeCounter(value: bigint): Uint8Array {
  if (value < MIN_COUNTER || value > MAX_COUNTER) {
    throw new StorageError(
      "INVALID_VALUE",
      `counter value ${value} is outside 64-bit signed range`,
      {
        details: { value: value.toString() },
      },
    );
  }
  const bytes = new Uint8Array(COUNTER_BYTES);
  new DataView(bytes.buffer).setBigInt64(0, value, false);
  return bytes;
}

/** The counter stored in `bytes`; `INVALID_VALUE` (naming `key`) when it is not 8 bytes. */
export function decodeCounter(bytes: Uint8Array, key?: string): bigint {
  if (bytes.byteLength !== COUNTER_BYTES) {
    const where = key === undefined ? "value" : `value of key ${describe(key)}`;
    throw new StorageError(
      "INVALID_VALUE",
      `${where} is ${bytes.byteLength} bytes, not an 8-byte counter`,
      { details: key === undefined ? {} : { key } },
    );
  }
  return new DataView(bytes.buffer, bytes.byteOffset, COUNTER_BYTES).getBigInt64(0, false);
}

/** `a + b`, refused with `INVALID_VALUE` (naming `key`) when it leaves the 64-bit range. */
export function addCounter(a: bigint, b: bigint, key: string): bigint {
  const sum = a + b;
  if (sum < MIN_COUNTER || sum > MAX_COUNTER) {
    throw new StorageError(
      "INVALID_VALUE",
      `sum on key ${describe(key)} overflows a 64-bit signed counter`,
      { details: { key } },
    );
  }
  return sum;
}
