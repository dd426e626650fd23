/**
 * The stored form of a staged chunk (`staging.ts`): the posting blocks one append call wrote
 * for the terms of one chunk, each a format-2 block value (`block-codec.ts`), then a
 * directory of their terms, under a CRC-32 of everything after it:
 *
 *   u8 1 | u32 crc32(rest) | rest: u32 directory offset | the block values, in directory order
 *   | directory: varint terms | per term: varint termBytes | term (UTF-8) | varint blockBytes
 *
 * A search reads the directory and decodes only its term's block.
 */
import { crc32 } from "node:zlib";
import { describe, StorageError } from "@mnemo/core";
import { HEADER, Writer, writeBlock } from "./block-codec.js";
import type { PostingBlock } from "./keyspace.js";

export const CHUNK_FORMAT = 1;

function corrupted(key: string | undefined, why: string): StorageError {
  return new StorageError("CORRUPTED", `staged chunk ${describe(key)} ${why}`, {
    details: key === undefined ? {} : { key },
  });
}

/** The chunk of `blocks`, each encoded in place (one buffer for the chunk). */
export function encodeChunk(blocks: readonly (readonly [term: string, block: PostingBlock])[]) {
  let size = HEADER + 16;
  for (const [term, [ids, , session]] of blocks) {
    size += term.length * 3 + ids.length + 96 + session.length * 12;
  }
  const w = new Writer(size);
  w.at = HEADER + 4;
  const lengths: number[] = [];
  for (const [, block] of blocks) {
    const start = w.at;
    writeBlock(w, block);
    lengths.push(w.at - start);
  }
  const directory = w.at;
  w.varint(blocks.length);
  blocks.forEach(([term], i) => {
    w.text(term, true);
    w.varint(lengths[i]!);
  });
  const out = w.bytes.subarray(0, w.at);
  const view = new DataView(out.buffer, out.byteOffset);
  out[0] = CHUNK_FORMAT;
  view.setUint32(HEADER, directory);
  view.setUint32(1, crc32(out.subarray(HEADER)));
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
  if (end < HEADER + 4) throw corrupted(key, "is truncated");
  let block = HEADER + 4;
  at = view.getUint32(HEADER);
  if (at < block || at > end) throw corrupted(key, "has a bad directory offset");
  const blocksEnd = at;
  const n = varint();
  const directory: [string, number][] = [];
  for (let i = 0; i < n; i++) {
    const length = varint();
    if (at + length > end) throw corrupted(key, "is truncated");
    const term = buffer.toString("utf8", at, at + length);
    at += length;
    directory.push([term, varint()]);
  }
  if (at !== end) throw corrupted(key, "has trailing bytes");
  const out = new Map<string, Uint8Array>();
  for (const [term, length] of directory) {
    if (block + length > blocksEnd) throw corrupted(key, "is truncated");
    out.set(term, bytes.subarray(block, block + length));
    block += length;
  }
  if (block !== blocksEnd) throw corrupted(key, "has bytes no block holds");
  return out;
}
