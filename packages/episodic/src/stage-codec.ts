/**
 * The stored form of a staged chunk (`staging.ts`): the posting blocks one append call wrote
 * for the terms of one chunk, each a format-2 block value (`block-codec.ts`), behind a
 * directory of their terms, under a CRC-32 of everything after it:
 *
 *   u8 1 | u32 crc32(rest) | rest: varint terms | per term: varint termBytes | term (UTF-8)
 *   | varint blockBytes | then the block values, in directory order
 *
 * A search reads the directory and decodes only its term's block.
 */
import { crc32 } from "node:zlib";
import { describe, StorageError } from "@mnemo/core";
import { HEADER, Writer } from "./block-codec.js";

export const CHUNK_FORMAT = 1;

function corrupted(key: string | undefined, why: string): StorageError {
  return new StorageError("CORRUPTED", `staged chunk ${describe(key)} ${why}`, {
    details: key === undefined ? {} : { key },
  });
}

export function encodeChunk(blocks: readonly (readonly [term: string, value: Uint8Array])[]) {
  let size = HEADER + 8;
  for (const [term, value] of blocks) size += term.length * 3 + 16 + value.byteLength;
  const w = new Writer(size);
  w.varint(blocks.length);
  for (const [term, value] of blocks) {
    w.text(term, true);
    w.varint(value.byteLength);
  }
  for (const [, value] of blocks) {
    w.reserve(value.byteLength);
    w.bytes.set(value, w.at);
    w.at += value.byteLength;
  }
  const out = w.bytes.subarray(0, w.at);
  out[0] = CHUNK_FORMAT;
  new DataView(out.buffer, out.byteOffset).setUint32(1, crc32(out.subarray(HEADER)));
  return out;
}

/** Every term of the chunk and its block value (views into `bytes`), in directory order. */
export function decodeChunk(bytes: Uint8Array, key?: string): Map<string, Uint8Array> {
  if (bytes.length < HEADER || bytes[0] !== CHUNK_FORMAT) {
    throw corrupted(key, `has format version ${bytes[0] ?? "none"}; expected ${CHUNK_FORMAT}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(1) !== crc32(bytes.subarray(HEADER))) {
    throw corrupted(key, "fails its checksum");
  }
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = bytes.length;
  let at = HEADER;
  const varint = (): number => {
    let value = 0;
    let scale = 1;
    for (;;) {
      if (at >= end || scale > 2 ** 49) throw corrupted(key, "has a malformed number");
      const byte = bytes[at++]!;
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 0x80;
    }
  };
  const n = varint();
  const directory: [string, number][] = [];
  for (let i = 0; i < n; i++) {
    const length = varint();
    if (at + length > end) throw corrupted(key, "is truncated");
    const term = buffer.toString("utf8", at, at + length);
    at += length;
    directory.push([term, varint()]);
  }
  const out = new Map<string, Uint8Array>();
  for (const [term, length] of directory) {
    if (at + length > end) throw corrupted(key, "is truncated");
    out.set(term, bytes.subarray(at, at + length));
    at += length;
  }
  if (at !== end) throw corrupted(key, "has trailing bytes");
  return out;
}
