/**
 * Artifact store throughput: put and get MB/s for 4 KiB, 1 MiB and 64 MiB artifacts, beside
 * hashing the same bytes alone (@mnemo/core's blake3 helper, node:crypto sha256) so the
 * storage overhead reads as a ratio; and the cost of a dedup hit. blake3.ts compares blake3
 * bindings.
 */
import { createHash } from "node:crypto";
import { performance } from "node:perf_hooks";
import { ArtifactStore } from "@mnemo/artifacts";
import { createBlake3 } from "@mnemo/core";
import type { ComponentBenchmark, Figure } from "../harness/component-bench.js";
import { measureLatency } from "../harness/measure.js";

const KiB = 1024;
const MiB = 1024 * KiB;

function bytes(size: number, seed: number): Uint8Array {
  const out = new Uint8Array(size);
  let x = seed || 1;
  for (let i = 0; i < size; i += 4) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
    out[i + 1] = (x >>> 8) & 0xff;
    out[i + 2] = (x >>> 16) & 0xff;
    out[i + 3] = (x >>> 24) & 0xff;
  }
  return out;
}

/** Hashes in 1 MiB slices, as a streaming put does. */
function sliced(data: Uint8Array, hasher: { update(d: Uint8Array): unknown }): void {
  for (let i = 0; i < data.byteLength; i += MiB) hasher.update(data.subarray(i, i + MiB));
}

/** MB/s of `op` over `data`, repeated until `minMs` have passed (at least `minRuns`). */
async function mbPerSec(
  size: number,
  op: (i: number) => Promise<unknown> | unknown,
  minRuns: number,
  minMs: number,
) {
  let runs = 0;
  const start = performance.now();
  while (runs < minRuns || performance.now() - start < minMs) await op(runs++);
  return (runs * size) / MiB / ((performance.now() - start) / 1000);
}

export const artifactsBenchmark: ComponentBenchmark = {
  component: "artifacts",
  async run(ctx) {
    const figures: Figure[] = [];
    const sizes = ctx.quick ? [4 * KiB, MiB] : [4 * KiB, MiB, 64 * MiB];
    const minMs = ctx.quick ? 50 : 1500;
    for (const size of sizes) {
      const label = size >= MiB ? `${size / MiB} MiB` : `${size / KiB} KiB`;
      const minRuns = size >= 64 * MiB ? 3 : 5;
      const store = new ArtifactStore(await ctx.open("artifacts"));
      // Distinct content per put, so every put stores (no dedup): seed the first bytes by run.
      const base = bytes(size, 7);
      const distinct = (i: number) => {
        base[0] = i & 0xff;
        base[1] = (i >>> 8) & 0xff;
        base[2] = (i >>> 16) & 0xff;
        return base;
      };
      ctx.progress(`put ${label}`);
      const ids: string[] = [];
      const put = await mbPerSec(
        size,
        async (i) =>
          ids.push(
            (
              await store.put(distinct(i), {
                contentType: "application/octet-stream",
                kind: "data",
              })
            ).artifactId,
          ),
        minRuns,
        minMs,
      );
      ctx.progress(`get ${label}`);
      const get = await mbPerSec(size, (i) => store.get(ids[i % ids.length]!), minRuns, minMs);
      const blake3 = await mbPerSec(
        size,
        (i) => {
          const h = createBlake3();
          sliced(distinct(i), h);
          return h.digestHex();
        },
        minRuns,
        minMs / 3,
      );
      const sha = await mbPerSec(
        size,
        (i) => {
          const h = createHash("sha256");
          sliced(distinct(i), h);
          return h.digest();
        },
        minRuns,
        minMs / 3,
      );
      const hashing = `blake3 ${blake3.toFixed(0)} MB/s, sha256 ${sha.toFixed(0)} MB/s`;
      figures.push(
        {
          name: `put ${label}`,
          unit: "MB/s",
          value: put,
          baseline: { name: "blake3 (hash only)", value: blake3 },
          notes: hashing,
        },
        {
          name: `get ${label} (verified)`,
          unit: "MB/s",
          value: get,
          baseline: { name: "blake3 (hash only)", value: blake3 },
        },
      );
    }
    // A dedup hit: the content is stored already, so a put is one hash and one compareAndSwap.
    const store = new ArtifactStore(await ctx.open("artifacts"));
    const content = bytes(64 * KiB, 3);
    await store.put(content, { contentType: "application/octet-stream", kind: "data" });
    const hit = await measureLatency(
      () => store.put(content, { contentType: "application/octet-stream", kind: "data" }),
      {
        iterations: ctx.quick ? 20 : 500,
      },
    );
    figures.push({
      name: "dedup hit (64 KiB put of stored content)",
      unit: "us",
      value: hit.p50Us,
      p50: hit.p50Us,
      p95: hit.p95Us,
      p99: hit.p99Us,
    });
    return figures;
  },
};
