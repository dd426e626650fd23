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
import { describe, StorageError } from "@mnemo/core";
import { writeBlock } from "./block-codec.js";
import { checkHeader, HEADER, Reader, sealHeader, Writer } from "./byte-codec.js";
import type { PostingBlock } from "./keyspace.js";

export const CHUNK_FORMAT = 1;

function corrupted(key: string | undefined, why: string): StorageError {
  return new StorageError("CORRUPTED", `staged chunk ${describe(key)} ${why}`, {
    details: key === undefined ? {} : { key },
  });
}

/** The chunk of `blocks`, each encoded in place (one buffer for the chunk). */
export function encodeChunk(blocks: readonly (readonly [term: string, block: PostingBlock])[]) {
  let size = 0;
  for (const [term, [ids, , session]] of blocks) {
    size += term.length * 3 + ids.length + 96 + session.length * 12;
  }
  return writeChunk(
    blocks.map(([term]) => term),
    (w, i) => writeBlock(w, blocks[i]![1]),
    size,
  );
}

/**
 * The chunk of `terms`, each term's block value written in place by `writeValue(w, i)` (at
 * the writer's position, as `writeBlock` writes one); `size` is a first guess of its bytes.
 */
export function writeChunk(
  terms: readonly string[],
  writeValue: (w: Writer, i: number) => void,
  size: number,
): Uint8Array {
  const w = new Writer(HEADER + 16 + size);
  w.at = HEADER + 4;
  const lengths: number[] = [];
  for (let i = 0; i < terms.length; i++) {
    const start = w.at;
    writeValue(w, i);
    lengths.push(w.at - start);
  }
  const directory = w.at;
  w.varint(terms.length);
  terms.forEach((term, i) => {
    w.text(term, true);
    w.varint(lengths[i]!);
  });
  const out = w.bytes.subarray(0, w.at);
  new DataView(out.buffer, out.byteOffset).setUint32(HEADER, directory);
  sealHeader(out, CHUNK_FORMAT);
  return out;
}

/** Every term of the chunk and its block value (views into `bytes`), in directory order. */
export function decodeChunk(bytes: Uint8Array, key?: string): Map<string, Uint8Array> {
  if (bytes.length < HEADER || bytes[0] !== CHUNK_FORMAT) {
    throw corrupted(key, `has format version ${bytes[0] ?? "none"}; expected ${CHUNK_FORMAT}`);
  }
  const fail = (why: string) => corrupted(key, why);
  const view = checkHeader(bytes, fail);
  if (bytes.length < HEADER + 4) throw fail("is truncated");
  let block = HEADER + 4;
  const r = new Reader(bytes, view.getUint32(HEADER), fail);
  if (r.at < block || r.at > r.end) throw fail("has a bad directory offset");
  const blocksEnd = r.at;
  const n = r.varint();
  const directory: [string, number][] = [];
  for (let i = 0; i < n; i++) directory.push([r.text("utf8"), r.varint()]);
  if (r.at !== r.end) throw fail("has trailing bytes");
  const out = new Map<string, Uint8Array>();
  for (const [term, length] of directory) {
    if (block + length > blocksEnd) throw corrupted(key, "is truncated");
    out.set(term, bytes.subarray(block, block + length));
    block += length;
  }
  if (block !== blocksEnd) throw corrupted(key, "has bytes no block holds");
  return out;
}
