/**
 * The artifact store's keys (all tuples, see @mnemo/core):
 *
 * | key                                   | value                                  | used by               |
 * |---------------------------------------|----------------------------------------|-----------------------|
 * | ("a", artifactId)                     | artifact record                        | get, stat, delete     |
 * | ("t", createdAt, artifactId)          | empty                                  | list                  |
 * | ("k", kind, createdAt, artifactId)    | empty                                  | list by kind          |
 * | ("m", contentType, createdAt, id)     | empty                                  | list by content type  |
 * | ("c", hash)                           | content record (refs, generation, ...) | dedup, get, delete    |
 * | ("x", generation, chunkHash)          | 1 format byte + chunk bytes            | get (verified)        |
 * | ("u", generation)                     | upload record (started at)             | gc of failed uploads  |
 */
import { key, tupleRange } from "@mnemo/core";

export const artifactKey = (id: string) => key("a", id);
export const timeIndexKey = (createdAt: number, id: string) => key("t", createdAt, id);
export const kindIndexKey = (kind: string, createdAt: number, id: string) =>
  key("k", kind, createdAt, id);
export const typeIndexKey = (contentType: string, createdAt: number, id: string) =>
  key("m", contentType, createdAt, id);
export const contentKey = (hash: string) => key("c", hash);
export const chunkKey = (generation: string, chunkHash: string) => key("x", generation, chunkHash);
export const uploadKey = (generation: string) => key("u", generation);

export const ARTIFACTS = tupleRange(["a"]);
export const CONTENTS = tupleRange(["c"]);
export const UPLOADS = tupleRange(["u"]);
export const chunksOf = (generation: string) => tupleRange(["x", generation]);
