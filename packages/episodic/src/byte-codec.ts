/**
 * The byte-level pieces of the episodic binary formats (`block-codec.ts`, `stage-codec.ts`):
 * a format byte and a CRC-32 of everything after the 5-byte header, then unsigned varints
 * (7 bits a byte, up to 2^53: arithmetic, not bitwise, past 2^31), signed ones (zigzag: 0,
 * -1, 1, -2 … as 0, 1, 2, 3 …) and length-prefixed text.
 */
import { crc32 } from "node:zlib";
import type { StorageError } from "@mnemo/core";

/** The format byte and the CRC-32. */
export const HEADER = 5;

export class Writer {
  bytes: Buffer;
  at = HEADER;
  constructor(capacity: number) {
    this.bytes = Buffer.allocUnsafe(capacity);
  }
  reserve(n: number): void {
    if (this.at + n <= this.bytes.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.at + n));
    grown.set(this.bytes.subarray(0, this.at));
    this.bytes = grown;
  }
  varint(value: number): void {
    if (value < 0x80 && this.at < this.bytes.length) {
      this.bytes[this.at++] = value;
      return;
    }
    this.reserve(8);
    let v = value;
    while (v >= 0x80) {
      this.bytes[this.at++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.bytes[this.at++] = v;
  }
  /** A signed integer, zigzag-encoded (timestamp deltas may be negative). */
  signed(value: number): void {
    this.varint(value >= 0 ? value * 2 : -value * 2 - 1);
  }
  text(value: string, utf8: boolean): void {
    const length = utf8 ? Buffer.byteLength(value) : value.length;
    this.varint(length);
    this.reserve(length);
    this.bytes.write(value, this.at, length, utf8 ? "utf8" : "latin1");
    this.at += length;
  }
}

/** Reads what `Writer` wrote; every malformed or out-of-range read is `corrupted(why)`. */
export class Reader {
  readonly #bytes: Uint8Array;
  readonly #buffer: Buffer;
  readonly #corrupted: (why: string) => StorageError;
  readonly end: number;
  at: number;

  constructor(bytes: Uint8Array, at: number, corrupted: (why: string) => StorageError) {
    this.#bytes = bytes;
    this.#buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.#corrupted = corrupted;
    this.end = bytes.length;
    this.at = at;
  }

  varint(): number {
    const bytes = this.#bytes;
    let value = 0;
    let scale = 1;
    for (;;) {
      if (this.at >= this.end || scale > 2 ** 49) throw this.#corrupted("has a malformed number");
      const byte = bytes[this.at++]!;
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 0x80;
    }
  }

  /** What `Writer.signed` wrote. */
  signed(): number {
    const z = this.varint();
    return z % 2 === 0 ? z / 2 : -(z + 1) / 2;
  }

  text(encoding: "latin1" | "utf8"): string {
    const length = this.varint();
    if (this.at + length > this.end) throw this.#corrupted("is truncated");
    const value = this.#buffer.toString(encoding, this.at, this.at + length);
    this.at += length;
    return value;
  }
}

/** Throws unless `bytes` holds a header whose CRC-32 matches the rest; the rest's view. */
export function checkHeader(bytes: Uint8Array, corrupted: (why: string) => StorageError): DataView {
  if (bytes.length < HEADER) throw corrupted("is truncated");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(1) !== crc32(bytes.subarray(HEADER))) throw corrupted("fails its checksum");
  return view;
}

/** Sets `out`'s format byte and the CRC-32 of everything after the header. */
export function sealHeader(out: Uint8Array, format: number): void {
  out[0] = format;
  new DataView(out.buffer, out.byteOffset, out.byteLength).setUint32(
    1,
    crc32(out.subarray(HEADER)),
  );
}
