/**
 * hnswlib-node reads and writes its index only through files, so a snapshot passes through a
 * private temporary file on its way to and from the backend: the backend stays the only
 * place the index lives, the file exists for the duration of one call.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import hnswlib from "hnswlib-node";
import type { Metric } from "./types.js";

export type HnswIndex = InstanceType<typeof hnswlib.HierarchicalNSW>;

function withTempFile<T>(body: (path: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), "mnemo-hnsw-"));
  try {
    return body(join(dir, `${randomUUID()}.bin`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Synchronous on purpose: the bytes are a consistent picture of the index at this instant. */
export function serializeIndex(index: HnswIndex): Uint8Array {
  return withTempFile((path) => {
    index.writeIndexSync(path);
    const buffer = readFileSync(path);
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  });
}

export function deserializeIndex(metric: Metric, dimension: number, bytes: Uint8Array): HnswIndex {
  return withTempFile((path) => {
    writeFileSync(path, bytes);
    const index = new hnswlib.HierarchicalNSW(metric, dimension);
    index.readIndexSync(path, true);
    return index;
  });
}

export function createIndex(
  metric: Metric,
  dimension: number,
  capacity: number,
  M: number,
  efConstruction: number,
): HnswIndex {
  const index = new hnswlib.HierarchicalNSW(metric, dimension);
  // A fixed seed keeps builds reproducible; deleted slots are reused by later inserts.
  index.initIndex(Math.max(16, capacity), M, efConstruction, 100, true);
  return index;
}
