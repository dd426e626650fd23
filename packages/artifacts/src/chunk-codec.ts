/**
 * A stored chunk is one format byte (how it is compressed) and the bytes. Reading one
 * decompresses it and checks its blake3 before any byte is handed out.
 */
import { promisify } from "node:util";
import { brotliCompress, brotliDecompress, constants, gunzip, gzip } from "node:zlib";
import { blake3Hex, StorageError } from "@mnemo/core";
import type { Compression } from "./artifact.js";
import { FRAME_HEADER } from "./chunker.js";

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);
const brotliAsync = promisify(brotliCompress);
const unbrotliAsync = promisify(brotliDecompress);

const FORMAT: Readonly<Record<Compression, number>> = { none: 0, gzip: 1, brotli: 2 };

function framed(format: number, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(body.byteLength + 1);
  out[0] = format;
  out.set(body, 1);
  return out;
}

/** The stored frame of an uncompressed chunk, in place when the chunker left room before it. */
function uncompressed(chunk: Uint8Array): Uint8Array {
  if (chunk.byteOffset < FRAME_HEADER) return framed(0, chunk);
  const frame = new Uint8Array(
    chunk.buffer,
    chunk.byteOffset - FRAME_HEADER,
    chunk.byteLength + FRAME_HEADER,
  );
  frame[0] = 0;
  return frame;
}

export async function encodeChunk(
  chunk: Uint8Array,
  compression: Compression,
): Promise<Uint8Array> {
  if (compression === "none") return uncompressed(chunk);
  const body =
    compression === "gzip"
      ? await gzipAsync(chunk)
      : await brotliAsync(chunk, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } });
  // Incompressible data is stored as it is rather than grown.
  return body.byteLength < chunk.byteLength
    ? framed(FORMAT[compression], body)
    : uncompressed(chunk);
}

export async function decodeChunk(
  stored: Uint8Array,
  expectedHash: string,
  where: string,
): Promise<Uint8Array> {
  const corrupted = (why: string, cause?: unknown) =>
    new StorageError("CORRUPTED", `${where}: ${why}`, { cause, details: { chunk: expectedHash } });
  const body = stored.subarray(1);
  let bytes: Uint8Array;
  try {
    switch (stored[0]) {
      case 0:
        bytes = body;
        break;
      case 1:
        bytes = await gunzipAsync(body);
        break;
      case 2:
        bytes = await unbrotliAsync(body);
        break;
      default:
        throw corrupted(`unknown chunk format ${stored[0]}`);
    }
  } catch (error) {
    if (error instanceof StorageError) throw error;
    throw corrupted("chunk does not decompress", error);
  }
  if (blake3Hex(bytes) !== expectedHash) throw corrupted("chunk does not match its blake3 hash");
  return bytes;
}
