/**
 * The artifact store's keys, all tuples (see @mnemo/core). The README's keyspace table
 * mirrors this file.
 *
 * | key                                | value                                   | used by                   |
 * |------------------------------------|-----------------------------------------|---------------------------|
 * | ("a", artifactId)                  | artifact record                         | get, stat, delete         |
 * | ("t", createdAt, artifactId)       | empty                                   | list                      |
 * | ("k", kind, createdAt, artifactId) | the content type (UTF-8)                | list by kind (+ type)     |
 * | ("m", contentType, createdAt, id)  | empty                                   | list by content type      |
 * | ("c", hash)                        | content record (generation, chunks)     | dedup, reads, listContents|
 * | ("n", hash)                        | 8-byte counter: artifacts referencing it| frees content at zero     |
 * | ("r", hash, artifactId)            | empty                                   | gc recounts references    |
 * | ("x", generation, chunkHash)       | 1 format byte + chunk bytes             | reads (verified)          |
 * | ("u", generation)                  | upload record (started at, reclaiming)  | gc of unowned chunks      |
 */
import { key, tupleRange } from "@mnemo/core";

export const artifactKey = (id: string) => key("a", id);
export const timeIndexKey = (createdAt: number, id: string) => key("t", createdAt, id);
export const kindIndexKey = (kind: string, createdAt: number, id: string) =>
  key("k", kind, createdAt, id);
export const typeIndexKey = (contentType: string, createdAt: number, id: string) =>
  key("m", contentType, createdAt, id);
export const contentKey = (hash: string) => key("c", hash);
export const refCountKey = (hash: string) => key("n", hash);
export const referenceKey = (hash: string, id: string) => key("r", hash, id);
export const chunkKey = (generation: string, chunkHash: string) => key("x", generation, chunkHash);
export const uploadKey = (generation: string) => key("u", generation);

export const ARTIFACTS = tupleRange(["a"]);
export const CONTENTS = tupleRange(["c"]);
export const UPLOADS = tupleRange(["u"]);
export const referencesOf = (hash: string) => tupleRange(["r", hash]);
export const chunksOf = (generation: string) => tupleRange(["x", generation]);
