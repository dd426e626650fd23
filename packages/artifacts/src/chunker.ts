/**
 * Turns any accepted content into fixed-size chunks without holding more than one chunk
 * (plus one incoming piece) in memory.
 *
 * A chunk is valid only until the next one is requested: one buffer is reused, so a 1 GiB
 * upload allocates 1 MiB, not a thousand buffers for the garbage collector to catch up with.
 * Backends never keep a caller's buffer once a write resolves (the conformance suite checks
 * it), so the consumer may store a chunk and then ask for the next.
 *
 * The chunk view starts at byte 1 of the buffer: byte 0 is left free for the storage frame's
 * format byte, so an uncompressed chunk is stored without another copy.
 */
import { StorageError } from "@mnemo/core";
import type { ArtifactContent } from "./artifact.js";

/** Bytes reserved in front of each chunk for the storage frame. */
export const FRAME_HEADER = 1;

function pieces(content: ArtifactContent): AsyncIterable<unknown> | Iterable<unknown> {
  if (content instanceof Uint8Array) return [content];
  if (
    content != null &&
    (Symbol.asyncIterator in Object(content) || Symbol.iterator in Object(content))
  ) {
    return content as AsyncIterable<unknown>;
  }
  throw new StorageError(
    "INVALID_ARGUMENT",
    "content must be a Uint8Array, a Readable, a ReadableStream or an (async) iterable of Uint8Array",
  );
}

export async function* chunked(
  content: ArtifactContent,
  chunkSize: number,
): AsyncGenerator<Uint8Array> {
  const buffer = new Uint8Array(chunkSize + FRAME_HEADER).subarray(FRAME_HEADER);
  let filled = 0;
  for await (const piece of pieces(content)) {
    if (!(piece instanceof Uint8Array)) {
      throw new StorageError(
        "INVALID_ARGUMENT",
        `content yielded ${typeof piece}; expected Uint8Array chunks`,
      );
    }
    let offset = 0;
    while (offset < piece.byteLength) {
      const take = Math.min(chunkSize - filled, piece.byteLength - offset);
      buffer.set(piece.subarray(offset, offset + take), filled);
      filled += take;
      offset += take;
      if (filled === chunkSize) {
        yield buffer;
        filled = 0;
      }
    }
  }
  if (filled > 0) yield buffer.subarray(0, filled);
}
