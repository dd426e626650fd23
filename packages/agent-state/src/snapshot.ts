/** Snapshot records: the payload as text in a JSON record, with its blake3 checksum. */
import { blake3Hex, StorageError, toJson, utf8Decode, utf8Encode } from "@mnemo/core";

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

/** Stored at the data key: the info plus the payload (JSON text, or base64 of the bytes). */
export interface SnapshotRecord extends SnapshotInfo {
  readonly payload: string;
}

export interface EncodedPayload {
  readonly encoding: SnapshotEncoding;
  readonly payload: string;
  readonly size: number;
  readonly checksum: string;
}

export function encodePayload(data: unknown): EncodedPayload {
  if (data instanceof Uint8Array) {
    return {
      encoding: "bytes",
      payload: Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString("base64"),
      size: data.byteLength,
      checksum: blake3Hex(data),
    };
  }
  if (data === undefined) {
    throw new StorageError("INVALID_ARGUMENT", "data must be a Uint8Array or a JSON value", {
      details: { field: "data" },
    });
  }
  const text = toJson(data, "data");
  const bytes = utf8Encode(text);
  return { encoding: "json", payload: text, size: bytes.byteLength, checksum: blake3Hex(bytes) };
}

/** Recomputes the checksum; a mismatch is `CORRUPTED`, never wrong data handed out. */
export function decodePayload(record: SnapshotRecord, expectedChecksum: string): unknown {
  const corrupted = (why: string, cause?: unknown) =>
    new StorageError(
      "CORRUPTED",
      `snapshot ${record.version} of agent ${JSON.stringify(record.agentId)} ${why}`,
      { cause, details: { agentId: record.agentId, version: record.version } },
    );
  if (typeof record.payload !== "string") throw corrupted("has no payload");
  const bytes =
    record.encoding === "bytes"
      ? new Uint8Array(Buffer.from(record.payload, "base64"))
      : utf8Encode(record.payload);
  const actual = blake3Hex(bytes);
  if (
    actual !== expectedChecksum ||
    actual !== record.checksum ||
    bytes.byteLength !== record.size
  ) {
    throw corrupted(`fails its checksum (stored ${expectedChecksum}, computed ${actual})`);
  }
  if (record.encoding === "bytes") return bytes;
  if (record.encoding !== "json") throw corrupted(`has unknown encoding ${record.encoding}`);
  try {
    return JSON.parse(utf8Decode(bytes));
  } catch (cause) {
    throw corrupted("is not valid JSON", cause);
  }
}

export function infoOf(record: SnapshotRecord): SnapshotInfo {
  const { payload: _payload, ...info } = record;
  return info;
}
