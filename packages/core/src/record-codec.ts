/**
 * Values components store: one format-version byte, then UTF-8 JSON. The version byte lets
 * a record's shape evolve; a reader refuses versions it does not know with `CORRUPTED`.
 */
import { utf8Decode, utf8Encode } from "./bytes.js";
import { describe, StorageError } from "./errors.js";
import { toJson } from "./json.js";

export interface RecordCodec<T> {
  readonly version: number;
  encode(value: T): Uint8Array;
  /** `key` only names the record in error messages. */
  decode(bytes: Uint8Array, key?: string): T;
}

export function jsonRecordCodec<T>(version = 1): RecordCodec<T> {
  if (!Number.isInteger(version) || version < 1 || version > 255) {
    throw new RangeError("record codec version must be an integer in 1..255");
  }
  return {
    version,
    encode(value: T): Uint8Array {
      const body = utf8Encode(toJson(value, "record"));
      const out = new Uint8Array(body.byteLength + 1);
      out[0] = version;
      out.set(body, 1);
      return out;
    },
    decode(bytes: Uint8Array, key?: string): T {
      const where = key === undefined ? "record" : `record ${describe(key)}`;
      if (bytes.byteLength === 0 || bytes[0] !== version) {
        throw new StorageError(
          "CORRUPTED",
          `${where} has format version ${bytes[0] ?? "none"}; expected ${version}`,
          { details: key === undefined ? {} : { key } },
        );
      }
      try {
        return JSON.parse(utf8Decode(bytes.subarray(1))) as T;
      } catch (cause) {
        throw new StorageError("CORRUPTED", `${where} is not valid JSON`, {
          cause,
          details: key === undefined ? {} : { key },
        });
      }
    },
  };
}
