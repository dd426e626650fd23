/**
 * Snapshot records. A record is binary: format byte 2, the length of a JSON header (the
 * snapshot's info) as 4 bytes big-endian, the header, then the payload bytes as they are
 * (UTF-8 JSON text, or the caller's bytes) — no base64, so a snapshot of n bytes costs n
 * bytes plus its header. Records of format 1 (a JSON record with the payload as base64 or
 * text) are still read; their base64 is checked strictly, never silently repaired.
 */
import {
  blake3Hex,
  jsonRecordCodec,
  StorageError,
  toJson,
  utf8Decode,
  utf8Encode,
} from "@mnemo/core";

export type SnapshotEncoding = "json" | "bytes";

export interface SnapshotInfo {
  readonly agentId: string;
  readonly version: number;
  /** Epoch ms. */
  readonly savedAt: number;
  readonly encoding: SnapshotEncoding;
  /** Payload size in bytes (UTF-8 JSON text, or the bytes). */
  readonly size: number;
  /** blake3 of the payload bytes, hex. */
  readonly checksum: string;
  readonly metadata?: Readonly<Record<string, unknown>>;
}

export interface Snapshot extends SnapshotInfo {
  /** A `Uint8Array` for `bytes` snapshots, the parsed value for `json` ones. */
  readonly data: unknown;
}

export interface EncodedPayload {
  readonly encoding: SnapshotEncoding;
  readonly bytes: Uint8Array;
  readonly checksum: string;
}

const FORMAT = 2;
const HEADER_AT = 5;
/** Format 1: the info plus the payload as a string, in a JSON record. */
const legacyCodec = jsonRecordCodec<SnapshotInfo & { readonly payload: string }>();
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function encodePayload(data: unknown): EncodedPayload {
  if (data instanceof Uint8Array) {
    const bytes = new Uint8Array(data); // a copy: later edits by the caller cannot leak in
    return { encoding: "bytes", bytes, checksum: blake3Hex(bytes) };
  }
  if (data === undefined) {
    throw new StorageError("INVALID_ARGUMENT", "data must be a Uint8Array or a JSON value", {
      details: { field: "data" },
    });
  }
  const bytes = utf8Encode(toJson(data, "data"));
  return { encoding: "json", bytes, checksum: blake3Hex(bytes) };
}

export function encodeRecord(info: SnapshotInfo, payload: Uint8Array): Uint8Array {
  const header = utf8Encode(JSON.stringify(info));
  const out = new Uint8Array(HEADER_AT + header.byteLength + payload.byteLength);
  out[0] = FORMAT;
  new DataView(out.buffer).setUint32(1, header.byteLength);
  out.set(header, HEADER_AT);
  out.set(payload, HEADER_AT + header.byteLength);
  return out;
}

/** The bytes `encodeRecord` will write for `info` and a payload of `payloadBytes`. */
export function recordSize(info: SnapshotInfo, payloadBytes: number): number {
  return HEADER_AT + utf8Encode(JSON.stringify(info)).byteLength + payloadBytes;
}

/**
 * The snapshot in `bytes`, its checksum recomputed and compared with the header's and with
 * `expected` (the info record's): any mismatch is `CORRUPTED`, never wrong data handed out.
 */
export function decodeRecord(bytes: Uint8Array, expected: SnapshotInfo, key: string): Snapshot {
  const corrupted = (why: string, cause?: unknown) =>
    new StorageError(
      "CORRUPTED",
      `snapshot ${expected.version} of agent ${JSON.stringify(expected.agentId)} ${why}`,
      { cause, details: { key, agentId: expected.agentId, version: expected.version } },
    );
  let header: SnapshotInfo;
  let payload: Uint8Array;
  if (bytes[0] === FORMAT && bytes.byteLength >= HEADER_AT) {
    const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(1);
    if (HEADER_AT + length > bytes.byteLength) throw corrupted("has a truncated header");
    try {
      header = JSON.parse(utf8Decode(bytes.subarray(HEADER_AT, HEADER_AT + length)));
    } catch (cause) {
      throw corrupted("has a header that is not JSON", cause);
    }
    payload = bytes.subarray(HEADER_AT + length);
  } else {
    let record: SnapshotInfo & { readonly payload: string };
    try {
      record = legacyCodec.decode(bytes, key);
    } catch (cause) {
      throw corrupted("is not a snapshot record", cause);
    }
    if (typeof record.payload !== "string") throw corrupted("has no payload");
    if (record.encoding === "bytes" && !BASE64.test(record.payload)) {
      throw corrupted("has a payload that is not base64");
    }
    const { payload: text, ...info } = record;
    header = info;
    payload =
      record.encoding === "bytes" ? new Uint8Array(Buffer.from(text, "base64")) : utf8Encode(text);
  }
  const actual = blake3Hex(payload);
  if (
    actual !== expected.checksum ||
    header === null ||
    typeof header !== "object" ||
    header.checksum !== expected.checksum ||
    header.version !== expected.version ||
    header.encoding !== expected.encoding ||
    payload.byteLength !== expected.size
  ) {
    throw corrupted(`fails its checksum (stored ${expected.checksum}, computed ${actual})`);
  }
  if (expected.encoding === "bytes") return { ...expected, data: new Uint8Array(payload) };
  if (expected.encoding !== "json") throw corrupted(`has unknown encoding ${expected.encoding}`);
  try {
    return { ...expected, data: JSON.parse(utf8Decode(payload)) };
  } catch (cause) {
    throw corrupted("is not valid JSON", cause);
  }
}
